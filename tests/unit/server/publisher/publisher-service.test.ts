/** @module PublisherService.sync: a cluster's other processes catching up with the upload another one stored. */
import { describe, expect, it } from 'vitest';
import type { Phase } from '../../../../shared/event.ts';
import { createPublisherService } from '../../../../server/publisher/publisher-service.ts';
import type { PublisherStore, StoredBatch } from '../../../../server/publisher/publisher-store.ts';
import { script, T0 } from './publisher-samples.ts';

const EVENT = 'ev-1';
const PHASE: Phase = 'live';

/** One phase's batches in memory, as the SQL store answers them (arrival order). */
function memoryStore(): PublisherStore & { batches: StoredBatch[] } {
  const batches: StoredBatch[] = [];
  return {
    batches,
    add: async (_e, _p, batch) => void batches.push(batch),
    recent: async () => [...batches],
    since: async (_e, _p, from) => batches.filter((b) => b.receivedAt >= from),
  };
}

const stored = (n: number): StoredBatch => ({
  pid: 'publisher-a1',
  receivedAt: T0 + n * 1000 + 300,
  samples: script(Array.from({ length: n }, () => ({ kbps: 2000 }))),
  ended: false,
});

describe('PublisherService.sync', () => {
  it('leaves a phase it does not hold to be read on first use, unless asked to load it', async () => {
    const store = memoryStore();
    store.batches.push(stored(5));
    const service = createPublisherService(store);
    await service.sync(EVENT, PHASE, T0 + 6_000, false);
    expect(service.statusInMemory(EVENT, PHASE, T0 + 6_000)).toBeNull();
    await service.sync(EVENT, PHASE, T0 + 6_000, true);
    expect(service.statusInMemory(EVENT, PHASE, T0 + 6_000)?.state).toBe('live');
  });

  it('keeps a load asked for while a catch-up runs', async () => {
    const store = memoryStore();
    store.batches.push(stored(5));
    const service = createPublisherService(store);
    // The second call arrives while the first is still running: it only marks the work for another pass.
    await Promise.all([service.sync(EVENT, PHASE, T0 + 6_000, false), service.sync(EVENT, PHASE, T0 + 6_000, true)]);
    expect(service.statusInMemory(EVENT, PHASE, T0 + 6_000)?.state).toBe('live');
  });

  it('applies what was stored since the phase it holds last heard', async () => {
    const store = memoryStore();
    store.batches.push(stored(5));
    const service = createPublisherService(store);
    await service.sync(EVENT, PHASE, T0 + 6_000, true);
    expect((await service.view(EVENT, PHASE, T0 + 6_000)).points.length).toBeLessThan(10);
    store.batches.push({ ...stored(60), samples: stored(60).samples.slice(5) });
    await service.sync(EVENT, PHASE, T0 + 61_000, false);
    const view = await service.view(EVENT, PHASE, T0 + 61_000);
    expect(view.points.length).toBeGreaterThan(50);
  });
});
