/** LiveSession with a zoom: a range from the URL or a drag loads its ticks from before the live hour and charts them. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { LiveSession } from '../../../../../client/src/host/live-session.svelte.ts';
import type { RangeKey } from '../../../../../client/src/host/range/chart-range.svelte.ts';
import type { Range } from '../../../../../client/src/host/range/zoom-range.ts';
import { FakeHostSocket } from '../fake-host-socket.ts';
import { fakeApi, makeEvent, settle, ticksUntil } from '../fakes.ts';

const T = 1_800_000_000_000;

function setup(custom: Range | null = null) {
  const socket = new FakeHostSocket();
  socket.connected = true;
  socket.snapshot = () => ({ ok: true, data: { event: makeEvent(), phase: 'live', ticks: ticksUntil(T, 600) } });
  const api = fakeApi();
  // Two hours stored, one tick a second; the dashboard keeps the last ten minutes live here.
  api.stored = ticksUntil(T, 7_200);
  const writes: Array<[RangeKey, Range | null]> = [];
  const session = new LiveSession(
    socket,
    api,
    { eventId: 'ev-1', phase: 'live' },
    { now: () => T + 500, custom, rangeMemory: { write: (p, c) => writes.push([p, c]) } },
  );
  return { api, session, writes };
}

describe('LiveSession zoom', () => {
  it('opens on a range from the URL with its ticks at full resolution', async () => {
    const from = T - 5_400_000;
    const { api, session } = setup({ from, to: from + 120_000 });
    session.start();
    await settle();
    await settle();
    flushSync();
    expect(api.calls.some((c) => c.startsWith(`ticks ev-1/live ${from} `))).toBe(true);
    expect(session.visible).toHaveLength(121);
    expect(session.visible[0]?.t).toBe(from);
  });

  it('zooms from a drag, writes it, and goes back to the live range', async () => {
    const { session, writes } = setup();
    session.start();
    await settle();
    await settle();
    session.chart.zoom(T - 60_000, T - 30_000);
    flushSync();
    expect(session.visible).toHaveLength(31);
    expect(writes.at(-1)).toEqual(['15m', { from: T - 60_000, to: T - 30_000 }]);
    session.chart.reset();
    flushSync();
    expect(session.visible.at(-1)?.t).toBe(T);
    expect(writes.at(-1)).toEqual(['15m', null]);
  });
});
