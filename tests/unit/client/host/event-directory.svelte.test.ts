/** The event list: selection (remembered, else live/rehearsal, else newest), inline create, phase switch, updates. */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../../../shared/event.ts';
import { EventDirectory } from '../../../../client/src/host/event-directory.svelte.ts';
import { makeEvent } from './fakes.ts';

function setup(remembered: string | null = null) {
  const events = [
    makeEvent({ id: 'a', phase: 'ended' }),
    makeEvent({ id: 'b', phase: 'rehearsal' }),
    makeEvent({ id: 'c', phase: 'scheduled' }),
  ];
  const written: Array<string | null> = [];
  const api = {
    events: async () => events,
    createEvent: async (input: { title: string }) => makeEvent({ id: 'new', title: input.title }),
    setPhase: async (id: string, phase: Phase) => makeEvent({ id, phase }),
  };
  const dir = new EventDirectory(api, { read: () => remembered, write: (id) => written.push(id) });
  return { dir, written };
}

describe('EventDirectory', () => {
  it('selects the remembered event, else one that is live or rehearsing', async () => {
    const remembered = setup('c');
    await remembered.dir.load();
    expect(remembered.dir.selectedId).toBe('c');
    const fresh = setup('gone');
    await fresh.dir.load();
    flushSync();
    expect(fresh.dir.selected?.id).toBe('b');
    expect(fresh.written).toEqual(['b']);
  });

  it('creates an event inline and selects it', async () => {
    const { dir } = setup();
    await dir.load();
    await dir.create({ title: 'Night show' });
    flushSync();
    expect(dir.selected?.title).toBe('Night show');
    expect(dir.events).toHaveLength(4);
  });

  it('switches the selected event’s phase and applies updates from the socket', async () => {
    const { dir } = setup('b');
    await dir.load();
    await dir.setPhase('live');
    flushSync();
    expect(dir.selected?.phase).toBe('live');
    dir.upsert(makeEvent({ id: 'b', phase: 'ended', title: 'Renamed' }));
    flushSync();
    expect(dir.selected?.title).toBe('Renamed');
  });
});
