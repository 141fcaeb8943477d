/**
 * The aggregator of the events whose lease a process holds: taking over, it fills the seconds since the newest stored tick from
 * the kept partials (no hole) and holds the newest seconds back until every process wrote again; a process late with its
 * partial keeps its viewers in the tick for CARRY_MS.
 */
import pino from 'pino';
import { expect, it } from 'vitest';
import type { Tick } from '../../../../shared/tick.ts';
import { CARRY_MS, createAggregator } from '../../../../server/cluster/aggregator.ts';
import { foldStageRows } from '../../../../server/cluster/record-totals.ts';
import type { PartialTick } from '../../../../server/cluster/partial-tick.ts';
import { buildPartial } from '../../../../server/cluster/partial-tick.ts';
import { createMonitor } from '../../../../server/live/event-monitor.ts';

const T0 = 1_800_000_000_000;

/** A partial of `instance` at `t` with `watching` viewers. */
function partial(instance: string, t: number, watching: number): PartialTick {
  const p = buildPartial(createMonitor('ev', 'live', t), instance, t, t);
  return { ...p, states: { ...p.states, watching } };
}

function rig(stored: Tick | null) {
  let now = T0;
  const kept = new Map<number, PartialTick[]>();
  const emitted: Tick[] = [];
  const aggregator = createAggregator({
    partials: { write: async () => undefined, read: async (_e, _p, t) => kept.get(t) ?? [] },
    record: {
      totals: async () => ({ ...foldStageRows([]), failures: {}, ttffMs: null }),
      lastTick: async () => stored,
    },
    clock: { now: () => now },
    logger: pino({ level: 'silent' }),
    emit: (tick) => emitted.push(tick),
  });
  const run = (second: number) => {
    now = second + 400;
    return aggregator.run([{ id: 'ev', phase: 'live' }], second);
  };
  return { kept, emitted, run };
}

it('taking over, it merges every second since the newest stored tick from the kept partials', async () => {
  const stored = { t: T0 - 5_000, viewers: { peak: 7 } } as Tick;
  const r = rig(stored);
  for (let t = T0 - 4_000; t <= T0; t += 1000) r.kept.set(t, [partial('a', t, 3), partial('b', t, 2)]);
  await r.run(T0);
  // The newest CARRY_MS seconds wait until CARRY_MS after the takeover.
  expect(r.emitted.map((t) => t.t)).toEqual([T0 - 4_000, T0 - 3_000]);
  for (let t = T0 + 1000; t <= T0 + CARRY_MS; t += 1000) {
    r.kept.set(t, [partial('a', t, 3), partial('b', t, 2)]);
    await r.run(t);
  }
  expect(r.emitted.map((t) => (t.t - T0) / 1000)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3]);
  expect(r.emitted.every((t) => t.viewers.watching === 5 && t.viewers.peak === 7)).toBe(true);
});

it('taking over, a process slower to come back does not drop out of the first ticks', async () => {
  const r = rig({ t: T0 - 1000, viewers: { peak: 5 } } as Tick);
  r.kept.set(T0, [partial('a', T0, 3)]); // after a Redis restart b reconnects a second later than a
  for (let t = T0; t <= T0 + CARRY_MS; t += 1000) {
    if (t > T0) r.kept.set(t, [partial('a', t, 3), partial('b', t, 2)]);
    await r.run(t);
  }
  expect(r.emitted.map((t) => [(t.t - T0) / 1000, t.viewers.watching])).toEqual([
    [0, 5],
    [1, 5],
    [2, 5],
    [3, 5],
  ]);
});

it("carries a late process's viewers for CARRY_MS, then drops them", async () => {
  const r = rig({ t: T0 - 1000, viewers: { peak: 0 } } as Tick);
  r.kept.set(T0, [partial('a', T0, 3), partial('b', T0, 2)]);
  await r.run(T0);
  for (let t = T0 + 1000; t <= T0 + CARRY_MS + 1000; t += 1000) {
    r.kept.set(t, [partial('a', t, 3)]); // b is silent from here on
    await r.run(t);
  }
  const watching = r.emitted.map((t) => t.viewers.watching);
  expect(watching).toEqual([5, ...Array.from({ length: CARRY_MS / 1000 }, () => 5), 3]);
  expect(r.emitted[1]?.ingest).toEqual({ samples: 0, invalid: 0 }); // a carried partial's samples count once
});

it('folds grouped session rows into the funnel (a stage counts everyone at or past it) and endings', () => {
  const folded = foldStageRows([
    { stage: 'first-frame', ending: null, n: 5 },
    { stage: 'signaling', ending: 'left', n: 2 },
    { stage: null, ending: 'lost', n: 1 },
    { stage: 'bogus', ending: 'bogus', n: 9 },
  ]);
  expect(folded.funnel.page).toBe(7);
  expect(folded.funnel['first-frame']).toBe(5);
  expect(folded.endings).toEqual({ left: 2, shutdown: 0, lost: 1, 'phase-end': 0 });
});
