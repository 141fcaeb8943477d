/**
 * @module Runs the alert engine for every monitored event, once per new tick: keeps each event's engine state and
 * rules, turns transitions into `AlertNotice`s, and hands them to `emit` (broadcast) and the store (log).
 * A phase change clears whatever was up, so rehearsal alerts never carry into the live show.
 */
import { DEFAULT_ALERT_RULES, type AlertNotice, type AlertRule } from '../../shared/alert.ts';
import type { Phase } from '../../shared/event.ts';
import type { Tick } from '../../shared/tick.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import { viewerState } from '../live/viewer-session.ts';
import type { Logger } from '../logger.ts';
import { evaluateRules, type EngineState, type Transition } from './alert-engine.ts';
import { metricValue, type MetricInput } from './alert-metrics.ts';
import type { AlertStore } from './alert-store.ts';

/** Phases in which alerts are judged; after the show, leaving viewers are not a problem to page about. */
const JUDGED: ReadonlySet<Phase> = new Set(['scheduled', 'rehearsal', 'live']);

type Track = { phase: Phase; lastT: number; state: EngineState; rules: readonly AlertRule[]; active: Map<string, AlertNotice> };

export type AlertServiceDeps = { store: AlertStore; emit(notice: AlertNotice): void; logger: Logger };

export type AlertService = {
  /** Evaluates the monitor's newest tick if it has not been seen yet. */
  observe(monitor: EventMonitor, now: number): void;
  active(eventId: string): AlertNotice[];
  rules(eventId: string): Promise<AlertRule[]>;
  setRules(eventId: string, rules: readonly AlertRule[], now: number): Promise<void>;
};

export function watchingKbps(monitor: EventMonitor, now: number): number[] {
  const out: number[] = [];
  for (const session of monitor.viewers.values()) {
    const kbps = session.current?.kbps;
    if (kbps !== null && kbps !== undefined && !session.ending && viewerState(session, now) === 'watching') out.push(kbps);
  }
  return out;
}

function toNotice(eventId: string, phase: Phase, kind: AlertNotice['kind'], { rule, value, t }: Transition): AlertNotice {
  return {
    eventId, phase, ruleId: rule.id, metric: rule.metric, direction: rule.direction, kind, t, value,
    threshold: rule.threshold, kbps: rule.metric === 'low-bitrate-share' ? (rule.kbps ?? 300) : null, action: rule.action,
  };
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const rules = new Map<string, AlertRule[]>();
  const loading = new Set<string>();
  const tracks = new Map<string, Track>();

  const publish = (notice: AlertNotice): void => {
    deps.emit(notice);
    deps.store.append(notice).catch((err: unknown) => deps.logger.error({ err, eventId: notice.eventId }, 'alert log write failed'));
  };

  const load = async (eventId: string): Promise<AlertRule[]> => {
    const known = rules.get(eventId);
    if (known) return known;
    const stored = (await deps.store.rules(eventId)) ?? [...DEFAULT_ALERT_RULES];
    if (!rules.has(eventId)) rules.set(eventId, stored);
    return rules.get(eventId) as AlertRule[];
  };

  const clearAll = (track: Track, t: number): void => {
    for (const notice of track.active.values()) publish({ ...notice, kind: 'cleared', t, value: null });
    track.active.clear();
  };

  return {
    observe(monitor, now) {
      const tick: Tick | undefined = monitor.ticks[monitor.ticks.length - 1];
      const eventRules = rules.get(monitor.eventId);
      if (!eventRules) {
        if (!loading.has(monitor.eventId)) {
          loading.add(monitor.eventId);
          load(monitor.eventId)
            .catch((err: unknown) => deps.logger.error({ err, eventId: monitor.eventId }, 'alert rules load failed'))
            .finally(() => loading.delete(monitor.eventId));
        }
        return;
      }
      let track = tracks.get(monitor.eventId);
      if (track && track.phase !== monitor.phase) {
        clearAll(track, now);
        track = undefined;
      }
      track ??= { phase: monitor.phase, lastT: 0, state: {}, rules: eventRules, active: new Map() };
      tracks.set(monitor.eventId, track);
      if (!tick || tick.t <= track.lastT || !JUDGED.has(monitor.phase)) return;
      track.lastT = tick.t;

      let kbps: readonly number[] | null = null;
      const input: MetricInput = { tick, history: monitor.ticks, viewerKbps: () => (kbps ??= watchingKbps(monitor, now)) };
      const result = evaluateRules(eventRules, track.state, (rule) => metricValue(rule, input), tick.t, track.rules);
      track.state = result.state;
      track.rules = eventRules;
      for (const transition of result.cleared) {
        const raised = track.active.get(transition.rule.id);
        track.active.delete(transition.rule.id);
        if (raised) publish(toNotice(monitor.eventId, track.phase, 'cleared', transition));
      }
      for (const transition of result.raised) {
        const notice = toNotice(monitor.eventId, track.phase, 'raised', transition);
        track.active.set(transition.rule.id, notice);
        publish(notice);
      }
    },
    active: (eventId) => [...(tracks.get(eventId)?.active.values() ?? [])],
    rules: load,
    async setRules(eventId, next, now) {
      await deps.store.setRules(eventId, next, now);
      rules.set(eventId, [...next]);
    },
  };
}
