/** Each case mirrors what sora-js-sdk 2026.1.0 was seen to produce (docs/failures.md, reference sora.md §1.5–1.6). */
import { describe, expect, it } from 'vitest';
import {
  classifyConnectError,
  classifyDisconnect,
  classifyJoinTimeout,
  classifyPeerFailure,
  type JoinSnapshot,
} from '../../../../client/src/watch/join/classify.ts';

const BEFORE_OFFER: JoinSnapshot = { offerReceived: false, joined: false };
const AFTER_OFFER: JoinSnapshot = {
  offerReceived: true,
  joined: false,
  connectionState: 'connecting',
  iceConnectionState: 'checking',
  dtlsState: 'new',
};
const JOINED: JoinSnapshot = {
  offerReceived: true,
  joined: true,
  connectionState: 'connected',
  iceConnectionState: 'connected',
  dtlsState: 'connected',
};

const connectError = (message: string, code?: number, reason?: string) =>
  Object.assign(new Error(message), { name: 'ConnectError', code, reason });

describe('classifyConnectError', () => {
  it('1006 before open: signaling unreachable', () => {
    const err = connectError("Signaling failed. CloseEventCode:1006 CloseEventReason:''", 1006, '');
    expect(classifyConnectError(err, BEFORE_OFFER)).toEqual({
      category: 'signaling-unreachable',
      code: 1006,
      title: 'ConnectError',
      message: "Signaling failed. CloseEventCode:1006 CloseEventReason:''",
    });
  });

  it('4xxx close with a reason (auth webhook denial): signaling rejected, reason kept', () => {
    const err = connectError(
      "Signaling failed. CloseEventCode:4001 CloseEventReason:'viewer token missing'",
      4001,
      'viewer token missing',
    );
    expect(classifyConnectError(err, BEFORE_OFFER)).toMatchObject({
      category: 'signaling-rejected',
      code: 4001,
      reason: 'viewer token missing',
    });
  });

  it('several URLs all failing: all candidates failed', () => {
    const err = connectError('Signaling failed. All signaling URL candidates failed to connect');
    expect(classifyConnectError(err, BEFORE_OFFER).category).toBe('all-candidates-failed');
  });

  it('WebSocket onerror without a code: unreachable; message-handling errors: connection failed', () => {
    expect(
      classifyConnectError(connectError('Signaling failed. WebSocket onerror was called'), BEFORE_OFFER).category,
    ).toBe('signaling-unreachable');
    expect(
      classifyConnectError(connectError('Signaling failed.', undefined, 'SIGNALING_ONMESSAGE_EXCEPTION'), AFTER_OFFER),
    ).toMatchObject({
      category: 'connection-failed',
      reason: 'SIGNALING_ONMESSAGE_EXCEPTION',
    });
  });

  it('plain errors: the pc was dropped after the offer → peer category; timeouts → join timeout', () => {
    const dropped = classifyConnectError(
      new Error("PeerConnection connectionState did not change to 'connected'"),
      AFTER_OFFER,
    );
    expect(dropped.category).toBe('ice-failed');
    expect(dropped.message).toContain('ice=checking');
    expect(classifyConnectError(new Error('Signaling connection timeout'), BEFORE_OFFER).category).toBe('join-timeout');
    expect(classifyConnectError('boom', BEFORE_OFFER)).toMatchObject({ category: 'connection-failed', title: 'Error' });
  });

  it('clips long evidence to the schema limits', () => {
    const report = classifyConnectError(connectError('x'.repeat(900), 4000, 'r'.repeat(400)), BEFORE_OFFER);
    expect(report.message).toHaveLength(500);
    expect(report.reason).toHaveLength(200);
  });
});

describe('classifyJoinTimeout', () => {
  it('no offer yet: join timeout', () => {
    expect(classifyJoinTimeout(BEFORE_OFFER, 8_000)).toEqual({
      category: 'join-timeout',
      title: 'JOIN-TIMEOUT',
      message: 'no offer within 8 s',
    });
  });

  it('offer received but ICE never connected: ICE failed, with the states', () => {
    expect(classifyJoinTimeout(AFTER_OFFER, 8_000)).toEqual({
      category: 'ice-failed',
      title: 'JOIN-TIMEOUT',
      message: 'ICE did not connect within 8 s (pc=connecting ice=checking dtls=new)',
    });
  });

  it('ICE up but DTLS not: connection failed', () => {
    const snap = { ...AFTER_OFFER, iceConnectionState: 'connected', dtlsState: 'connecting' };
    expect(classifyJoinTimeout(snap, 8_000).category).toBe('connection-failed');
  });
});

describe('classifyPeerFailure', () => {
  it('separates DTLS failure from ICE failure', () => {
    expect(
      classifyPeerFailure({ ...AFTER_OFFER, connectionState: 'failed', iceConnectionState: 'disconnected' }),
    ).toMatchObject({ category: 'ice-failed', title: 'ICE-FAILED' });
    expect(
      classifyPeerFailure({
        ...AFTER_OFFER,
        connectionState: 'failed',
        iceConnectionState: 'connected',
        dtlsState: 'failed',
      }),
    ).toMatchObject({
      category: 'connection-failed',
      title: 'DTLS-FAILED',
    });
  });
});

describe('classifyDisconnect', () => {
  it('ignores the page’s own disconnect', () => {
    expect(classifyDisconnect({ type: 'normal', title: 'DISCONNECT', code: 1000 }, JOINED)).toBeNull();
  });

  it('normal SHUTDOWN (server closed 1000): shut down by the server', () => {
    expect(classifyDisconnect({ type: 'normal', title: 'SHUTDOWN', code: 1000 }, JOINED)).toEqual({
      category: 'shutdown',
      code: 1000,
      title: 'SHUTDOWN',
    });
  });

  it('any abend after joining: dropped, with title and code', () => {
    expect(
      classifyDisconnect({ type: 'abend', title: 'WEBSOCKET-ONCLOSE', code: 4999, reason: 'bye' }, JOINED),
    ).toEqual({
      category: 'dropped',
      code: 4999,
      reason: 'bye',
      title: 'WEBSOCKET-ONCLOSE',
    });
    expect(classifyDisconnect({ type: 'abend', title: 'CONNECTION-STATE-FAILED' }, JOINED)?.category).toBe('dropped');
  });

  it('abends before joining say why the join failed', () => {
    expect(classifyDisconnect({ type: 'abend', title: 'WEBSOCKET-ONCLOSE', code: 4003 }, AFTER_OFFER)?.category).toBe(
      'signaling-rejected',
    );
    expect(classifyDisconnect({ type: 'abend', title: 'WEBSOCKET-ONCLOSE', code: 1006 }, BEFORE_OFFER)?.category).toBe(
      'signaling-unreachable',
    );
    expect(classifyDisconnect({ type: 'abend', title: 'ICE-CONNECTION-STATE-FAILED' }, AFTER_OFFER)?.category).toBe(
      'ice-failed',
    );
    expect(classifyDisconnect({ type: 'abend', title: 'INTERNAL-ERROR' }, AFTER_OFFER)?.category).toBe('ice-failed');
  });
});
