/**
 * @module An audience simulated second by second into Ticks, without sockets, for judging alert rules over half an
 * hour in a second of test time. Viewers are the demo simulator's own: personas (server/simulator/viewer-persona.ts),
 * page visits with their join failures (journey.ts), the watch page's retry policy (client/src/watch/join/), the
 * demo's stay time, replacement and drops per hour (server/demo/main.ts). A scenario can break things on purpose:
 * a wave of join failures, an SFU restart that drops everyone, a broadcaster sending nothing, autoplay blocked for
 * everyone, a loss spike. Quality bands follow docs/quality.md from each persona's loss, RTT and freezes.
 */
import { retryDelay } from '../../../../client/src/watch/join/backoff.ts';
import { RETRYABLE } from '../../../../client/src/watch/join/classify.ts';
import { FUNNEL_STAGES, type FailureCategory, type FunnelStage } from '../../../../shared/funnel.ts';
import type { Dist, Tick } from '../../../../shared/tick.ts';
import { planJourney, planRejoin, type Journey } from '../../../../server/simulator/journey.ts';
import { createRng, type Rng } from '../../../../server/simulator/prng.ts';
import { drawPersona, type Persona } from '../../../../server/simulator/viewer-persona.ts';
import { makeTick, tickViewers } from '../../../helpers/tick-factory.ts';

export type Fault =
  /** Every attempt in [from, to) fails with this category (e.g. Sora refusing or unreachable). */
  | { kind: 'join-failures'; category: FailureCategory; fromMin: number; toMin: number }
  /** Every watching viewer loses the connection at `atMin` (each reports `dropped` 10–20 s later) and rejoins. */
  | { kind: 'sfu-restart'; atMin: number }
  /** From `fromMin` on, attempts connect but no frame ever arrives (the broadcaster is not sending). */
  | { kind: 'no-media'; fromMin: number }
  /** Every arrival in [from, to) has playback blocked until it presses play. */
  | { kind: 'autoplay'; fromMin: number; toMin: number }
  /** Every watching viewer loses `addPct` % more packets in [from, to) (the broadcaster's uplink, or the SFU's). */
  | { kind: 'loss'; addPct: number; fromMin: number; toMin: number };

export type AudienceOptions = { size: number; seed: number; minutes: number; faults?: readonly Fault[] };

type Viewer = {
  persona: Persona;
  rng: Rng;
  rank: number;
  watching: boolean;
  failed: boolean;
  gone: boolean;
  stalledUntil: number | null;
  retries: number;
};

const DEMO = { meanStayMs: 20 * 60_000, dropsPerHour: 1, t0: Date.UTC(2026, 11, 3, 10) };
const rankOf = (stage: FunnelStage): number => FUNNEL_STAGES.indexOf(stage);

function dist(values: number[]): Dist {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))] as number;
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9), n: values.length };
}

/**
 * A journey that fails the way `category` does, shaped like journey.ts's (stages reached, failure time, retried or
 * not).
 */
function forced(category: FailureCategory, normal: Journey): Journey {
  const at = (stage: FunnelStage) => normal.steps.find((s) => s.stage === stage)?.atMs ?? 0;
  const through = (last: FunnelStage) => normal.steps.filter((s) => rankOf(s.stage) <= rankOf(last));
  const evidence = { category };
  switch (category) {
    case 'no-media':
      return {
        ...normal,
        steps: through('connected'),
        noMedia: true,
        failure: { atMs: at('connected') + 10_000, evidence, ends: false, peer: null },
      };
    case 'autoplay-blocked': {
      const failedAt = at('first-frame') + 300;
      const steps = normal.steps.map((s) => (s.stage === 'playing' ? { ...s, atMs: failedAt + 8_000 } : s));
      return { ...normal, steps, failure: { atMs: failedAt, evidence, ends: false, peer: null } };
    }
    default: // a failure at signaling (refused, unreachable, timed out)
      return {
        ...normal,
        steps: through('signaling'),
        peerAtMs: null,
        connectAtMs: null,
        failure: { atMs: at('signaling') + 1_500, evidence, ends: true, peer: null },
      };
  }
}

/** Runs the audience for `minutes` and hands over each second's tick with the watching viewers' bitrates. */
export function simulateAudience(options: AudienceOptions, onTick: (tick: Tick, viewerKbps: number[]) => void): void {
  const rng = createRng(options.seed);
  const faults = options.faults ?? [];
  const queue = new Map<number, Array<() => void>>();
  let second = 0;
  const at = (ms: number, fn: () => void): void => {
    const s = Math.max(second + 1, Math.ceil(ms / 1000));
    const list = queue.get(s) ?? [];
    list.push(fn);
    queue.set(s, list);
  };
  const nowMs = () => second * 1000;
  const minute = () => second / 60;
  const funnel = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>;
  const failures: Partial<Record<FailureCategory, number>> = {};
  const viewers = new Set<Viewer>();
  let peak = 0;

  const active = <K extends Fault['kind']>(kind: K) =>
    faults.find(
      (f): f is Extract<Fault, { kind: K }> =>
        f.kind === kind &&
        ('toMin' in f ? minute() >= f.fromMin && minute() < f.toMin : 'fromMin' in f ? minute() >= f.fromMin : false),
    );

  const reach = (v: Viewer, stage: FunnelStage) => {
    for (let r = v.rank + 1; r <= rankOf(stage); r++) funnel[FUNNEL_STAGES[r] as FunnelStage] += 1;
    v.rank = Math.max(v.rank, rankOf(stage));
  };
  const leave = (v: Viewer) => {
    if (v.gone) return;
    v.gone = true;
    viewers.delete(v);
    at(nowMs() + rng.int(0, 5_000), join); // someone else opens the page
  };
  const giveUp = (v: Viewer, min: number, max: number) => at(nowMs() + v.rng.int(min, max), () => leave(v));

  function retry(v: Viewer, category: FailureCategory) {
    const delay = RETRYABLE.has(category) ? retryDelay(v.retries + 1, v.rng.next()) : null;
    if (delay === null) return giveUp(v, 5_000, 60_000);
    v.retries += 1;
    at(nowMs() + delay, () => attempt(v, planRejoin(v.persona, v.rng), true));
  }

  function attempt(v: Viewer, planned: Journey, isRetry = false) {
    if (v.gone) return;
    const wave = active('join-failures');
    const noMedia = active('no-media');
    const autoplay = active('autoplay');
    const journey = wave
      ? forced(wave.category, planned)
      : noMedia
        ? forced('no-media', planned)
        : autoplay && !isRetry
          ? forced('autoplay-blocked', planned)
          : planned;
    const start = nowMs();
    for (const { stage, atMs } of journey.steps) {
      if (isRetry && rankOf(stage) < rankOf('signaling')) continue;
      at(start + atMs, () => {
        if (v.gone) return;
        reach(v, stage);
        if (stage === 'first-frame' || stage === 'playing') v.failed = false;
        if (stage === 'playing') [v.watching, v.retries] = [true, 0];
      });
    }
    const failure = journey.failure;
    if (!failure) return;
    at(start + failure.atMs, () => {
      if (v.gone) return;
      const c = failure.evidence.category;
      failures[c] = (failures[c] ?? 0) + 1;
      v.failed = true;
      if (c === 'no-media') giveUp(v, 10_000, 60_000);
      if (failure.ends) retry(v, c);
    });
  }

  function join() {
    const own = rng.fork();
    const v: Viewer = {
      persona: drawPersona(own),
      rng: own,
      rank: -1,
      watching: false,
      failed: false,
      gone: false,
      stalledUntil: null,
      retries: 0,
    };
    viewers.add(v);
    attempt(v, planJourney(v.persona, own));
    at(nowMs() + rng.exponential(DEMO.meanStayMs), () => leave(v));
  }

  function drop(v: Viewer) {
    v.stalledUntil = nowMs() + v.rng.int(10_000, 20_000);
    at(v.stalledUntil, () => {
      if (v.gone) return;
      v.stalledUntil = null;
      v.watching = false;
      v.failed = true;
      failures.dropped = (failures.dropped ?? 0) + 1;
      if (v.rng.chance(0.15)) giveUp(v, 2_000, 20_000);
      else retry(v, 'dropped');
    });
  }

  const rampMs = Math.min(60_000, Math.max(5_000, options.size * 50));
  for (let i = 0; i < options.size; i++) at((i * rampMs) / options.size, join);
  const restarts = faults.filter((f): f is Extract<Fault, { kind: 'sfu-restart' }> => f.kind === 'sfu-restart');

  for (second = 0; second < options.minutes * 60; second++) {
    for (const fn of queue.get(second) ?? []) fn();
    queue.delete(second);
    const restart = restarts.some((f) => Math.round(f.atMin * 60) === second);
    const extraLoss = active('loss')?.addPct ?? 0;
    const bands = { good: 0, fair: 0, poor: 0 };
    const kbps: number[] = [];
    const losses: number[] = [];
    const freezes: number[] = [];
    let watching = 0;
    let joining = 0;
    let failed = 0;
    for (const v of viewers) {
      if (v.watching && v.stalledUntil === null && (restart || rng.chance(DEMO.dropsPerHour / 3_600))) drop(v);
      if (!v.watching) {
        if (v.failed) failed += 1;
        else joining += 1;
        continue;
      }
      watching += 1;
      const p = v.persona;
      if (v.stalledUntil !== null) {
        bands.poor += 1; // a stall: connected, nothing decoded
        kbps.push(0);
        continue;
      }
      const lossPct = Math.min(100, (100 * p.lossRate + extraLoss) * Math.exp(rng.normal(0, 0.5)));
      const frozenPct = (p.freezesPerMin * 0.6 * 100) / 60;
      const poor = lossPct > 5 || frozenPct > 5 || p.rttMs > 400;
      const fair = lossPct > 1 || frozenPct > 1 || p.rttMs > 250;
      bands[poor ? 'poor' : fair ? 'fair' : 'good'] += 1;
      kbps.push(Math.round(p.videoKbps * (0.85 + 0.3 * rng.next())));
      losses.push(lossPct);
      freezes.push(p.freezesPerMin);
    }
    peak = Math.max(peak, watching);
    const tick = makeTick(DEMO.t0 + second * 1000, {
      eventId: 'demo',
      viewers: tickViewers({ joining, watching, failed, total: joining + watching + failed, peak }),
      codecs: {},
      bitrateKbps: dist(kbps.filter((k) => k > 0)),
      lossPct: dist(losses),
      freezesPerMin: dist(freezes),
      bands,
      funnel: { ...funnel },
      failures: { ...failures },
    });
    onTick(tick, kbps);
  }
}
