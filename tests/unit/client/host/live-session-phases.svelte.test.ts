/**
 * LiveSession seeing one phase: a still view of a finished phase, phased REST reads, and the event's room kept across
 * views.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../../../shared/event.ts';
import { LiveSession } from '../../../../client/src/host/live-session.svelte.ts';
import { RoomLeases } from '../../../../client/src/host/room-leases.ts';
import { FakeHostSocket } from './fake-host-socket.ts';
import { fakeApi, makeEvent, makeNotice, makeTick, settle, ticksUntil } from './fakes.ts';

const T = 1_800_000_000_000;

/** An ended event; the dashboard looks at `phase` (its show, by default). */
function still(phase: Phase = 'live', options: { stored?: number } = {}) {
  const socket = new FakeHostSocket();
  socket.connected = true;
  const api = fakeApi();
  api.stored = [
    ...ticksUntil(T, options.stored ?? 7_200, { phase }),
    ...ticksUntil(T + 60_000, 30, { phase: 'ended' }),
  ];
  socket.snapshot = (_id, p) => ({
    ok: true,
    data: {
      event: makeEvent({ phase: 'ended' }),
      phase: p ?? 'live',
      ticks: api.stored.filter((t) => t.phase === p).slice(-300),
    },
  });
  const session = new LiveSession(socket, api, { eventId: 'ev-1', phase }, { now: () => T + 120_000, range: 'all' });
  return { socket, api, session };
}

describe('LiveSession: one phase', () => {
  it('subscribes with its phase and reads every REST resource of that phase', async () => {
    const { socket, api, session } = still('live');
    session.start();
    await settle();
    await settle();
    flushSync();
    expect(socket.emitted[0]).toEqual({ event: 'host:subscribe', payload: { eventId: 'ev-1', phase: 'live' } });
    expect(api.calls.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining(['ticks ev-1/live', 'markers ev-1/live', 'alerts ev-1/live', 'failures ev-1/live']),
    );
    expect(api.calls.some((c) => c.includes('/ended'))).toBe(false);
  });

  it('is a still view of a finished phase: the whole of it, and live ticks of the current phase are ignored', async () => {
    const { socket, session } = still('live');
    session.start();
    await settle();
    await settle();
    flushSync();
    expect(session.isCurrent).toBe(false);
    expect(session.loaded).toBe(true);
    expect(session.range).toBe('all');
    expect(session.older.length).toBeGreaterThan(0);
    expect(session.visible[0]?.t).toBe(T - 7_199_000);
    expect(session.latest?.t).toBe(T);
    socket.serverEmit('tick', makeTick(T + 121_000, { phase: 'ended' }));
    flushSync();
    expect(session.latest?.t).toBe(T);
    expect(session.receivedAt).toBeNull();
  });

  it('marks a phase with nothing stored as loaded and empty (no waiting forever)', async () => {
    const socket = new FakeHostSocket();
    socket.connected = true;
    socket.snapshot = (_id, p) => ({
      ok: true,
      data: { event: makeEvent({ phase: 'scheduled' }), phase: p ?? 'scheduled', ticks: [] },
    });
    const session = new LiveSession(socket, fakeApi(), { eventId: 'ev-1', phase: 'scheduled' });
    session.start();
    await settle();
    flushSync();
    expect(session.loaded).toBe(true);
    expect(session.latest).toBeNull();
    expect(session.isCurrent).toBe(true);
    socket.serverEmit('tick', makeTick(T, { phase: 'scheduled' }));
    flushSync();
    expect(session.latest?.phase).toBe('scheduled');
  });

  it('keeps only its phase’s markers and alerts, from REST and from the socket', async () => {
    const { socket, api, session } = still('live', { stored: 10 });
    api.markersStored = [
      { id: 1, eventId: 'ev-1', phase: 'live', t: T - 5000, kind: 'start', label: '' },
      { id: 2, eventId: 'ev-1', phase: 'ended', t: T + 61_000, kind: 'end', label: '' },
    ];
    api.alertsStored = {
      active: [],
      log: [makeNotice('raised', T - 3000), makeNotice('raised', T + 61_000, 'x', 'ended')],
    };
    session.start();
    await settle();
    socket.serverEmit('marker:new', {
      id: 3,
      eventId: 'ev-1',
      phase: 'ended',
      t: T + 62_000,
      kind: 'note',
      label: 'late',
    });
    flushSync();
    expect(session.markers.map((m) => m.id)).toEqual([1]);
    expect(session.alertLog.map((n) => n.t)).toEqual([T - 3000]);
  });

  it('stays in the event’s room while another view of the same event replaces it, in either order', () => {
    const socket = new FakeHostSocket();
    socket.connected = true;
    socket.snapshot = (_id, p) => ({ ok: true, data: { event: makeEvent(), phase: p ?? 'live', ticks: [] } });
    const leases = new RoomLeases();
    const view = (phase: Phase) => new LiveSession(socket, fakeApi(), { eventId: 'ev-1', phase }, { leases });
    const unsubscribes = () => socket.emitted.filter((e) => e.event === 'host:unsubscribe').length;

    const a = view('live');
    a.start();
    const b = view('ended');
    b.start(); // the new view subscribes before the old one is torn down
    a.dispose();
    expect(unsubscribes()).toBe(0);
    b.dispose(); // torn down first: it leaves, and the next view joins again
    expect(unsubscribes()).toBe(1);
    const c = view('live');
    c.start();
    expect(socket.emitted.at(-1)).toEqual({ event: 'host:subscribe', payload: { eventId: 'ev-1', phase: 'live' } });
    expect(leases.held('ev-1')).toBe(1);
  });
});
