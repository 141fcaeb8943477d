/**
 * @module Runs the alert engine for every monitored event, once per new tick: keeps each event's engine state and
 * settings, turns transitions into `AlertNotice`s, and hands them to `emit` (broadcast), the store (log) and `notify`
 * (the event's webhook). While an alert is up its reading is sent again whenever it changes (`emit` only), so the
 * dashboard shows the value now. A phase change clears whatever was up, so rehearsal alerts never carry into the show.
 * An event's first evaluation here (after a restart, or when this process comes to lead it in a cluster) takes the
 * alerts still up from the phase's log, so they clear when their condition ends instead of staying up for ever.
 */
import {
  DEFAULT_WINDOW_SEC,
  WINDOW_METRICS,
  type AlertNotice,
  type AlertRule,
  type AlertSettings,
} from '../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../shared/alert-defaults.ts';
import type { Phase } from '../../shared/event.ts';
import type { Tick } from '../../shared/tick.ts';
import type { EventMonitor } from '../live/event-monitor.ts';
import { viewerState } from '../live/viewer-session.ts';
import type { Logger } from '../logger.ts';
import { evaluateRules, type RuleState, type Transition } from './alert-engine.ts';
import { metricReading, type MetricInput, type Reading } from './alert-metrics.ts';
import type { AlertStore } from './alert-store.ts';
import type { UploadAlertReading } from './upload-metrics.ts';

/** Phases in which alerts are judged; after the show, leaving viewers are not a problem to page about. */
const JUDGED: ReadonlySet<Phase> = new Set(['scheduled', 'rehearsal', 'live']);
/** Newest log entries read for the alerts still up (each rule's newest is among them unless 500 others came since). */
export const LOG_RESTORE_LIMIT = 500;

type Track = {
  phase: Phase;
  lastT: number;
  state: Readonly<Record<string, RuleState>>;
  rules: readonly AlertRule[];
  active: Map<string, AlertNotice>;
};

export type AlertServiceDeps = {
  store: AlertStore;
  /** Every notice for the dashboards: raised, cleared, and a raised one again with a fresher `current`. */
  emit(notice: AlertNotice): void;
  /** Raised and cleared notices only (not the reading updates), with the event's webhook if it has one. */
  notify?(notice: AlertNotice, webhook: string | null): void;
  /** The broadcaster's upload in an event phase, for the upload rules (server/publisher/); none without it. */
  upload?(eventId: string, phase: Phase, now: number): UploadAlertReading | null;
  logger: Logger;
};

export type AlertService = {
  /** Evaluates the monitor's newest tick if it has not been seen yet. */
  observe(monitor: EventMonitor, now: number): void;
  /** The alerts up in the event's current phase, as evaluated here; null where it is not evaluated (see upInLog). */
  active(eventId: string): AlertNotice[] | null;
  settings(eventId: string): Promise<AlertSettings>;
  setSettings(eventId: string, settings: AlertSettings, now: number): Promise<void>;
  /** Forgets what is kept of the event: its settings (changed elsewhere), or its evaluation too (led elsewhere now). */
  forget(eventId: string, what: 'settings' | 'all'): void;
};

/** The alerts up according to a phase's log (newest first): each rule's newest notice, where it was a raise. */
export function upInLog(log: readonly AlertNotice[]): AlertNotice[] {
  const seen = new Set<string>();
  const up: AlertNotice[] = [];
  for (const notice of log) {
    if (seen.has(notice.ruleId)) continue;
    seen.add(notice.ruleId);
    if (notice.kind === 'raised') up.push(notice);
  }
  return up;
}

export const defaultSettings = (): AlertSettings => ({
  rules: structuredClone([...DEFAULT_ALERT_RULES]),
  webhook: null,
});

export function watchingKbps(monitor: EventMonitor, now: number): number[] {
  const out: number[] = [];
  for (const session of monitor.viewers.values()) {
    const kbps = session.current?.kbps;
    if (kbps !== null && kbps !== undefined && !session.ending && viewerState(session, now) === 'watching')
      out.push(kbps);
  }
  return out;
}

function toNotice(
  eventId: string,
  phase: Phase,
  kind: AlertNotice['kind'],
  { rule, value, t }: Transition,
  count: number | null,
): AlertNotice {
  return {
    eventId,
    phase,
    ruleId: rule.id,
    metric: rule.metric,
    direction: rule.direction,
    kind,
    t,
    value,
    count,
    threshold: rule.threshold,
    kbps: rule.metric === 'low-bitrate-share' ? (rule.kbps ?? 300) : null,
    action: rule.action,
    ...(WINDOW_METRICS.includes(rule.metric) ? { windowSec: rule.windowSec ?? DEFAULT_WINDOW_SEC } : {}),
  };
}

const sameReading = (a: Pick<Reading, 'value' | 'count'>, b: Pick<Reading, 'value' | 'count'>): boolean =>
  a.value === b.value && a.count === b.count;

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const settings = new Map<string, AlertSettings>();
  const loading = new Set<string>();
  const tracks = new Map<string, Track>();
  const restoring = new Set<string>();
  /** Bumped when an event's evaluation is forgotten: a restore begun before then is dropped. */
  const epochs = new Map<string, number>();

  const publish = (notice: AlertNotice): void => {
    deps.emit(notice);
    deps.notify?.(notice, settings.get(notice.eventId)?.webhook ?? null);
    deps.store
      .append(notice)
      .catch((err: unknown) => deps.logger.error({ err, eventId: notice.eventId }, 'alert log write failed'));
  };

  const load = async (eventId: string): Promise<AlertSettings> => {
    const known = settings.get(eventId);
    if (known) return known;
    const stored = (await deps.store.settings(eventId)) ?? defaultSettings();
    if (!settings.has(eventId)) settings.set(eventId, stored);
    return settings.get(eventId) as AlertSettings;
  };

  /** Starts the event's evaluation in `phase` with the alerts its log says are up (without, if it can't be read). */
  const restore = (eventId: string, phase: Phase, rules: readonly AlertRule[]): void => {
    if (restoring.has(eventId)) return;
    restoring.add(eventId);
    const epoch = epochs.get(eventId) ?? 0;
    const start = (log: readonly AlertNotice[]) => {
      if ((epochs.get(eventId) ?? 0) !== epoch) return;
      const up = upInLog(log).filter((n) => rules.some((r) => r.id === n.ruleId));
      const state = Object.fromEntries(up.map((n) => [n.ruleId, { status: 'firing', since: n.t } as RuleState]));
      tracks.set(eventId, { phase, lastT: 0, state, rules, active: new Map(up.map((n) => [n.ruleId, n])) });
    };
    deps.store
      .log(eventId, phase, LOG_RESTORE_LIMIT)
      .then(start, (err: unknown) => {
        deps.logger.error({ err, eventId }, 'reading the alert log failed; evaluating from a clean state');
        start([]);
      })
      .finally(() => restoring.delete(eventId));
  };

  const clearAll = (track: Track, t: number): void => {
    for (const { current: _up, ...notice } of track.active.values())
      publish({ ...notice, kind: 'cleared', t, value: null, count: null });
    track.active.clear();
  };

  return {
    observe(monitor, now) {
      const tick: Tick | undefined = monitor.ticks[monitor.ticks.length - 1];
      const eventRules = settings.get(monitor.eventId)?.rules;
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
        tracks.delete(monitor.eventId);
        track = undefined;
      }
      if (!track) return restore(monitor.eventId, monitor.phase, eventRules);
      if (!tick || tick.t <= track.lastT || !JUDGED.has(monitor.phase)) return;
      track.lastT = tick.t;

      let kbps: readonly number[] | null = null;
      const input: MetricInput = {
        tick,
        history: monitor.ticks,
        viewerKbps: () => (kbps ??= watchingKbps(monitor, now)),
        upload: () => deps.upload?.(monitor.eventId, monitor.phase, now) ?? null,
      };
      const readings = new Map<string, Reading>();
      const valueOf = (rule: AlertRule): number | null => {
        const reading = metricReading(rule, input);
        readings.set(rule.id, reading);
        return reading.value;
      };
      const result = evaluateRules(eventRules, track.state, valueOf, tick.t, track.rules);
      track.state = result.state;
      track.rules = eventRules;
      const countOf = (t: Transition) => readings.get(t.rule.id)?.count ?? null;
      for (const transition of result.cleared) {
        const raised = track.active.get(transition.rule.id);
        track.active.delete(transition.rule.id);
        if (raised) publish(toNotice(monitor.eventId, track.phase, 'cleared', transition, countOf(transition)));
      }
      const fresh = new Set<string>();
      for (const transition of result.raised) {
        const notice = toNotice(monitor.eventId, track.phase, 'raised', transition, countOf(transition));
        notice.current = { t: tick.t, value: notice.value, count: notice.count ?? null };
        track.active.set(transition.rule.id, notice);
        fresh.add(transition.rule.id);
        publish(notice);
      }
      // Alerts still up: send the reading again when it changed (the log keeps the value from when it went up).
      for (const [ruleId, notice] of track.active) {
        const reading = readings.get(ruleId);
        if (fresh.has(ruleId) || !reading || (notice.current && sameReading(notice.current, reading))) continue;
        const updated: AlertNotice = { ...notice, current: { t: tick.t, value: reading.value, count: reading.count } };
        track.active.set(ruleId, updated);
        deps.emit(updated);
      }
    },
    active(eventId) {
      const track = tracks.get(eventId);
      return track ? [...track.active.values()] : null;
    },
    settings: load,
    async setSettings(eventId, next, now) {
      await deps.store.setSettings(eventId, next, now);
      settings.set(eventId, { rules: [...next.rules], webhook: next.webhook });
    },
    forget(eventId, what) {
      settings.delete(eventId);
      if (what === 'settings') return;
      tracks.delete(eventId);
      epochs.set(eventId, (epochs.get(eventId) ?? 0) + 1);
    },
  };
}
