/**
 * @module Golden tests of the publisher side: a real Chromium 156 screen-share publisher's reports (AV1, fake screen
 * and microphone, tests/fixtures/getstats/chromium-156-publisher-av1-screenshare.json) → PublisherSample
 * (tests/fixtures/expected/summarize-outbound-*.json; `UPDATE_GOLDEN=1` rewrites them), plus the quirks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { summarizeOutbound } from '../../../../client/src/collector/summarize-outbound.ts';
import { PublisherSampleSchema } from '../../../../shared/publisher-sample.ts';

const fixtures = new URL('../../../fixtures/', import.meta.url);
const recorded = JSON.parse(
  readFileSync(new URL('getstats/chromium-156-publisher-av1-screenshare.json', fixtures), 'utf8'),
) as Record<string, Array<Record<string, unknown>>>;
const update = process.env.UPDATE_GOLDEN === '1';

const reportOf = (name: string): Array<Record<string, unknown>> => {
  const report = recorded[name];
  if (!report) throw new Error(`fixture has no ${name}`);
  return report;
};

function golden(name: string, actual: unknown): void {
  const file = new URL(`expected/summarize-outbound-${name}.json`, fixtures);
  if (update) return writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toStrictEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('summarizeOutbound on a recorded Chromium 156 screen share', () => {
  for (const name of ['publisherReport_AV1_screenshare_8s', 'publisherReport_AV1_screenshare_10s']) {
    it(`${name} matches its golden sample and the wire schema`, () => {
      const sample = summarizeOutbound(reportOf(name), 7, { state: 'connected', targetFps: 30 });
      expect(v.safeParse(PublisherSampleSchema, sample).success).toBe(true);
      golden(name, sample);
    });
  }

  it('reads the encoder, the capture, Sora’s receiver report and the bandwidth estimate', () => {
    const s = summarizeOutbound(reportOf('publisherReport_AV1_screenshare_10s'), 1, { state: 'connected' });
    expect(s.vo).toMatchObject({ c: 'AV1', enc: 'libaom', w: 1280, h: 720, sw: 1280, sh: 720, ql: 'none', rl: 0 });
    expect(s.vo?.qd).toEqual({ n: 10.334, c: 0, b: 0, o: 0 });
    expect(s.ao).toMatchObject({ c: 'OPUS', rl: 0 });
    expect(s.ne?.ab).toBe(5_351_428);
    expect(s.ne?.rtt).toBe(0.001);
  });
});

describe('summarizeOutbound quirks', () => {
  const out = (extra: Record<string, unknown>) => ({
    id: 'OV',
    type: 'outbound-rtp',
    kind: 'video',
    ssrc: 5,
    timestamp: 1_800_000_000_000.4,
    bytesSent: 1000,
    packetsSent: 10,
    ...extra,
  });

  it('finds Sora’s report by SSRC when the outbound stats carry no remoteId', () => {
    const s = summarizeOutbound(
      [out({}), { id: 'R', type: 'remote-inbound-rtp', kind: 'video', ssrc: 5, packetsLost: 3, fractionLost: 0.25 }],
      1,
    );
    expect(s.vo).toMatchObject({ rl: 3, fl: 0.25 });
  });

  it('takes the simulcast layer that sent the most, and drops values no browser reports', () => {
    const s = summarizeOutbound(
      [
        out({ id: 'small', ssrc: 1, bytesSent: 10, frameWidth: 320 }),
        out({
          id: 'big',
          ssrc: 2,
          bytesSent: 99,
          frameWidth: 1e9,
          framesPerSecond: Number.NaN,
          qualityLimitationReason: 'cosmic',
        }),
      ],
      1,
    );
    expect(s.vo?.ss).toBe(2);
    expect(s.vo?.w).toBeUndefined();
    expect(s.vo?.fps).toBeUndefined();
    expect(s.vo?.ql).toBeUndefined();
  });

  it('keeps absent stats absent and falls back to the caller’s clock for an empty report', () => {
    expect(summarizeOutbound([], 3, { now: 42, state: 'checking' })).toEqual({ seq: 3, t: 42, st: 'connecting' });
  });
});
