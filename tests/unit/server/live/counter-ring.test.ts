/**
 * @module The typed counter ring (issue 11) against the object ring it replaced: the same entries kept, and the same
 * `current` and `window` metrics after every batch, on the recorded samples and on the fixture-based sample model
 * (freezes, outages, renegotiations, restarts) sent in batches with duplicates and samples out of order.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterRing } from '../../../../server/live/counter-ring.ts';
import { applySamples, newViewerSession } from '../../../../server/live/viewer-session.ts';
import { beginOutage, connect, initialState, nextSample, setPeer } from '../../../../server/simulator/sample-model.ts';
import { createRng, type Rng } from '../../../../server/simulator/prng.ts';
import { drawPersona } from '../../../../server/simulator/viewer-persona.ts';
import { deriveMetrics, type ViewerMetrics } from '../../../../shared/metrics.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const T0 = 1_800_000_000_000;
const client = parseUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36');

/** The ring as it was before issue 11 (server/live/viewer-session.ts at 742969a): whole samples in an array. */
function referenceSession() {
  const ring: StatsSample[] = [];
  let lastSeq = 0;
  let current: ViewerMetrics | null = null;
  let window: ViewerMetrics | null = null;
  const anchor = (span: number): StatsSample | undefined => {
    const latest = ring[ring.length - 1];
    if (!latest || ring.length < 2) return undefined;
    for (let i = ring.length - 2; i >= 0; i--) if (latest.t - (ring[i] as StatsSample).t >= span) return ring[i];
    return ring[0];
  };
  const push = (sample: StatsSample): void => {
    ring.push(sample);
    while (ring.length > 2 && sample.t - (ring[0] as StatsSample).t > 11_500) ring.shift();
    for (let i = ring.length - 3; i >= 1; i--)
      if ((ring[i + 1] as StatsSample).t - (ring[i - 1] as StatsSample).t < 3_000) ring.splice(i, 1);
  };
  return {
    ring,
    apply(samples: readonly StatsSample[]) {
      const fresh = samples.filter((s) => s.seq > lastSeq).sort((a, b) => a.seq - b.seq);
      for (const s of fresh) {
        if (s.seq <= lastSeq) continue;
        lastSeq = s.seq;
        const latest = ring[ring.length - 1];
        if (latest && s.t <= latest.t) continue;
        push(s);
      }
      if (fresh.length === 0) return;
      const latest = ring[ring.length - 1];
      const a = anchor(2_000);
      const w = anchor(10_000);
      if (latest && a) current = deriveMetrics(a, latest) ?? current;
      if (latest && w) window = deriveMetrics(w, latest) ?? window;
    },
    metrics: () => ({ current, window }),
  };
}

/** Optional counters some browsers leave out (Firefox and Safari expose fewer), dropped per viewer or per sample. */
const OPTIONAL_VIDEO = ['fd', 'jbd', 'jbe', 'fz', 'fzd'] as const;
const OPTIONAL_AUDIO = ['tsr', 'cs', 'scs'] as const;

function withoutSome(sample: StatsSample, rng: Rng, always: ReadonlySet<string>): StatsSample {
  const vi = sample.vi && { ...sample.vi };
  const au = sample.au && { ...sample.au };
  for (const key of OPTIONAL_VIDEO) if (vi && (always.has(key) || rng.chance(0.02))) delete vi[key];
  for (const key of OPTIONAL_AUDIO) if (au && (always.has(key) || rng.chance(0.02))) delete au[key];
  return { ...sample, ...(vi ? { vi } : {}), ...(au ? { au } : {}) };
}

/** One viewer of the fixture-based model for `seconds`, with outages, failures and reconnects (new SSRCs, counters from 0). */
function modelSamples(seed: number, seconds: number, stepMs: number): StatsSample[] {
  const rng = createRng(seed);
  const always = new Set([...OPTIONAL_VIDEO, ...OPTIONAL_AUDIO].filter(() => rng.chance(0.3)));
  let state = connect(initialState(drawPersona(rng), T0), rng);
  const out: StatsSample[] = [];
  for (let i = 0; i < seconds; i++) {
    if (rng.chance(0.01)) state = beginOutage(state);
    if (rng.chance(0.005)) state = setPeer(state, 'failed');
    if (state.peer !== 'connected' && rng.chance(0.2)) state = connect(state, rng, rng.chance(0.9));
    const step = nextSample(state, stepMs * rng.uniform(0.9, 1.1), rng);
    state = step.state;
    out.push(withoutSome(step.sample, rng, always));
  }
  return out;
}

/** Cuts samples into batches of 1–6, some sent twice, some with a sample late, a few with a step back in time. */
function batches(samples: StatsSample[], rng: Rng): StatsSample[][] {
  const out: StatsSample[][] = [];
  for (let i = 0; i < samples.length;) {
    const n = rng.int(1, 6);
    const batch = samples.slice(i, i + n);
    if (rng.chance(0.1) && batch.length > 1) batch.reverse();
    if (rng.chance(0.05) && batch[0]) batch.push({ ...batch[0], seq: batch[0].seq + n + 50, t: batch[0].t - 5 });
    out.push(batch);
    if (rng.chance(0.1)) out.push(batch); // a resend after a lost ack
    i += n;
  }
  return out;
}

function expectSameAsReference(samples: StatsSample[], rng: Rng): number {
  const ref = referenceSession();
  const session = newViewerSession('s', client, T0);
  let compared = 0;
  for (const batch of batches(samples, rng)) {
    ref.apply(batch);
    applySamples(session, batch, T0);
    expect({ current: session.current, window: session.window }).toEqual(ref.metrics());
    expect(Array.from({ length: session.counters.length }, (_, i) => session.counters.timeAt(i))).toEqual(
      ref.ring.map((s) => s.t),
    );
    expect(session.latest).toBe(ref.ring[ref.ring.length - 1] ?? null);
    compared += 1;
  }
  return compared;
}

const expected = new URL('../../../fixtures/expected/', import.meta.url);
const RECORDED = ['firefox153_AV1_recvonly', 'viewerReport_AV1_withActiveCapture', 'viewerReport_VP8_noCapture'].map(
  (name) => JSON.parse(readFileSync(new URL(`summarize-${name}.json`, expected), 'utf8')) as StatsSample,
);

describe('counter ring', () => {
  it('keeps a recorded sample’s counters exactly, and leaves absent ones absent', () => {
    for (const sample of RECORDED) {
      const ring = new CounterRing(10_000, 1_500);
      ring.push(sample);
      ring.push({ ...sample, t: sample.t + 1_000 });
      const entry = ring.anchor(1_000);
      expect(entry?.t).toBe(sample.t);
      const pick = (o: object | undefined, keys: string[]) =>
        o && Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
      expect(entry?.vi).toEqual(pick(sample.vi, ['ss', 'by', 'pr', 'pl', 'fd', 'jbd', 'jbe', 'fz', 'fzd']));
      expect(entry?.au).toEqual(pick(sample.au, ['ss', 'by', 'pr', 'pl', 'tsr', 'cs', 'scs']));
    }
    const bare = new CounterRing(10_000, 1_500);
    bare.push({ t: 1 });
    bare.push({ t: 2, vi: { ss: 1, by: 0, pr: 0, pl: -3 }, au: { ss: 2, by: 5, pr: 1, pl: 0, cs: 0 } });
    bare.push({ t: 3 });
    expect(bare.entry(0)).toStrictEqual({ t: 1 });
    expect(bare.entry(1)).toStrictEqual({
      t: 2,
      vi: { ss: 1, by: 0, pr: 0, pl: -3 },
      au: { ss: 2, by: 5, pr: 1, pl: 0, cs: 0 },
    });
  });

  it('derives the same metrics as the object ring from the recorded samples, advanced second by second', () => {
    const rng = createRng(7);
    for (const sample of RECORDED) {
      const series = Array.from({ length: 40 }, (_, i) => ({
        ...sample,
        seq: i + 1,
        t: T0 + i * 1_000,
        vi: sample.vi && { ...sample.vi, by: sample.vi.by + i * 150_000, pr: sample.vi.pr + i * 150 },
        au: sample.au && { ...sample.au, by: sample.au.by + i * 4_000, pr: sample.au.pr + i * 50 },
      }));
      expect(expectSameAsReference(series, rng)).toBeGreaterThan(5);
    }
  });

  it('derives the same metrics as the object ring for 20 model viewers × 10 minutes at 1 s and 2 s sampling', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed * 31);
      expect(expectSameAsReference(modelSamples(seed, 600, seed % 2 ? 1_000 : 2_000), rng)).toBeGreaterThan(100);
    }
  });

  it('keeps the same entries as the object ring for any spacing of sample times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        const ref = referenceSession();
        const ring = new CounterRing(10_000, 1_500);
        let t = T0;
        gaps.forEach((gap, i) => {
          t += gap;
          ref.apply([{ seq: i + 1, t }]);
          ring.push({ t });
          expect(Array.from({ length: ring.length }, (_, k) => ring.timeAt(k))).toEqual(ref.ring.map((s) => s.t));
        });
      }),
    );
  });
});
