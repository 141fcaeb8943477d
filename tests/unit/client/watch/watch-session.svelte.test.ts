/** WatchSession: pre-flight, join, funnel reports, retries with backoff, no-media, autoplay. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CheckItem } from '../../../../client/src/watch/preflight/checks.ts';
import { WatchSession, type JoinPlan, type WatchOptions } from '../../../../client/src/watch/watch-session.svelte.ts';
import type { SfuCount } from '../../../../shared/events.ts';
import type { FailureReport, FunnelStep, Preflight } from '../../../../shared/funnel.ts';
import { FakeClock, settle } from '../collector/fake-clock.ts';
import { connectError, FakeConnection } from './fake-connection.ts';
import { publicEvent } from './public-event-fixture.ts';

const EVENT = publicEvent({
  sora: {
    signalingUrls: ['wss://sora.example/signaling'],
    channelId: 'ch',
    videoCodecType: 'AV1',
    metadata: { room: 'a' },
  },
});
const PASS: CheckItem[] = [
  { id: 'browser', status: 'pass', detail: 'Chrome 156 >= 90', note: 'browser-ok', params: {} },
];
const NO_AV1: CheckItem[] = [
  ...PASS,
  { id: 'av1', status: 'fail', detail: 'video/av1 missing', note: 'codec-missing', params: {} },
];

let clock: FakeClock;
let connections: FakeConnection[];
let plans: JoinPlan[];
let sent: { funnel: FunnelStep[]; failures: FailureReport[]; preflights: Preflight[]; counts: SfuCount[] };

function session(checks = PASS, options: Partial<WatchOptions> = {}): WatchSession {
  return new WatchSession(
    EVENT,
    { mode: 'watch', token: null, joinTimeoutMs: 20_000, noMediaTimeoutMs: 10_000, ...options },
    {
      timers: clock.timers,
      now: clock.now,
      random: () => 1,
      reporter: {
        sendFunnel: (step) => void sent.funnel.push(typeof step === 'string' ? { stage: step, t: clock.now() } : step),
        sendFailure: (f) => void sent.failures.push(f),
        sendPreflight: (p) => void sent.preflights.push(p),
        sendSfuCount: (c) => void sent.counts.push(c),
      },
      openConnection: (plan) => {
        plans.push(plan);
        const conn = new FakeConnection();
        connections.push(conn);
        return conn;
      },
      runChecks: async () => checks,
    },
  );
}

const latest = (): FakeConnection => connections[connections.length - 1] as FakeConnection;

async function joinAndPlay(s: WatchSession): Promise<void> {
  const conn = latest();
  conn.offer();
  conn.pcState({ connectionState: 'connected', iceConnectionState: 'connected', dtlsState: 'connected' });
  conn.resolveConnect();
  await settle();
  s.firstFrame();
  s.playing();
}

beforeEach(() => {
  clock = new FakeClock(1_000_000);
  connections = [];
  plans = [];
  sent = { funnel: [], failures: [], preflights: [], counts: [] };
});

describe('WatchSession', () => {
  it('checks, reports the pre-flight, joins and reaches watching with every funnel stage', async () => {
    const s = session();
    await s.start();
    expect(sent.preflights).toEqual([
      { t: 1_000_000, items: [{ id: 'browser', status: 'pass', detail: 'Chrome 156 >= 90' }] },
    ]);
    expect(s.phase).toBe('joining');
    expect(s.everPlayed).toBe(false);
    await joinAndPlay(s);
    expect(s.phase).toBe('watching');
    expect(s.everPlayed).toBe(true);
    expect(sent.funnel.map((f) => f.stage)).toEqual(['signaling', 'offer', 'connected', 'first-frame', 'playing']);
    expect(sent.failures).toEqual([]);
    expect(plans[0]?.metadata).toEqual({ room: 'a' });
  });

  it('puts the viewer token into Sora metadata', async () => {
    await session(PASS, { token: 'tok' }).start();
    expect(plans[0]?.metadata).toEqual({ room: 'a', kansoku_token: 'tok' });
  });

  it('waits for the viewer when a blocking check failed; check mode never joins', async () => {
    const blocked = session(NO_AV1);
    await blocked.start();
    expect(blocked.phase).toBe('blocked');
    expect(connections).toHaveLength(0);
    blocked.join();
    expect(blocked.phase).toBe('joining');
    const check = session(PASS, { mode: 'check' });
    await check.start();
    expect(check.phase).toBe('checked');
    expect(connections).toHaveLength(1);
  });

  it('after a drop, reports it, counts down and reconnects with backoff', async () => {
    const s = session();
    await s.start();
    await joinAndPlay(s);
    latest().close('abend', 'WEBSOCKET-ONCLOSE', 4999);
    expect(sent.failures).toEqual([
      { category: 'dropped', code: 4999, title: 'WEBSOCKET-ONCLOSE', t: 1_000_000, stage: 'playing' },
    ]);
    expect(s.phase).toBe('reconnecting');
    expect(s.retryInSeconds).toBe(1);
    await clock.advance(1_000);
    expect(connections).toHaveLength(2);
    expect(s.phase).toBe('joining');
    latest().rejectConnect(connectError('Signaling failed. CloseEventCode:1006', 1006));
    await settle();
    expect(s.phase).toBe('reconnecting');
    expect(s.retryInSeconds).toBe(2); // the second retry waits longer
  });

  it('does not retry a refusal or a shutdown', async () => {
    const refused = session();
    await refused.start();
    latest().rejectConnect(connectError('x', 4001, 'viewer token missing'));
    await settle();
    expect(refused.phase).toBe('failed');
    await clock.advance(60_000);
    expect(connections).toHaveLength(1);

    const shut = session();
    await shut.start();
    await joinAndPlay(shut);
    latest().close('normal', 'SHUTDOWN', 1000);
    expect(shut.phase).toBe('shutdown');
    expect(sent.failures.map((f) => f.category)).toEqual(['signaling-rejected', 'shutdown']);
  });

  it('reports no-media when connected without a frame, and recovers when one arrives', async () => {
    const s = session();
    await s.start();
    latest().offer();
    latest().resolveConnect();
    await settle();
    expect(s.phase).toBe('connected');
    await clock.advance(10_000);
    expect(s.waitingForMedia).toBe(true);
    expect(sent.failures).toEqual([
      {
        category: 'no-media',
        title: 'NO-MEDIA',
        message: 'no decoded frame 10 s after connecting',
        t: 1_010_000,
        stage: 'connected',
      },
    ]);
    s.playing();
    expect(s.waitingForMedia).toBe(false);
    expect(s.phase).toBe('watching');
  });

  it('reports a refused play() once, as a warning, and throttles SFU counts', async () => {
    const s = session();
    await s.start();
    await joinAndPlay(s);
    s.autoplayFailed(new DOMException('play() needs a gesture', 'NotAllowedError'));
    s.autoplayFailed(new DOMException('again', 'NotAllowedError'));
    expect(sent.failures).toMatchObject([{ category: 'autoplay-blocked', title: 'NotAllowedError' }]);
    expect(s.phase).toBe('watching');
    latest().notify({ event_type: 'connection.created', channel_recvonly_connections: 1 });
    latest().notify({ event_type: 'connection.created', channel_recvonly_connections: 2 });
    expect(sent.counts.map((c) => c.recvonly)).toEqual([1]);
    await clock.advance(10_000);
    expect(sent.counts.map((c) => c.recvonly)).toEqual([1, 2]);
  });
});
