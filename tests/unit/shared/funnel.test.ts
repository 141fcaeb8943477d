/** @module The funnel order helpers: rank, at-or-past, stages passed through. */
import { describe, expect, it } from 'vitest';
import { atOrPast, emptyFunnel, FUNNEL_STAGES, funnelRank, stagesThrough } from '../../../shared/funnel.ts';

describe('funnel order', () => {
  it('ranks stages in order, none as -1', () => {
    expect(FUNNEL_STAGES.map(funnelRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(funnelRank(null)).toBe(-1);
    expect(funnelRank(undefined)).toBe(-1);
  });

  it('tells whether a stage is at or past a mark', () => {
    expect(atOrPast('signaling', 'signaling')).toBe(true);
    expect(atOrPast('playing', 'first-frame')).toBe(true);
    expect(atOrPast('preflight', 'signaling')).toBe(false);
    expect(atOrPast(null, 'page')).toBe(false);
  });

  it('lists the stages passed through, page first', () => {
    expect(stagesThrough(null)).toEqual([]);
    expect(stagesThrough('page')).toEqual(['page']);
    expect(stagesThrough('offer')).toEqual(['page', 'preflight', 'signaling', 'offer']);
    expect(stagesThrough('playing')).toEqual([...FUNNEL_STAGES]);
  });

  it('starts every stage at zero', () => {
    expect(Object.values(emptyFunnel())).toEqual(FUNNEL_STAGES.map(() => 0));
  });
});
