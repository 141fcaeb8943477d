/** REST answers merged with socket events that may have overtaken them. */
import { describe, expect, it } from 'vitest';
import { activeAlerts, mergeAlertLog, mergeFailures, mergeMarkers } from '../../../../client/src/host/live-merge.ts';
import { makeNotice } from './fakes.ts';

describe('live merge', () => {
  it('unions markers by id in time order', () => {
    const m = (id: number, t: number) => ({
      id,
      eventId: 'ev-1',
      phase: 'live' as const,
      t,
      kind: 'note' as const,
      label: '',
    });
    expect(mergeMarkers([m(2, 20), m(1, 10)], [m(2, 20), m(3, 5)]).map((x) => x.id)).toEqual([3, 1, 2]);
  });

  it('unions alert log entries and failures, newest first, bounded', () => {
    const log = mergeAlertLog([makeNotice('raised', 10)], [makeNotice('raised', 10), makeNotice('cleared', 20)], 10);
    expect(log.map((n) => n.kind)).toEqual(['cleared', 'raised']);
    const f = (t: number) => ({
      category: 'ice-failed' as const,
      t,
      sessionId: `s${t}`,
      browser: 'Chrome',
      os: 'Windows',
    });
    expect(mergeFailures([f(1), f(2)], [f(2), f(3)], 2).map((x) => x.t)).toEqual([3, 2]);
  });

  it('derives the alerts up now from the newest notice per rule', () => {
    const stale = makeNotice('raised', 10, 'a');
    const log = [makeNotice('cleared', 15, 'a'), makeNotice('raised', 12, 'b')];
    expect(activeAlerts([stale], log).map((n) => n.ruleId)).toEqual(['b']);
    expect(activeAlerts([makeNotice('raised', 30, 'a')], log).map((n) => n.ruleId)).toEqual(['b', 'a']);
  });
});
