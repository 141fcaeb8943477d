/**
 * @module How one page visit goes (pure, seeded): funnel steps with realistic delays, and for some visits a join
 * failure carrying the evidence the watch page would report (its classifier: client/src/watch/join/classify.ts;
 * Sora SDK titles and close codes: reference/sora.md §1.5–1.6). Pre-flight failures travel only inside the
 * `viewer:preflight` result, as on the real page; the server derives the failure from the failed check.
 */
import type { FailureReport, FunnelStage, Preflight } from '../../shared/funnel.ts';
import { FUNNEL_STAGES } from '../../shared/funnel.ts';
import type { Rng } from './prng.ts';
import type { Persona } from './viewer-persona.ts';

export type Evidence = Omit<FailureReport, 't'>;

export type JourneyFailure = {
  atMs: number;
  evidence: Evidence;
  /** The join attempt is over (the page retries when the category is retryable, else the viewer gives up). */
  ends: boolean;
  /** `connectionState` the peer connection is left in, when there is one. */
  peer: 'failed' | null;
};

export type Journey = {
  /** Funnel stages reached, in order, with ms since the attempt began. */
  steps: Array<{ stage: FunnelStage; atMs: number }>;
  /** The peer connection exists from here (samples start, `connecting`); null when it never gets that far. */
  peerAtMs: number | null;
  /** ICE connects here; null when it never does. */
  connectAtMs: number | null;
  /** Connected, but no inbound-rtp ever appears. */
  noMedia: boolean;
  failure: JourneyFailure | null;
};

const JOIN_FAILURES = [
  ['signaling-unreachable', 10],
  ['signaling-rejected', 5],
  ['all-candidates-failed', 3],
  ['ice-failed', 12],
  ['join-timeout', 8],
  ['connection-failed', 3],
  ['no-media', 5],
  ['autoplay-blocked', 12],
] as const;
type JoinFailure = (typeof JOIN_FAILURES)[number][0] | 'unsupported-browser' | 'codec-unsupported';

/** Share of visits by supported browsers that hit one of `JOIN_FAILURES` (the rest join cleanly). */
export const JOIN_FAILURE_RATE = 0.06;

const AUTOPLAY_MESSAGE: Record<string, string> = {
  Safari:
    'The request is not allowed by the user agent or the platform in the current context, possibly because the user denied permission.',
  Chrome: "play() failed because the user didn't interact with the document first. https://goo.gl/xX8pDD",
};

/** Evidence shaped like the watch page's classifier makes it (client/src/watch/join/classify.ts). */
function evidenceFor(kind: JoinFailure, p: Persona, rng: Rng): Evidence {
  switch (kind) {
    case 'unsupported-browser':
      return {
        category: kind,
        stage: 'preflight',
        message: `Chrome ${/Chrome\/(\d+)/.exec(p.browser.ua)?.[1] ?? '?'} is older than 90`,
      };
    case 'codec-unsupported':
      return {
        category: kind,
        stage: 'preflight',
        message: `video/${p.codec.toLowerCase()} not in receiver capabilities`,
      };
    case 'signaling-unreachable':
      return {
        category: kind,
        stage: 'signaling',
        code: 1006,
        title: 'ConnectError',
        message: "Signaling failed. CloseEventCode:1006 CloseEventReason:''",
      };
    case 'signaling-rejected': {
      const reason = rng.pick(['INVALID-ACCESS-TOKEN', 'CHANNEL-CAPACITY-EXCEEDED']);
      return {
        category: kind,
        stage: 'signaling',
        code: 4000,
        reason,
        title: 'ConnectError',
        message: `Signaling failed. CloseEventCode:4000 CloseEventReason:'${reason}'`,
      };
    }
    case 'all-candidates-failed':
      return {
        category: kind,
        stage: 'signaling',
        title: 'ConnectError',
        message: 'Signaling failed. All signaling URL candidates failed to connect',
      };
    case 'join-timeout':
      return { category: kind, stage: 'signaling', title: 'JOIN-TIMEOUT', message: 'no offer within 20 s' };
    case 'ice-failed':
      return { category: kind, stage: 'offer', title: 'ICE-FAILED', message: 'pc=failed ice=disconnected dtls=new' };
    case 'connection-failed':
      return { category: kind, stage: 'offer', title: 'DTLS-FAILED', message: 'pc=failed ice=connected dtls=failed' };
    case 'no-media':
      return {
        category: kind,
        stage: 'connected',
        title: 'NO-MEDIA',
        message: 'no decoded frame 10 s after connecting',
      };
    case 'autoplay-blocked':
      return {
        category: kind,
        stage: 'first-frame',
        title: 'NotAllowedError',
        message: AUTOPLAY_MESSAGE[p.browser.browser] ?? AUTOPLAY_MESSAGE.Chrome,
      };
  }
}

/** A mid-stream drop as the page reports it once the SDK gives up (disconnected for over 10 s → abend). */
export const DROP_EVIDENCE: Evidence = {
  category: 'dropped',
  stage: 'playing',
  title: 'ICE-CONNECTION-STATE-DISCONNECTED-TIMEOUT',
};

/**
 * Plans one page visit. Outdated browsers, and browsers that cannot decode the event's codec, always fail
 * pre-flight; others fail at `JOIN_FAILURE_RATE`.
 */
export function planJourney(p: Persona, rng: Rng): Journey {
  const kind: JoinFailure | null = p.browser.outdated
    ? 'unsupported-browser'
    : !p.decodes
      ? 'codec-unsupported'
      : rng.chance(JOIN_FAILURE_RATE)
        ? rng.weighted(JOIN_FAILURES)
        : null;
  const at: Record<FunnelStage, number> = {
    page: 0,
    preflight: 0,
    signaling: 0,
    offer: 0,
    connected: 0,
    'first-frame': 0,
    playing: 0,
  };
  at.preflight = rng.int(120, 600);
  at.signaling = at.preflight + rng.int(50, 400);
  at.offer = at.signaling + rng.int(80, 500);
  at.connected = at.offer + rng.int(60, p.net.lt === 'relay' ? 1_800 : 900);
  at['first-frame'] = at.connected + rng.int(30, 400);
  at.playing = at['first-frame'] + rng.int(5, 150);
  const through = (last: FunnelStage) =>
    FUNNEL_STAGES.slice(0, FUNNEL_STAGES.indexOf(last) + 1).map((stage) => ({ stage, atMs: at[stage] }));
  const clean: Journey = {
    steps: through('playing'),
    peerAtMs: at.offer,
    connectAtMs: at.connected,
    noMedia: false,
    failure: null,
  };
  if (kind === null) return clean;
  const evidence = evidenceFor(kind, p, rng);
  const fail = (atMs: number, ends: boolean, peer: JourneyFailure['peer'] = null): JourneyFailure => ({
    atMs,
    evidence,
    ends,
    peer,
  });
  switch (kind) {
    case 'unsupported-browser':
    case 'codec-unsupported':
      return {
        ...clean,
        steps: through('preflight'),
        peerAtMs: null,
        connectAtMs: null,
        failure: fail(at.preflight, true),
      };
    case 'signaling-unreachable':
    case 'signaling-rejected':
    case 'all-candidates-failed':
      return {
        ...clean,
        steps: through('signaling'),
        peerAtMs: null,
        connectAtMs: null,
        failure: fail(at.signaling + rng.int(kind === 'signaling-rejected' ? 100 : 1_000, 3_000), true),
      };
    case 'join-timeout':
      return {
        ...clean,
        steps: through('signaling'),
        peerAtMs: null,
        connectAtMs: null,
        failure: fail(at.signaling + 20_000, true),
      };
    case 'ice-failed': // C156: connecting → failed about 15 s after the offer
      return {
        ...clean,
        steps: through('offer'),
        connectAtMs: null,
        failure: fail(at.offer + rng.int(14_800, 15_600), true, 'failed'),
      };
    case 'connection-failed':
      return {
        ...clean,
        steps: through('offer'),
        connectAtMs: null,
        failure: fail(at.offer + rng.int(800, 3_000), true, 'failed'),
      };
    case 'no-media': // the page keeps waiting for media; the viewer gives up some time later
      return { ...clean, steps: through('connected'), noMedia: true, failure: fail(at.connected + 10_000, false) };
    case 'autoplay-blocked': {
      // A warning: the viewer presses play a few seconds later and playback starts.
      const failedAt = at['first-frame'] + rng.int(100, 800);
      return {
        ...clean,
        steps: clean.steps.map((s) => (s.stage === 'playing' ? { ...s, atMs: failedAt + rng.int(3_000, 20_000) } : s)),
        failure: fail(failedAt, false),
      };
    }
  }
}

/** A rejoin after a drop: the page already passed pre-flight, so only later stages can fail. */
export function planRejoin(p: Persona, rng: Rng): Journey {
  const passed = { ...p, decodes: true, browser: { ...p.browser, outdated: false } };
  for (;;) {
    const journey = planJourney(passed, rng);
    if (journey.failure?.evidence.stage !== 'preflight') return journey;
  }
}

/** The pre-flight result this visitor's page reports; a pre-flight failure shows as a failed check with its detail. */
export function preflightItems(p: Persona, failure: Evidence | null): Preflight['items'] {
  const failed = failure?.stage === 'preflight' ? failure : null;
  const check = (id: Preflight['items'][number]['id'], category: string, ok: 'pass' | 'warn' = 'pass') =>
    failed?.category === category ? { id, status: 'fail' as const, detail: failed.message } : { id, status: ok };
  return [
    check('browser', 'unsupported-browser'),
    { id: 'webrtc', status: 'pass' },
    check('av1', 'codec-unsupported'),
    { id: 'e2ee', status: 'pass' },
    { id: 'signaling', status: 'pass' },
    { id: 'autoplay', status: p.browser.mobile ? 'warn' : 'pass' },
  ];
}
