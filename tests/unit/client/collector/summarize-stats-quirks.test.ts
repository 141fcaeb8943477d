/** @module Hand-written browser quirks for summarizeStats: Firefox shapes, missing objects, relays, bad values. */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { type SampleContext, summarizeStats } from '../../../../client/src/collector/summarize-stats.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { StatsSampleSchema } from '../../../../shared/stats-sample.ts';

type Stats = Record<string, unknown> & { id: string; type: string };

/** Summarizes and checks the result against the wire schema, as the server will. */
function summarize(stats: Stats[], seq = 1, context: SampleContext = {}): StatsSample {
  const sample = summarizeStats(stats, seq, context);
  expect(v.parse(StatsSampleSchema, sample)).toStrictEqual(sample);
  return sample;
}

const T = 1_795_000_000_000.25;
const videoIn = (extra: Record<string, unknown> = {}): Stats => ({
  id: 'v1',
  type: 'inbound-rtp',
  timestamp: T,
  kind: 'video',
  ssrc: 11,
  bytesReceived: 5000,
  packetsReceived: 50,
  packetsLost: 0,
  codecId: 'c1',
  ...extra,
});

describe('summarizeStats quirks', () => {
  it('reads a Firefox-style report: mediaType only, no transport, the pair marked selected: true', () => {
    const sample = summarize(
      [
        {
          id: 'in-v',
          type: 'inbound-rtp',
          timestamp: T,
          mediaType: 'video',
          ssrc: 21,
          bytesReceived: 900,
          packetsReceived: 9,
          packetsLost: 1,
          framesPerSecond: 29.97,
          codecId: 'cv',
        },
        {
          id: 'in-a',
          type: 'inbound-rtp',
          timestamp: T,
          mediaType: 'audio',
          ssrc: 22,
          bytesReceived: 300,
          packetsReceived: 3,
          packetsLost: 0,
        },
        // Old Firefox sent the sender's RTCP view as inbound-rtp with isRemote: true; it must not win by bytes.
        {
          id: 'in-v-remote',
          type: 'inbound-rtp',
          timestamp: T,
          mediaType: 'video',
          isRemote: true,
          ssrc: 21,
          bytesReceived: 99_999,
          packetsReceived: 99,
          packetsLost: 0,
        },
        { id: 'cv', type: 'codec', timestamp: T, mimeType: 'video/VP9' },
        // A nominated, succeeded pair that Firefox did not select: the fallback must not pick it.
        {
          id: 'p-other',
          type: 'candidate-pair',
          timestamp: T,
          nominated: true,
          state: 'succeeded',
          selected: false,
          localCandidateId: 'l-host',
          remoteCandidateId: 'r1',
        },
        {
          id: 'p-sel',
          type: 'candidate-pair',
          timestamp: T,
          nominated: true,
          state: 'succeeded',
          selected: true,
          localCandidateId: 'l-srflx',
          remoteCandidateId: 'r1',
        },
        { id: 'l-host', type: 'local-candidate', timestamp: T, candidateType: 'host', protocol: 'udp' },
        { id: 'l-srflx', type: 'local-candidate', timestamp: T, candidateType: 'serverreflexive', protocol: 'UDP' },
        { id: 'r1', type: 'remote-candidate', timestamp: T, candidateType: 'host', protocol: 'udp' },
      ],
      4,
      { state: 'completed' },
    );
    expect(sample).toStrictEqual({
      seq: 4,
      t: 1_795_000_000_000,
      st: 'connected', // iceConnectionState 'completed', passed when connectionState is missing (Firefox < 113)
      vi: { ss: 21, c: 'VP9', by: 900, pr: 9, pl: 1, fps: 30 },
      au: { ss: 22, by: 300, pr: 3, pl: 0 },
      ne: { lt: 'srflx', rt: 'host', pr: 'udp' },
    });
  });

  it('leaves c out when the codec object is missing or has no mimeType', () => {
    expect(summarize([videoIn()]).vi).not.toHaveProperty('c');
    expect(summarize([videoIn(), { id: 'c1', type: 'codec', timestamp: T, payloadType: 96 }]).vi).not.toHaveProperty(
      'c',
    );
  });

  it('reports a TURN-over-TCP relay as lt relay, pr udp, rp tcp (recorded Chromium 156 candidates)', () => {
    const recorded = JSON.parse(
      readFileSync(new URL('../../../fixtures/getstats/chromium-156-loopback-av1-vp8.json', import.meta.url), 'utf8'),
    );
    const tcp = recorded.relayCandidates_loopbackCoturn.find(
      (r: { turnTransport: string }) => r.turnTransport === 'tcp',
    );
    const { pair, local, remote } = tcp.selectedPair as Record<'pair' | 'local' | 'remote', Stats>;
    const transport: Stats = {
      id: 'T01',
      type: 'transport',
      timestamp: pair.timestamp,
      selectedCandidatePairId: pair.id,
      selectedCandidatePairChanges: 1,
    };
    const sample = summarize([transport, pair, local, remote]);
    expect(sample.ne).toStrictEqual({ rtt: 0.001, lt: 'relay', rt: 'relay', pr: 'udp', rp: 'tcp', spc: 1 });
    expect(sample.t).toBe(Math.round(pair.timestamp as number));
  });

  it('returns only t, seq and st when there is no inbound-rtp (connected, sender has no track)', () => {
    const sample = summarize(
      [
        { id: 'P', type: 'peer-connection', timestamp: T + 500, dataChannelsOpened: 0 },
        { id: 'CF', type: 'certificate', timestamp: T },
      ],
      9,
      { state: 'connected', now: 5 },
    );
    // t is the newest timestamp in the report, not the caller's clock.
    expect(sample).toStrictEqual({ seq: 9, t: 1_795_000_000_500, st: 'connected' });
  });

  it('falls back to the caller clock for an empty report, and drops a state that is not a peer state', () => {
    expect(summarize([], 2, { state: 'weird', now: 1234.4 })).toStrictEqual({ seq: 2, t: 1234 });
  });

  it('picks the inbound-rtp with the most bytes when a kind has several', () => {
    const sample = summarize([
      videoIn({ id: 'old', ssrc: 1, bytesReceived: 10 }),
      videoIn({ id: 'new', ssrc: 2, bytesReceived: 20 }),
      videoIn({ id: 'mid', ssrc: 3, bytesReceived: 15 }),
    ]);
    expect(sample.vi?.ss).toBe(2);
  });

  it('uses a nominated, succeeded pair when neither the transport nor a selected flag names one', () => {
    const sample = summarize([
      {
        id: 'p1',
        type: 'candidate-pair',
        timestamp: T,
        nominated: false,
        state: 'succeeded',
        currentRoundTripTime: 0.5,
        localCandidateId: 'l1',
      },
      {
        id: 'p2',
        type: 'candidate-pair',
        timestamp: T,
        nominated: true,
        state: 'succeeded',
        currentRoundTripTime: 0.04,
        localCandidateId: 'l1',
      },
      { id: 'l1', type: 'local-candidate', timestamp: T, candidateType: 'prflx', protocol: 'tcp' },
    ]);
    expect(sample.ne).toStrictEqual({ rtt: 0.04, lt: 'prflx', pr: 'tcp' });
  });

  it('never zero-fills instantaneous values that are absent (before the first decoded frame)', () => {
    const sample = summarize([videoIn({ framesDecoded: 0 })]);
    expect(sample.vi).toStrictEqual({ ss: 11, by: 5000, pr: 50, pl: 0, fd: 0 });
  });

  it('keeps negative packetsLost but drops values the wire schema would refuse', () => {
    const sample = summarize([
      videoIn({
        packetsLost: -3,
        frameWidth: 99_999,
        framesPerSecond: -1,
        jitter: Number.NaN,
        qpSum: 'x',
        decoderImplementation: 'a'.repeat(40),
        lastPacketReceivedTimestamp: T + 50,
      }),
      {
        id: 'p',
        type: 'candidate-pair',
        timestamp: T,
        selected: true,
        currentRoundTripTime: 120,
        localCandidateId: 'l',
      },
      {
        id: 'l',
        type: 'local-candidate',
        timestamp: T,
        candidateType: 'mystery',
        protocol: 'sctp',
        relayProtocol: 'quic',
      },
    ]);
    expect(sample.vi).toStrictEqual({ ss: 11, by: 5000, pr: 50, pl: -3, lp: 0, dec: 'a'.repeat(32) });
    expect(sample).not.toHaveProperty('ne');
  });
});
