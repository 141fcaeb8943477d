/** @module The embed's stats source (RTCPeerConnection or sora-js-sdk connection). */
import type { ConnectionSubscriber } from 'sora-js-sdk';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type AttachTarget, statsSource } from '../../../../client/src/collector/embed.ts';

/** Just enough of an RTCPeerConnection for statsSource; the report is tagged so a test can tell pcs apart. */
function fakePc(tag: string, state: RTCPeerConnectionState = 'connected'): RTCPeerConnection {
  const pc = {
    connectionState: state,
    iceConnectionState: 'connected',
    getStats: async () => new Map([['P', { id: 'P', type: 'peer-connection', timestamp: 1, tag }]]),
  };
  return pc as unknown as RTCPeerConnection;
}

const tagOf = async (report: Promise<unknown>): Promise<unknown> => {
  const r = (await report) as Map<string, { tag: string }> | null;
  return r ? r.get('P')?.tag : null;
};

describe('embed statsSource', () => {
  it('accepts a sora-js-sdk ConnectionSubscriber as an attach target', () => {
    expectTypeOf<ConnectionSubscriber>().toExtend<AttachTarget>();
  });

  it('polls a plain RTCPeerConnection', async () => {
    const source = statsSource(fakePc('a', 'connecting'));
    expect(await tagOf(source.getStats())).toBe('a');
    expect(source.peerState()).toBe('connecting');
  });

  it('reads .pc of a Sora connection at every poll, following replacement and null', async () => {
    const sora: { pc: RTCPeerConnection | null } = { pc: fakePc('first') };
    const source = statsSource(sora);
    expect(await tagOf(source.getStats())).toBe('first');
    sora.pc = fakePc('second', 'disconnected');
    expect(await tagOf(source.getStats())).toBe('second');
    expect(source.peerState()).toBe('disconnected');
    sora.pc = null;
    expect(await source.getStats()).toBeNull();
    expect(source.peerState()).toBe('closed');
  });
});
