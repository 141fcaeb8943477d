/** LiveSession with a fake socket and API: subscription, bounded tick buffer, ranges, markers, alerts (live phase). */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { FailureRecord } from '../../../../shared/funnel.ts';
import { LiveSession } from '../../../../client/src/host/live-session.svelte.ts';
import { MAX_TICKS } from '../../../../client/src/host/tick-buffer.ts';
import { Beat } from '../../../../client/src/lib/beat.ts';
import { globalTimers } from '../../../../shared/timers.ts';
import { FakeHostSocket } from './fake-host-socket.ts';
import { fakeApi, makeEvent, makeNotice, makeTick, settle, ticksUntil } from './fakes.ts';

const T = 1_800_000_000_000;

/** A `failure:new` payload. */
const failure = (sessionId: string, category: FailureRecord['category'], t: number): FailureRecord => ({
  category,
  t,
  sessionId,
  browser: 'Chrome',
  os: 'Windows',
});

function setup(options: { connected?: boolean; snapshotTicks?: number } = {}) {
  const socket = new FakeHostSocket();
  socket.connected = options.connected ?? true;
  socket.snapshot = (_id, phase) => ({
    ok: true,
    data: { event: makeEvent(), phase: phase ?? 'live', ticks: ticksUntil(T, options.snapshotTicks ?? 3) },
  });
  const api = fakeApi();
  const session = new LiveSession(socket, api, { eventId: 'ev-1', phase: 'live' }, { now: () => T + 500 });
  return { socket, api, session };
}

describe('LiveSession', () => {
  it('subscribes at start, takes the snapshot and loads markers, alerts, failures and an hour of ticks', async () => {
    const { socket, api, session } = setup();
    api.stored = ticksUntil(T - 3000, 100);
    api.markersStored = [{ id: 1, eventId: 'ev-1', phase: 'live', t: T - 10_000, kind: 'start', label: '' }];
    api.alertsStored = { active: [makeNotice('raised', T - 5000)], log: [makeNotice('raised', T - 5000)] };
    session.start();
    expect(socket.emitted).toEqual([{ event: 'host:subscribe', payload: { eventId: 'ev-1', phase: 'live' } }]);
    flushSync();
    expect(session.event?.title).toBe('Launch');
    expect(session.latest?.t).toBe(T);
    expect(session.isCurrent).toBe(true);
    expect(session.loaded).toBe(false);
    await settle();
    flushSync();
    expect(session.loaded).toBe(true);
    expect(api.calls).toContain(`ticks ev-1/live ${T - 3_600_000} ${MAX_TICKS}`);
    expect(session.ticks).toHaveLength(103);
    expect(session.markers.map((m) => m.kind)).toEqual(['start']);
    expect(session.activeAlerts).toHaveLength(1);
  });

  it('waits for the connection, and subscribes again after every reconnect without duplicating ticks', async () => {
    const { socket, session } = setup({ connected: false });
    session.start();
    expect(socket.emitted).toEqual([]);
    socket.connect();
    await settle();
    socket.connect();
    await settle();
    flushSync();
    expect(socket.emitted.filter((e) => e.event === 'host:subscribe')).toHaveLength(2);
    expect(session.ticks.map((t) => t.t)).toEqual([T - 2000, T - 1000, T]);
  });

  it('shows the error when the subscription is refused', () => {
    const { socket, session } = setup();
    socket.snapshot = () => ({ ok: false, error: 'not-found', message: 'no event with id "ev-1"' });
    session.start();
    flushSync();
    expect(session.error).toBe('no event with id "ev-1"');
  });

  it('appends live ticks, telling what depends on them, and keeps at most an hour', () => {
    const { socket, session } = setup({ snapshotTicks: 1 });
    session.start();
    const visibleBefore = session.visible;
    expect(session.latest?.t).toBe(T);
    socket.serverEmit('tick', makeTick(T + 1000));
    flushSync();
    // The buffer grew in place; what is derived from it follows, and the visible range is a new array.
    expect(session.latest?.t).toBe(T + 1000);
    expect(session.visible.map((t) => t.t)).toEqual([T, T + 1000]);
    expect(visibleBefore.map((t) => t.t)).toEqual([T]);
    for (let i = 2; i <= MAX_TICKS + 10; i++) socket.serverEmit('tick', makeTick(T + i * 1000));
    flushSync();
    expect(session.ticks).toHaveLength(MAX_TICKS);
    expect(session.latest?.t).toBe(T + (MAX_TICKS + 10) * 1000);
    expect(session.receivedAt).toBe(T + 500);
  });

  it('ignores ticks of other events', () => {
    const { socket, session } = setup({ snapshotTicks: 1 });
    session.start();
    socket.serverEmit('tick', makeTick(T + 1000, { eventId: 'other' }));
    flushSync();
    expect(session.ticks).toHaveLength(1);
  });

  it('cuts the visible ticks to the chosen range', () => {
    const { socket, session } = setup({ snapshotTicks: 0 });
    session.start();
    for (const tick of ticksUntil(T, 1200)) socket.serverEmit('tick', tick);
    session.setRange('5m');
    flushSync();
    expect(session.visible).toHaveLength(300);
    expect(session.visible[0]?.t).toBe(T - 299_000);
    session.setRange('15m');
    flushSync();
    expect(session.visible).toHaveLength(900);
    session.setRange('60m');
    flushSync();
    expect(session.visible).toHaveLength(1200);
  });

  it('loads thinned older ticks for range "all"', async () => {
    const { api, session } = setup({ snapshotTicks: 10 });
    api.stored = [...ticksUntil(T - 10_000, 5_000)];
    session.start();
    await settle();
    api.stored = [...ticksUntil(T - 3_600_000 - 1000, 5_000), ...ticksUntil(T, 3600)];
    session.setRange('all');
    await settle();
    flushSync();
    expect(session.older.length).toBeGreaterThan(0);
    expect(session.older.length).toBeLessThanOrEqual(1_800);
    expect(session.visible.length).toBe(session.older.length + session.ticks.length);
    expect(session.older.every((t) => t.t < (session.ticks[0]?.t ?? 0))).toBe(true);
  });

  it('keeps its own phase when the event moves on: ticks, failures and alerts of the new phase are not its numbers', () => {
    const { socket, session } = setup();
    session.start();
    socket.serverEmit('failure:new', failure('s1', 'ice-failed', T));
    socket.serverEmit('event:updated', makeEvent({ phase: 'ended' }));
    socket.serverEmit('tick', makeTick(T + 1000, { phase: 'ended' }));
    socket.serverEmit('failure:new', failure('s2', 'dropped', T + 1000));
    socket.serverEmit('alert:raised', makeNotice('raised', T + 1000, 'low-bitrate', 'ended'));
    flushSync();
    expect(session.event?.phase).toBe('ended');
    expect(session.isCurrent).toBe(false);
    expect(session.ticks.map((t) => t.phase)).toEqual(['live', 'live', 'live']);
    expect(session.latest?.t).toBe(T);
    expect(session.failures.map((f) => f.category)).toEqual(['ice-failed']);
    expect(session.activeAlerts).toEqual([]);
  });

  it('keeps markers in time order without duplicates, from the socket and from its own POST', async () => {
    const { socket, session } = setup();
    session.start();
    const marker = { id: 7, eventId: 'ev-1', phase: 'live' as const, t: 9_000, kind: 'qa' as const, label: 'Q&A' };
    socket.serverEmit('marker:new', marker);
    socket.serverEmit('marker:new', marker);
    socket.serverEmit('marker:new', { ...marker, id: 8, eventId: 'other' });
    await session.addMarker('break');
    flushSync();
    expect(session.markers.map((m) => [m.id, m.kind])).toEqual([
      [1, 'break'],
      [7, 'qa'],
    ]);
  });

  it('tracks raised and cleared alerts and logs both, newest first', () => {
    const { socket, session } = setup();
    session.start();
    socket.serverEmit('alert:raised', makeNotice('raised', T, 'a'));
    socket.serverEmit('alert:raised', makeNotice('raised', T + 1, 'b'));
    socket.serverEmit('alert:cleared', makeNotice('cleared', T + 2, 'a'));
    flushSync();
    expect(session.activeAlerts.map((a) => a.ruleId)).toEqual(['b']);
    expect(session.alertLog.map((a) => `${a.ruleId}:${a.kind}`)).toEqual(['a:cleared', 'b:raised', 'a:raised']);
  });

  it('given a beat, shows a new failure, marker and alert with the next live tick (one update, one frame)', () => {
    const socket = new FakeHostSocket();
    socket.connected = true;
    socket.snapshot = () => ({ ok: true, data: { event: makeEvent(), phase: 'live', ticks: ticksUntil(T, 3) } });
    const beat = new Beat(globalTimers(), 60_000);
    const session = new LiveSession(socket, fakeApi(), { eventId: 'ev-1', phase: 'live' }, { now: () => T, beat });
    session.start();
    flushSync();
    socket.serverEmit('failure:new', failure('s1', 'ice-failed', T));
    socket.serverEmit('marker:new', { id: 7, eventId: 'ev-1', phase: 'live', t: T, kind: 'qa', label: 'Q&A' });
    socket.serverEmit('alert:raised', makeNotice('raised', T, 'a'));
    flushSync();
    expect([session.failures, session.markers, session.activeAlerts]).toEqual([[], [], []]);
    socket.serverEmit('tick', makeTick(T + 1000));
    flushSync();
    expect(session.failures.map((f) => f.sessionId)).toEqual(['s1']);
    expect(session.markers.map((m) => m.id)).toEqual([7]);
    expect(session.activeAlerts.map((a) => a.ruleId)).toEqual(['a']);
    expect(session.latest?.t).toBe(T + 1000);
    session.dispose();
  });

  it('keeps the 100 newest failures, newest first', () => {
    const { socket, session } = setup();
    session.start();
    for (let i = 0; i < 120; i++) socket.serverEmit('failure:new', failure(`s${i}`, 'join-timeout', i));
    flushSync();
    expect(session.failures).toHaveLength(100);
    expect(session.failures[0]?.t).toBe(119);
  });

  it('lets go of the socket on dispose and unsubscribes', () => {
    const { socket, session } = setup();
    session.start();
    expect(socket.listenerCount()).toBeGreaterThan(0);
    session.dispose();
    expect(socket.listenerCount()).toBe(0);
    expect(socket.emitted.at(-1)).toEqual({ event: 'host:unsubscribe', payload: { eventId: 'ev-1' } });
  });
});
