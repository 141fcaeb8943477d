/** One join attempt against a scripted SDK connection: stages, watchdog, outcomes. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Classified } from '../../../../client/src/watch/join/classify.ts';
import { startAttempt, type AttemptSink } from '../../../../client/src/watch/join/join-attempt.ts';
import type { SfuCount } from '../../../../shared/events.ts';
import type { FunnelStage } from '../../../../shared/funnel.ts';
import { FakeClock, settle } from '../collector/fake-clock.ts';
import { connectError, FakeConnection } from './fake-connection.ts';

type Outcome = { kind: 'failed' | 'ended'; failure: Classified; stage: FunnelStage };

let clock: FakeClock;
let conn: FakeConnection;
let stages: string[];
let outcomes: Outcome[];
let counts: SfuCount[];
let joined: number;

const sink: AttemptSink = {
  stage: (stage) => stages.push(stage),
  stream: () => undefined,
  sfuCount: (count) => counts.push(count),
  joined: () => (joined += 1),
  failed: (failure, stage) => outcomes.push({ kind: 'failed', failure, stage }),
  ended: (failure, stage) => outcomes.push({ kind: 'ended', failure, stage }),
};

beforeEach(() => {
  clock = new FakeClock(1_000_000);
  conn = new FakeConnection();
  stages = [];
  outcomes = [];
  counts = [];
  joined = 0;
});

const start = (joinTimeoutMs = 10_000) =>
  startAttempt(conn, { timers: clock.timers, now: clock.now, joinTimeoutMs }, sink);

describe('startAttempt', () => {
  it('reports signaling → offer → connected, then a drop after joining', async () => {
    start();
    expect(stages).toEqual(['signaling']);
    conn.offer();
    conn.pcState({ connectionState: 'connected', iceConnectionState: 'connected', dtlsState: 'connected' });
    conn.resolveConnect();
    await settle();
    expect(stages).toEqual(['signaling', 'offer', 'connected']);
    expect(joined).toBe(1);
    await clock.advance(60_000); // the watchdog was cleared
    expect(outcomes).toEqual([]);
    conn.close('abend', 'WEBSOCKET-ONCLOSE', 4999, 'bye');
    expect(outcomes).toEqual([
      {
        kind: 'ended',
        stage: 'connected',
        failure: { category: 'dropped', code: 4999, reason: 'bye', title: 'WEBSOCKET-ONCLOSE' },
      },
    ]);
    expect(conn.disconnects).toBe(1);
  });

  it('fails with join-timeout when no offer comes, and ignores what the SDK says afterwards', async () => {
    start(5_000);
    await clock.advance(5_000);
    expect(outcomes).toEqual([
      {
        kind: 'failed',
        stage: 'signaling',
        failure: { category: 'join-timeout', title: 'JOIN-TIMEOUT', message: 'no offer within 5 s' },
      },
    ]);
    expect(conn.disconnects).toBe(1);
    conn.rejectConnect(connectError('late', 1006));
    conn.close('abend', 'WEBSOCKET-ONCLOSE', 1006);
    await settle();
    expect(outcomes).toHaveLength(1);
  });

  it('classifies a rejected connect()', async () => {
    start();
    conn.rejectConnect(
      connectError(
        "Signaling failed. CloseEventCode:4001 CloseEventReason:'viewer token missing'",
        4001,
        'viewer token missing',
      ),
    );
    await settle();
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      stage: 'signaling',
      failure: { category: 'signaling-rejected', code: 4001 },
    });
  });

  it('fails at once when the peer connection fails while joining (the SDK would hang)', () => {
    start();
    conn.offer();
    conn.pcState({ connectionState: 'failed', iceConnectionState: 'disconnected', dtlsState: 'new' });
    expect(outcomes[0]).toMatchObject({
      kind: 'failed',
      stage: 'offer',
      failure: { category: 'ice-failed', title: 'ICE-FAILED' },
    });
  });

  it('times out as ice-failed when the offer came but ICE did not connect', async () => {
    start(8_000);
    conn.offer();
    conn.pcState({ connectionState: 'connecting', iceConnectionState: 'checking', dtlsState: 'new' });
    await clock.advance(8_000);
    expect(outcomes[0]?.failure).toMatchObject({
      category: 'ice-failed',
      message: 'ICE did not connect within 8 s (pc=connecting ice=checking dtls=new)',
    });
  });

  it('forwards recvonly counts from notify', () => {
    start();
    conn.notify({
      event_type: 'connection.created',
      channel_recvonly_connections: 12,
      timestamp: new Date(999_000).toISOString(),
    });
    conn.notify({ event_type: 'spotlight.changed' });
    expect(counts).toEqual([{ t: 999_000, recvonly: 12 }]);
  });

  it('after stop() nothing is reported and pc reads null', async () => {
    const attempt = start(5_000);
    conn.setPc({ connectionState: 'connecting', iceConnectionState: 'checking' });
    expect(attempt.pc).not.toBeNull();
    attempt.stop();
    expect(attempt.pc).toBeNull();
    await clock.advance(10_000);
    conn.close('normal', 'DISCONNECT', 1000);
    expect(outcomes).toEqual([]);
    expect(conn.disconnects).toBe(1);
  });
});
