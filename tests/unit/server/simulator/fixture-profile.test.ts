/**
 * @module The simulator's magnitudes and field sets come from the recorded Chromium 156 getStats (provenance check).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUDIO_PROFILE,
  LOOPBACK_RTT_S,
  RECORDED_FPS,
  VIDEO_PROFILES,
} from '../../../../server/simulator/fixture-profile.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import { connect, initialState, nextSample } from '../../../../server/simulator/sample-model.ts';
import { drawPersona } from '../../../../server/simulator/viewer-persona.ts';

type Stats = Record<string, number | string | boolean>;
const fixtures = new URL('../../../fixtures/', import.meta.url);
const recorded = JSON.parse(readFileSync(new URL('getstats/chromium-156-loopback-av1-vp8.json', fixtures), 'utf8')) as {
  codecMatrix: Record<string, { framesPerSecond: number; avgQpLastSecond: number; decoderImplementation: string }>;
} & Record<string, Record<string, Stats>>;

const inbound = (report: string, kind: 'video' | 'audio'): Stats => {
  const found = Object.values(recorded[report] ?? {}).find((s) => s.type === 'inbound-rtp' && s.kind === kind);
  if (!found) throw new Error(`${report} has no ${kind} inbound-rtp`);
  return found;
};
const ratio = (s: Stats, a: string, b: string): number => Number(s[a]) / Number(s[b]);

describe('fixture profile', () => {
  it.each([
    ['AV1', 'viewerReport_AV1_withActiveCapture'],
    ['VP8', 'viewerReport_VP8_noCapture'],
  ] as const)('%s per-packet and per-frame numbers are the recorded ones', (codec, report) => {
    const video = inbound(report, 'video');
    const profile = VIDEO_PROFILES[codec];
    expect(profile.bytesPerPacket).toBe(Math.round(ratio(video, 'bytesReceived', 'packetsReceived')));
    expect(profile.decodeMsPerFrame).toBeCloseTo(1000 * ratio(video, 'totalDecodeTime', 'framesDecoded'), 1);
    expect(profile.jitterBufferMsPerFrame).toBeCloseTo(
      1000 * ratio(video, 'jitterBufferDelay', 'jitterBufferEmittedCount'),
      0,
    );
  });

  it('QP and decoder names come from the codec matrix', () => {
    for (const codec of ['AV1', 'VP9', 'VP8', 'H264'] as const) {
      expect(VIDEO_PROFILES[codec].qpPerFrame).toBe(recorded.codecMatrix[codec]?.avgQpLastSecond);
      expect(VIDEO_PROFILES[codec].decoder).toBe(recorded.codecMatrix[`${codec}gum`]?.decoderImplementation);
    }
    const fps = Object.values(recorded.codecMatrix).map((c) => c.framesPerSecond);
    expect([Math.min(...fps), Math.max(...fps)]).toStrictEqual([RECORDED_FPS.min, RECORDED_FPS.max]);
  });

  it('audio numbers are the recorded Opus ones', () => {
    const av1 = inbound('viewerReport_AV1_withActiveCapture', 'audio');
    const vp8 = inbound('viewerReport_VP8_noCapture', 'audio');
    expect(AUDIO_PROFILE.bytesPerPacketMin).toBe(Math.round(ratio(av1, 'bytesReceived', 'packetsReceived')));
    expect(AUDIO_PROFILE.bytesPerPacketMax).toBe(Math.round(ratio(vp8, 'bytesReceived', 'packetsReceived')));
    expect(AUDIO_PROFILE.sampleRate).toBe(Math.round(ratio(vp8, 'totalSamplesReceived', 'totalSamplesDuration')));
    expect(AUDIO_PROFILE.packetsPerSecond).toBe(Math.round(ratio(av1, 'packetsReceived', 'totalSamplesDuration')));
    expect(AUDIO_PROFILE.jitterBufferS).toBeCloseTo(ratio(av1, 'jitterBufferDelay', 'jitterBufferEmittedCount'), 4);
    expect(AUDIO_PROFILE.startupConcealedSamples).toBe(av1.concealedSamples);
    expect(AUDIO_PROFILE.startupConcealmentEvents).toBe(av1.concealmentEvents);
    const pair = Object.values(recorded.viewerReport_AV1_withActiveCapture ?? {}).find(
      (s) => s.type === 'candidate-pair' && s.nominated,
    );
    expect(pair?.currentRoundTripTime).toBe(LOOPBACK_RTT_S);
  });

  it('a simulated sample carries the same fields as the real collector summarised from the recording', () => {
    const golden = JSON.parse(
      readFileSync(new URL('expected/summarize-viewerReport_AV1_withActiveCapture.json', fixtures), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    const rng = createRng(7);
    const persona = { ...drawPersona(rng), showsDecoder: true };
    const sample = nextSample(connect(initialState(persona, 1_795_460_547_064), rng), 1000, rng).sample;
    const keys = (o: object | undefined): string[] => Object.keys(o ?? {}).sort();
    expect(keys(sample)).toStrictEqual(keys(golden));
    expect(keys(sample.vi)).toStrictEqual(keys(golden.vi));
    expect(keys(sample.au)).toStrictEqual(keys(golden.au));
    expect(keys(sample.ne)).toStrictEqual(keys(golden.ne));
  });
});
