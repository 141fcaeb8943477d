/**
 * @module The pure per-viewer sample model: deterministic, valid on the wire, monotonic counters, realistic metrics.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deriveMetrics } from '../../../../shared/metrics.ts';
import { StatsSampleSchema, type AudioIn, type StatsSample, type VideoIn } from '../../../../shared/stats-sample.ts';
import { createRng, type Rng } from '../../../../server/simulator/prng.ts';
import {
  beginOutage,
  connect,
  initialState,
  MAX_KBPS,
  MIN_KBPS,
  nextSample,
  RENEGOTIATE_PER_S,
  type ModelState,
} from '../../../../server/simulator/sample-model.ts';
import { drawPersona, type Persona } from '../../../../server/simulator/viewer-persona.ts';

const T0 = 1_795_460_547_064;

/** `seconds` one-second samples of a viewer that is connected from the start. */
function run(seed: number, seconds: number, tweak: (p: Persona) => Persona = (p) => p): StatsSample[] {
  const rng = createRng(seed);
  let state: ModelState = connect(initialState(tweak(drawPersona(rng)), T0), rng);
  const out: StatsSample[] = [];
  for (let i = 0; i < seconds; i++) {
    const step = nextSample(state, 1000, rng);
    state = step.state;
    out.push(step.sample);
  }
  return out;
}

const CUMULATIVE: Record<'vi' | 'au', ReadonlyArray<(keyof VideoIn & keyof AudioIn) | string>> = {
  vi: ['by', 'pr', 'pl', 'fd', 'frx', 'fdr', 'kf', 'fz', 'fzd', 'jbd', 'jbe', 'qp', 'nk', 'pli', 'dt'],
  au: ['by', 'pr', 'pl', 'tsr', 'cs', 'scs', 'ce', 'jbd', 'jbe'],
};

describe('nextSample', () => {
  it('is deterministic for a seed and different across seeds', () => {
    expect(run(42, 120)).toStrictEqual(run(42, 120));
    expect(run(43, 120)).not.toStrictEqual(run(42, 120));
  });

  it('produces samples the server accepts, with seq and t moving forward', () => {
    const samples = run(1, 300);
    for (const [i, s] of samples.entries()) {
      expect(v.safeParse(StatsSampleSchema, s).success).toBe(true);
      expect(s.seq).toBe(i + 1);
      expect(s.t).toBe(T0 + 1000 * (i + 1));
    }
  });

  it('never lets a cumulative counter go backwards while the SSRC stays; integer counters stay integers', () => {
    const violations: string[] = [];
    let compared = 0;
    for (let seed = 0; seed < 20; seed++) {
      const samples = run(seed, 1_800);
      for (let i = 1; i < samples.length; i++) {
        for (const kind of ['vi', 'au'] as const) {
          const prev = samples[i - 1]?.[kind] as Record<string, number> | undefined;
          const cur = samples[i]?.[kind] as Record<string, number> | undefined;
          if (!prev || !cur || prev.ss !== cur.ss) continue;
          compared += 1;
          for (const key of CUMULATIVE[kind]) {
            if ((cur[key] as number) < (prev[key] as number)) violations.push(`${kind}.${key} seed ${seed} #${i}`);
          }
          for (const key of ['by', 'pr', 'pl', 'jbe'])
            if (!Number.isInteger(cur[key])) violations.push(`${kind}.${key} not an integer`);
        }
      }
    }
    expect(compared).toBeGreaterThan(60_000);
    expect(violations).toStrictEqual([]);
  });

  it('now and then renegotiates: new SSRCs and counters that start again from zero', () => {
    const rng = createRng(5);
    let state = connect(initialState(drawPersona(rng), T0), rng);
    const seconds = Math.ceil(10 / RENEGOTIATE_PER_S); // ~10 renegotiations expected
    let resets = 0;
    let prev: StatsSample | null = null;
    for (let i = 0; i < seconds; i++) {
      const step = nextSample(state, 1000, rng);
      state = step.state;
      const cur = step.sample;
      if (prev?.vi && cur.vi && cur.vi.ss !== prev.vi.ss) {
        resets += 1;
        expect(cur.au?.ss).not.toBe(prev.au?.ss);
        expect(cur.vi.by).toBeLessThan(prev.vi.by);
      }
      prev = cur;
    }
    expect(resets).toBeGreaterThanOrEqual(3);
    expect(resets).toBeLessThanOrEqual(25);
  });

  it('yields metrics in the persona’s range through the server’s own derivation', () => {
    const rng = createRng(9);
    for (let n = 0; n < 50; n++) {
      const persona = drawPersona(rng);
      let state = connect(initialState(persona, T0), rng);
      const samples: StatsSample[] = [];
      for (let i = 0; i < 60; i++) {
        const step = nextSample(state, 1000, rng);
        state = step.state;
        samples.push(step.sample);
      }
      const m = deriveMetrics(samples[49] as StatsSample, samples[59] as StatsSample);
      if (!m || samples[59]?.vi?.ss !== samples[49]?.vi?.ss) continue;
      expect(m.videoKbps).toBeGreaterThan(MIN_KBPS * 0.2); // a freeze may cut a window's bytes
      expect(m.videoKbps).toBeLessThan(MAX_KBPS * 1.1);
      expect(m.rttMs).toBeGreaterThanOrEqual(10);
      expect(m.rttMs).toBeLessThanOrEqual(370);
      expect(m.height).toBe(persona.height);
      expect(m.codec).toBe(persona.codec);
      expect(m.lossPct).toBeLessThan(persona.lossRate > 0.01 ? 30 : 5);
    }
  });

  it('lossy viewers show 2–8 % loss on average, healthy ones well under 1 %', () => {
    const avgLoss = (tweak: (p: Persona) => Persona): number => {
      const samples = run(11, 600, tweak);
      const m = deriveMetrics(samples[0] as StatsSample, samples[599] as StatsSample);
      return m?.lossPct ?? NaN;
    };
    expect(avgLoss((p) => ({ ...p, lossRate: 0.05 }))).toBeGreaterThan(2);
    expect(avgLoss((p) => ({ ...p, lossRate: 0.05 }))).toBeLessThan(8);
    expect(avgLoss((p) => ({ ...p, lossRate: 0.001 }))).toBeLessThan(1);
  });

  it('counts freezes and their duration for a freezy viewer', () => {
    const samples = run(3, 600, (p) => ({ ...p, freezesPerMin: 2 }));
    const last = samples.at(-1)?.vi;
    expect(last?.fz).toBeGreaterThan(5);
    expect(last?.fzd).toBeGreaterThan(0.3 * (last?.fz ?? 0));
  });

  it('follows the recorded outage timeline: connected, then disconnected after ~8 s, failed after ~18 s', () => {
    const rng: Rng = createRng(2);
    let state = beginOutage(connect(initialState(drawPersona(rng), T0), rng));
    const states: string[] = [];
    const lastPacket: number[] = [];
    for (let i = 0; i < 20; i++) {
      const step = nextSample(state, 1000, rng);
      state = step.state;
      states.push(step.sample.st ?? '');
      lastPacket.push(step.sample.au?.lp ?? -1);
    }
    expect(states.slice(0, 7).every((s) => s === 'connected')).toBe(true);
    expect(states[9]).toBe('disconnected');
    expect(states[19]).toBe('failed');
    expect(lastPacket[4]).toBe(5000);
  });
});
