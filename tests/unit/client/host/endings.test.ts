/** Endings apart from failures: counts per ending, and a normal shutdown never counted as a failure. */
import { describe, expect, it } from 'vitest';
import {
  endedTotal,
  endingParts,
  endingsOf,
  endingsOfSessions,
  failureCounts,
  failureTotal,
  isFailure,
} from '../../../../client/src/host/endings.ts';
import { makeTick, makeViewer } from './fakes.ts';

describe('endings', () => {
  it('reads the tick’s endings, zeros for a tick stored before they were counted', () => {
    const tick = makeTick(1, { endings: { left: 12, shutdown: 30, lost: 2, 'phase-end': 0 } });
    expect(endedTotal(endingsOf(tick))).toBe(44);
    expect(endingParts(endingsOf(tick))).toEqual([
      { key: 'left', n: 12 },
      { key: 'shutdown', n: 30 },
      { key: 'lost', n: 2 },
    ]);
    const old = { ...makeTick(1) } as Partial<ReturnType<typeof makeTick>>;
    delete old.endings;
    expect(endingsOf(old as never)).toEqual({ left: 0, shutdown: 0, lost: 0, 'phase-end': 0 });
    expect(endingsOf(null)).toEqual({ left: 0, shutdown: 0, lost: 0, 'phase-end': 0 });
  });

  it('never counts a normal shutdown as a failure, even from older ticks that listed it', () => {
    const tick = makeTick(1, { failures: { 'ice-failed': 2, shutdown: 30, 'join-timeout': 1 } });
    expect(failureCounts(tick)).toEqual({ 'ice-failed': 2, 'join-timeout': 1 });
    expect(failureTotal(tick)).toBe(3);
    expect(failureTotal(null)).toBe(0);
    expect(isFailure({ category: 'shutdown' })).toBe(false);
    expect(isFailure({ category: 'dropped' })).toBe(true);
  });

  it('counts a finished phase’s endings from its sessions (open ones are not counted)', () => {
    const rows = [
      makeViewer('a'),
      makeViewer('b', { ending: 'phase-end' }),
      makeViewer('c', { ending: 'phase-end' }),
      makeViewer('d', { ending: 'left' }),
    ];
    expect(endingsOfSessions(rows)).toEqual({ left: 1, shutdown: 0, lost: 0, 'phase-end': 2 });
  });
});
