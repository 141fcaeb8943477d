/**
 * @module Plausibility bounds (issue 10): forged values are refused naming the field; real recordings and simulated
 * viewers pass.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../../server/http/validate.ts';
import { connect, initialState, nextSample } from '../../../server/simulator/sample-model.ts';
import { createRng } from '../../../server/simulator/prng.ts';
import { drawPersona } from '../../../server/simulator/viewer-persona.ts';
import { MAX_CLOCK_SKEW_MS } from '../../../shared/limits.ts';
import { checkStatsBatch, checkTimestamp } from '../../../shared/plausibility.ts';
import { clockChecked, plausibleStatsBatch } from '../../../shared/plausible-schemas.ts';
import { FunnelStepSchema } from '../../../shared/funnel.ts';
import { StatsSampleSchema, type StatsSample } from '../../../shared/stats-sample.ts';

const NOW = 1_800_000_000_000;
const expected = new URL('../../fixtures/expected/', import.meta.url);
/** The golden StatsSamples summarised from the recorded Chromium 156 and Firefox 153 reports. */
const RECORDED = ['firefox153_AV1_recvonly', 'viewerReport_AV1_withActiveCapture', 'viewerReport_VP8_noCapture'].map(
  (name) => ({
    name,
    sample: JSON.parse(readFileSync(new URL(`summarize-${name}.json`, expected), 'utf8')) as StatsSample,
  }),
);
const recorded = JSON.parse(
  readFileSync(new URL('../../fixtures/getstats/chromium-156-loopback-av1-vp8.json', import.meta.url), 'utf8'),
) as {
  derivedEverySecond_VP8_noCapture: Array<{
    video?: { payloadKbps: number; decodedFps: number };
    audio?: { payloadKbps: number };
  }>;
};

/** `s` one second later, its counters advanced at the given rates (the highest the Chromium recording saw, doubled). */
function later(s: StatsSample, seconds: number): StatsSample {
  const rows = recorded.derivedEverySecond_VP8_noCapture;
  const videoKbps = 2 * Math.max(...rows.map((r) => r.video?.payloadKbps ?? 0));
  const fps = 2 * Math.max(...rows.map((r) => r.video?.decodedFps ?? 0));
  const audioKbps = 2 * Math.max(...rows.map((r) => r.audio?.payloadKbps ?? 0));
  const add = (x: number | undefined, d: number) => (x === undefined ? undefined : x + d);
  return {
    ...s,
    seq: s.seq + 1,
    t: s.t + seconds * 1000,
    vi: s.vi && {
      ...s.vi,
      by: s.vi.by + Math.round(videoKbps * 125 * seconds),
      pr: s.vi.pr + 200 * seconds,
      fd: add(s.vi.fd, Math.round(fps * seconds)),
      frx: add(s.vi.frx, Math.round(fps * seconds)),
      jbe: add(s.vi.jbe, Math.round(fps * seconds)),
      jbd: add(s.vi.jbd, 0.2 * fps * seconds),
    },
    au: s.au && {
      ...s.au,
      by: s.au.by + Math.round(audioKbps * 125 * seconds),
      pr: s.au.pr + 50 * seconds,
      tsr: add(s.au.tsr, 48_000 * seconds),
    },
  };
}

describe('real samples pass', () => {
  it.each(RECORDED)('$name alone and followed by itself at twice the recorded rates', ({ sample }) => {
    const at = { ...sample, t: NOW - 1000 };
    expect(v.safeParse(StatsSampleSchema, at).success).toBe(true);
    expect(checkStatsBatch([at], undefined, NOW)).toBeNull();
    expect(checkStatsBatch([at, later(at, 1)], undefined, NOW + 1000)).toBeNull();
    expect(checkStatsBatch([later(at, 0.8)], at, NOW)).toBeNull();
  });

  it('10 simulated viewers × 15 minutes of the fixture-based model (freezes, outages, renegotiations) are never refused', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed);
      let state = connect(initialState(drawPersona(rng), NOW - 900_000), rng);
      let previous: StatsSample | undefined;
      for (let i = 0; i < 900; i++) {
        const step = nextSample(state, 1000, rng);
        state = step.state;
        const issue = checkStatsBatch([step.sample], previous, step.sample.t);
        expect(issue, `seed ${seed}, sample ${i}`).toBeNull();
        previous = step.sample;
      }
    }
  });

  it('a restarted connection on the same SSRC (counters from zero) is a new stream, not a decrease', () => {
    const first = { ...RECORDED[1]!.sample, t: NOW - 2000 };
    const restarted: StatsSample = {
      ...first,
      seq: first.seq + 1,
      t: NOW - 1000,
      vi: { ...first.vi!, by: 1200, pr: 2, fd: 1, jbe: 1, jbd: 0.01 },
    };
    expect(checkStatsBatch([restarted], first, NOW)).toBeNull();
  });
});

describe('forged values are refused, naming the field', () => {
  const base = { ...RECORDED[1]!.sample, t: NOW - 1000 };
  const forge = (patch: (s: StatsSample) => StatsSample) =>
    checkStatsBatch([base, patch(later(base, 1))], undefined, NOW + 1000);

  it('a timestamp a day away from the server clock', () => {
    expect(checkTimestamp(NOW - MAX_CLOCK_SKEW_MS, NOW)).toBeNull();
    expect(checkTimestamp(NOW + MAX_CLOCK_SKEW_MS + 1, NOW)?.field).toBe('t');
    expect(checkStatsBatch([{ ...base, t: 1000 }], undefined, NOW)?.field).toBe('samples.0.t');
  });

  it('a byte counter that implies more than 1 Gbit/s (the 7.2e16 kbps p90 of the report)', () => {
    expect(forge((s) => ({ ...s, vi: { ...s.vi!, by: s.vi!.by + 200_000_000 } }))?.field).toBe('samples.1.vi.by');
  });

  it('decoded frames beyond 240 fps, and a frame larger than 8K', () => {
    expect(forge((s) => ({ ...s, vi: { ...s.vi!, fd: s.vi!.fd! + 1e15 } }))?.field).toBe('samples.1.vi.fd');
    expect(checkStatsBatch([{ ...base, vi: { ...base.vi!, w: 7680, h: 7680 } }], undefined, NOW)?.field).toBe(
      'samples.0.vi.w',
    );
    expect(v.safeParse(StatsSampleSchema, { ...base, vi: { ...base.vi!, fps: 1e15 } }).success).toBe(false);
    expect(v.safeParse(StatsSampleSchema, { ...base, vi: { ...base.vi!, h: 8000 } }).success).toBe(false);
  });

  it('a cumulative counter that goes down while the stream continues', () => {
    expect(forge((s) => ({ ...s, vi: { ...s.vi!, fz: 0, fd: 1 } }))?.field).toBe('samples.1.vi.fd');
    expect(forge((s) => ({ ...s, au: { ...s.au!, tsr: 0 } }))?.field).toBe('samples.1.au.tsr');
  });

  it('a jitter-buffer delay of more than 30 s per frame', () => {
    expect(forge((s) => ({ ...s, vi: { ...s.vi!, jbd: s.vi!.jbd! + 1e9 } }))?.field).toBe('samples.1.vi.jbd');
  });

  it('the schemas the server parses with report the field as an invalid payload would', () => {
    const stats = plausibleStatsBatch(
      () => NOW,
      () => undefined,
    );
    const bad = v.safeParse(stats, { samples: [base, { ...later(base, 1), au: { ...base.au!, ce: 0 } }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(describeIssues(bad.issues)).toMatchObject({ field: 'samples.1.au.ce' });
    const step = v.safeParse(
      clockChecked(FunnelStepSchema, () => NOW),
      { stage: 'page', t: 5 },
    );
    expect(step.success).toBe(false);
    if (!step.success) expect(describeIssues(step.issues)).toMatchObject({ field: 't' });
    expect(
      v.safeParse(
        clockChecked(FunnelStepSchema, () => NOW),
        { stage: 'page', t: NOW },
      ).success,
    ).toBe(true);
  });
});
