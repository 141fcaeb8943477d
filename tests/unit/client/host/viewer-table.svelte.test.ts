/** The viewer table's polling (every few seconds, paused while hidden), sorting and the opened viewer. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import {
  REFRESH_MS,
  ViewerTableState,
  type TableTimers,
} from '../../../../client/src/host/viewers/viewer-table.svelte.ts';
import { makeViewer, settle } from './fakes.ts';

function fakeTimers() {
  const pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  let id = 0;
  const timers: TableTimers = {
    setTimeout: (fn, ms) => (pending.push({ fn, ms, id: ++id }), id),
    clearTimeout: (h) => {
      const i = pending.findIndex((p) => p.id === h);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  return { timers, pending, fire: () => pending.shift()?.fn() };
}

const row = (id: string, kbps: number, patch: Partial<ViewerSummary> = {}): ViewerSummary =>
  makeViewer(id, { kbps, ...patch });
const LIVE = { eventId: 'ev-1', phase: 'live' } as const;

describe('ViewerTableState', () => {
  it('loads at start and refreshes on a timer, skipping fetches while the page is hidden', async () => {
    let visible = true;
    let calls = 0;
    const api = { viewers: async () => (calls++, [row('a', 100), row('b', 50)]) };
    const { timers, pending, fire } = fakeTimers();
    const table = new ViewerTableState(api, LIVE, timers, { visible: () => visible, now: () => 42 });
    table.start();
    await settle();
    flushSync();
    expect(calls).toBe(1);
    expect(table.view.map((r) => r.sessionId)).toEqual(['b', 'a']);
    expect(table.loadedAt).toBe(42);
    expect(pending.map((p) => p.ms)).toEqual([REFRESH_MS]);
    visible = false;
    fire();
    await settle();
    expect(calls).toBe(1);
    expect(pending).toHaveLength(1);
    visible = true;
    fire();
    await settle();
    expect(calls).toBe(2);
    table.stop();
    expect(pending).toHaveLength(0);
  });

  it('skips refreshes while out of sight, and loads at once on coming back if older than a refresh', async () => {
    let calls = 0;
    let now = 0;
    const api = { viewers: async () => (calls++, [row('a', 100)]) };
    const { timers, pending, fire } = fakeTimers();
    const table = new ViewerTableState(api, LIVE, timers, { now: () => now });
    table.sight(false);
    table.start();
    await settle();
    expect(calls).toBe(1); // the first load happens wherever the table is
    now = REFRESH_MS;
    fire();
    await settle();
    expect(calls).toBe(1);
    expect(pending).toHaveLength(1); // the timer keeps checking
    now = REFRESH_MS + 100;
    table.sight(true);
    await settle();
    expect(calls).toBe(2);
    expect(table.loadedAt).toBe(REFRESH_MS + 100);
    table.sight(false);
    table.sight(true); // fresh: no load
    await settle();
    expect(calls).toBe(2);
    table.stop();
  });

  it('keeps the rows and reports the error when a refresh fails', async () => {
    let fail = false;
    const api = {
      viewers: async () => {
        if (fail) throw new Error('HTTP 500');
        return [row('a', 1)];
      },
    };
    const table = new ViewerTableState(api, LIVE, fakeTimers().timers);
    await table.refresh();
    fail = true;
    await table.refresh();
    flushSync();
    expect(table.error).toBe('HTTP 500');
    expect(table.rows).toHaveLength(1);
  });

  it('flips the direction on the sorted column and opens a viewer by id', async () => {
    const table = new ViewerTableState(
      { viewers: async () => [row('a', 100), row('b', 50)] },
      LIVE,
      fakeTimers().timers,
    );
    await table.refresh();
    table.sortBy('kbps');
    flushSync();
    expect(table.view[0]?.sessionId).toBe('b');
    table.sortBy('kbps');
    flushSync();
    expect(table.view[0]?.sessionId).toBe('a');
    table.open('b');
    flushSync();
    expect(table.opened?.kbps).toBe(50);
  });

  it('reads the sessions of its phase, counts open and ended ones, and hides ended ones on request', async () => {
    const asked: string[] = [];
    const api = {
      viewers: async (ref: { eventId: string; phase: string }) => {
        asked.push(`${ref.eventId}/${ref.phase}`);
        return [
          row('open', 100),
          row('gone', 900, { ending: 'left', endedAt: 5 }),
          row('closed', 10, { ending: 'shutdown', endedAt: 9 }),
        ];
      },
    };
    const table = new ViewerTableState(api, { eventId: 'ev-1', phase: 'rehearsal' }, fakeTimers().timers);
    await table.refresh();
    flushSync();
    expect(asked).toEqual(['ev-1/rehearsal']);
    expect([table.openCount, table.endedCount]).toEqual([1, 2]);
    expect(table.view.map((r) => r.sessionId)).toEqual(['open', 'closed', 'gone']);
    table.showEnded = false;
    flushSync();
    expect(table.view.map((r) => r.sessionId)).toEqual(['open']);
  });

  it('loads a still phase once, and polls again once it is the current phase', async () => {
    let calls = 0;
    let current = false;
    const { timers, pending, fire } = fakeTimers();
    const table = new ViewerTableState({ viewers: async () => (calls++, [row('a', 1)]) }, LIVE, timers, {
      current: () => current,
    });
    table.start();
    await settle();
    fire();
    await settle();
    fire();
    await settle();
    expect(calls).toBe(1);
    expect(pending).toHaveLength(1);
    current = true;
    fire();
    await settle();
    expect(calls).toBe(2);
    table.stop();
  });
});
