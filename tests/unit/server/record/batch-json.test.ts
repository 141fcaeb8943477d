/**
 * @module Record batches go to the writer thread as JSON text (issue 11, server/record/worker-writer.ts): what the live
 * state owes storage — session rows with checkpoints, stage times and totals, history rows, ticks, failures — comes out
 * of a JSON round trip as the structured clone would carry it (no NaN, no −0, nothing but plain data).
 */
import { expect, it } from 'vitest';
import {
  connectViewer,
  createMonitor,
  endSession,
  ingestSamples,
  recordStep,
  recordViewerFailure,
  rememberTick,
} from '../../../../server/live/event-monitor.ts';
import { buildTick } from '../../../../server/live/tick-builder.ts';
import { collectRecord, type RecordBatch } from '../../../../server/record/record-batch.ts';
import { beginOutage, connect, initialState, nextSample } from '../../../../server/simulator/sample-model.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import { drawPersona } from '../../../../server/simulator/viewer-persona.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const T0 = 1_800_000_000_000;
const client = parseUserAgent(
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36',
);

it('survives JSON as the structured clone would carry it, over 3 minutes of 40 model viewers', () => {
  const rng = createRng(11);
  const m = createMonitor('ev', 'live', T0);
  const viewers = Array.from({ length: 40 }, (_, i) => ({
    id: `viewer-${i}`,
    model: connect(initialState(drawPersona(rng), T0), rng),
  }));
  const batches: RecordBatch[] = [];
  for (let now = T0; now < T0 + 180_000; now += 1_000) {
    for (const v of viewers) {
      const s = connectViewer(m, v.id, client, now, `socket-${v.id}`);
      if (now === T0) recordStep(m, s, { stage: 'page', t: now - 2_000 });
      if (rng.chance(0.002)) v.model = beginOutage(v.model);
      const step = nextSample(v.model, 1_000, rng);
      v.model = step.state;
      ingestSamples(m, s, [step.sample], now);
      if (rng.chance(0.001)) recordViewerFailure(m, s, { category: 'ice-failed', t: now, reason: 'gone' }, now);
      if (rng.chance(0.0005)) endSession(m, s, 'left', now);
    }
    const tick = buildTick(m, now);
    rememberTick(m, tick);
    const batch = collectRecord([m], now);
    batch.ticks.push(tick);
    batches.push(batch);
  }
  batches.push(collectRecord([m], T0 + 180_000, true));
  expect(batches.reduce((n, b) => n + b.history.length, 0)).toBeGreaterThan(600);
  expect(batches.reduce((n, b) => n + b.failures.length, 0)).toBeGreaterThan(0);
  for (const batch of batches) expect(JSON.parse(JSON.stringify(batch))).toEqual(structuredClone(batch));
});
