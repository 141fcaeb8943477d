/** SessionList: sorting (nulls last either way, a second click turns the order), text filter and failures-only. */
import { describe, expect, it } from 'vitest';
import { SessionList } from '../../../../../client/src/host/report/session-list.svelte.ts';
import { session } from './report-fixture.ts';

const rows = [
  session('a', { score: 50, durationS: 10 }),
  session('b', { score: null, durationS: 30, browser: 'Safari', os: 'iOS' }),
  session('c', { score: 90, durationS: 20, failures: 2, failure: 'ice-failed' }),
];
const ids = (list: SessionList) => list.rows.map((s) => s.sessionId);

describe('SessionList', () => {
  it('sorts by a column, worst-first for numbers, turning around on a second click, nulls last', () => {
    const list = new SessionList(rows);
    list.sortBy('score');
    expect(ids(list)).toEqual(['c', 'a', 'b']);
    list.sortBy('score');
    expect(ids(list)).toEqual(['a', 'c', 'b']);
    list.sortBy('durationS');
    expect(ids(list)).toEqual(['b', 'c', 'a']);
  });

  it('filters by every word of the query and to the sessions with failures', () => {
    const list = new SessionList(rows);
    list.query = 'safari ios';
    expect(ids(list)).toEqual(['b']);
    list.query = 'ice-failed';
    expect(ids(list)).toEqual(['c']);
    list.query = '';
    list.failedOnly = true;
    expect(ids(list)).toEqual(['c']);
  });
});
