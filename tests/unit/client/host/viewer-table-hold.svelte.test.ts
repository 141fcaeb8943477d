/**
 * The viewer table holds still under the pointer: refreshes update values in place, the order waits for the release.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { ViewerTableState, type TableTimers } from '../../../../client/src/host/viewers/viewer-table.svelte.ts';
import { makeViewer, settle } from './fakes.ts';

const LIVE = { eventId: 'ev-1', phase: 'live' } as const;
const noTimers: TableTimers = { setTimeout: () => 0, clearTimeout: () => undefined };
const ids = (table: ViewerTableState) => table.view.map((r) => r.sessionId);

/** A table whose next refresh answers `next`. */
async function tableWith(first: ViewerSummary[]) {
  let answer = first;
  const table = new ViewerTableState({ viewers: async () => answer }, LIVE, noTimers);
  await table.refresh();
  flushSync();
  return {
    table,
    async refresh(rows: ViewerSummary[]) {
      answer = rows;
      await table.refresh();
      await settle();
      flushSync();
    },
  };
}

describe('viewer table hold', () => {
  it('keeps the order while held, with the new values, and sorts again on release', async () => {
    // Worst first: lower bitrate first among equally graded viewers.
    const { table, refresh } = await tableWith([makeViewer('a', { kbps: 100 }), makeViewer('b', { kbps: 900 })]);
    expect(ids(table)).toEqual(['a', 'b']);
    table.hold('pointer', true);
    await refresh([makeViewer('a', { kbps: 2000 }), makeViewer('b', { kbps: 50 }), makeViewer('c', { kbps: 10 })]);
    expect(ids(table)).toEqual(['a', 'b']);
    expect(table.view.map((r) => r.kbps)).toEqual([2000, 50]);
    expect(table.heldUpdates).toBe(1);
    await refresh([makeViewer('a', { kbps: 2100 }), makeViewer('b', { kbps: 40 }), makeViewer('c', { kbps: 10 })]);
    expect(ids(table)).toEqual(['a', 'b']);
    expect(table.heldUpdates).toBe(2);
    table.hold('pointer', false);
    flushSync();
    expect(ids(table)).toEqual(['c', 'b', 'a']);
    expect(table.heldUpdates).toBe(0);
  });

  it("stays held while either the pointer or a row's focus holds it", async () => {
    const { table } = await tableWith([makeViewer('a')]);
    table.hold('pointer', true);
    table.hold('focus', true);
    table.hold('pointer', false);
    flushSync();
    expect(table.held).toBe(true);
    table.hold('focus', false);
    flushSync();
    expect(table.held).toBe(false);
  });

  it("applies the host's own sort at once while held, and holds that order from then on", async () => {
    const { table, refresh } = await tableWith([makeViewer('a', { kbps: 100 }), makeViewer('b', { kbps: 900 })]);
    table.hold('pointer', true);
    await refresh([makeViewer('a', { kbps: 100 }), makeViewer('b', { kbps: 900 })]);
    table.sortBy('kbps');
    table.sortBy('kbps'); // descending
    flushSync();
    expect(ids(table)).toEqual(['b', 'a']);
    await refresh([makeViewer('a', { kbps: 5000 }), makeViewer('b', { kbps: 900 })]);
    expect(ids(table)).toEqual(['b', 'a']);
    table.hold('pointer', false);
    flushSync();
    expect(ids(table)).toEqual(['a', 'b']);
  });

  it('keeps the positions when the server answers in another order', async () => {
    const { table, refresh } = await tableWith([makeViewer('a'), makeViewer('b')]);
    table.hold('focus', true);
    const before = ids(table);
    await refresh([makeViewer('b', { kbps: 1 }), makeViewer('a', { kbps: 9999 })]);
    expect(ids(table)).toEqual(before);
  });
});
