/** The viewer table's polling (every few seconds, paused while hidden), sorting and the opened viewer. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { ViewerSummary } from '../../../../shared/viewer.ts';
import { REFRESH_MS, ViewerTableState, type TableTimers } from '../../../../client/src/host/viewers/viewer-table.svelte.ts';
import { settle } from './fakes.ts';

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

const row = (id: string, kbps: number): ViewerSummary => ({
  sessionId: id, state: 'watching', connected: true, browser: 'Chrome', browserVersion: '1', os: 'Windows', codec: 'AV1', kbps, lossPct: 0,
  jitterBufferMs: null, rttMs: null, fps: null, height: null, band: 'good', reason: null, stage: 'playing', failure: null, firstSeen: 0, lastSeen: 0,
});

describe('ViewerTableState', () => {
  it('loads at start and refreshes on a timer, skipping fetches while the page is hidden', async () => {
    let visible = true;
    let calls = 0;
    const api = { viewers: async () => (calls++, [row('a', 100), row('b', 50)]) };
    const { timers, pending, fire } = fakeTimers();
    const table = new ViewerTableState(api, 'ev-1', timers, () => visible, () => 42);
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

  it('keeps the rows and reports the error when a refresh fails', async () => {
    let fail = false;
    const api = { viewers: async () => { if (fail) throw new Error('HTTP 500'); return [row('a', 1)]; } };
    const table = new ViewerTableState(api, 'ev-1', fakeTimers().timers);
    await table.refresh();
    fail = true;
    await table.refresh();
    flushSync();
    expect(table.error).toBe('HTTP 500');
    expect(table.rows).toHaveLength(1);
  });

  it('flips the direction on the sorted column and opens a viewer by id', async () => {
    const table = new ViewerTableState({ viewers: async () => [row('a', 100), row('b', 50)] }, 'ev-1', fakeTimers().timers);
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
});
