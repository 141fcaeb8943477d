/**
 * Which phase the dashboard shows: follows the event (an ended one opens on its show), a pick kept in the URL per
 * event.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../../../shared/event.ts';
import { PhaseView } from '../../../../client/src/host/phase-view.svelte.ts';
import { makeEvent, makeTick, settle } from './fakes.ts';

function setup(url: { eventId?: string | null; phase?: string | null } = {}) {
  const written: Array<Phase | null> = [];
  const view = new PhaseView({
    read: () => ({ eventId: url.eventId ?? null, phase: url.phase ?? null }),
    write: (p) => written.push(p),
  });
  return { view, written };
}

describe('PhaseView', () => {
  it('follows the event: its current phase, and the show (live) once it has ended', () => {
    const { view } = setup();
    expect(view.viewed(makeEvent({ phase: 'rehearsal' }))).toBe('rehearsal');
    expect(view.viewed(makeEvent({ phase: 'ended' }))).toBe('live');
    expect(view.viewed(makeEvent({ phase: 'scheduled' }))).toBe('scheduled');
  });

  it('keeps a pick in the URL; picking the default follows again', () => {
    const { view, written } = setup();
    const ended = makeEvent({ phase: 'ended' });
    view.pick(ended, 'ended');
    flushSync();
    expect(view.viewed(ended)).toBe('ended');
    view.pick(ended, 'live');
    flushSync();
    expect(view.viewed(ended)).toBe('live');
    expect(view.pinned).toBeNull();
    expect(written).toEqual(['ended', null]);
  });

  it('reads the pick back from the URL after a reload, for that event only', () => {
    const { view } = setup({ eventId: 'ev-1', phase: 'rehearsal' });
    expect(view.viewed(makeEvent({ phase: 'live' }))).toBe('rehearsal');
    expect(view.viewed(makeEvent({ id: 'other', phase: 'live' }))).toBe('live');
    expect(setup({ eventId: 'ev-1', phase: 'bogus' }).view.pinned).toBeNull();
  });

  it('keeps a pick while the event changes phase, and drops it on follow() or when another event is selected', () => {
    const { view, written } = setup();
    view.pick(makeEvent({ phase: 'live' }), 'rehearsal');
    expect(view.viewed(makeEvent({ phase: 'ended' }))).toBe('rehearsal');
    view.selected('ev-1');
    expect(view.pinned?.phase).toBe('rehearsal');
    view.selected('other');
    expect(view.pinned).toBeNull();
    view.pick(makeEvent({ phase: 'live' }), 'scheduled');
    view.follow();
    expect(view.viewed(makeEvent({ phase: 'ended' }))).toBe('live');
    expect(written).toEqual(['rehearsal', null, 'scheduled', null]);
  });

  it('probes which phases have stored numbers, ignoring an answer for an event no longer shown', async () => {
    const { view } = setup();
    const stored: Record<Phase, boolean> = { scheduled: false, rehearsal: true, live: true, ended: false };
    const api = {
      live: async ({ phase }: { eventId: string; phase: Phase }) => {
        if (phase === 'ended') throw new Error('HTTP 500');
        return stored[phase] ? makeTick(1, { phase }) : null;
      },
    };
    await view.probe(api, 'ev-1');
    flushSync();
    expect(view.hasData).toEqual({ scheduled: false, rehearsal: true, live: true });
    const slow = view.probe({ live: async () => (await settle(), null) }, 'ev-1');
    await view.probe(api, 'ev-2');
    await slow;
    expect(view.probedId).toBe('ev-2');
    expect(view.hasData.live).toBe(true);
  });
});
