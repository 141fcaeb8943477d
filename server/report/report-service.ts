/**
 * @module Serves reports: from the cache while the phase's record is unchanged, else built from storage (one build
 * at a time per phase) and cached. Builds a phase's report as soon as the event leaves it (ready within 60 s).
 */
import type { EventReport } from '../../shared/event-report.ts';
import type { KansokuEvent, Phase } from '../../shared/event.ts';
import type { Clock, Timers } from '../clock.ts';
import type { Storage } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { jsonText, type JsonText } from '../http/serve.ts';
import { buildReport } from './report-builder.ts';
import { readReportInput } from './report-reader.ts';
import { createReportStore, type CachedSummary } from './report-store.ts';

export type ReportService = {
  /** The report as JSON text (what the route sends; parsing a cached 3 MB report only to send it again is waste). */
  json(event: KansokuEvent, phase: Phase): Promise<JsonText<EventReport>>;
  report(event: KansokuEvent, phase: Phase): Promise<EventReport>;
  /** The past-events figures of a phase; builds (and caches) the report when no fresh one is cached. */
  summary(event: KansokuEvent, phase: Phase): Promise<CachedSummary>;
  /** Called on every event change: a phase left behind gets its report built after the record's last commit. */
  eventChanged(event: KansokuEvent): void;
  /** Cancels pending phase-end builds and waits for the running ones (before storage closes). */
  close(): Promise<void>;
};

export type ReportServiceDeps = {
  storage: Storage;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Resolves once everything recorded so far is committed. */
  durable(): Promise<void>;
  /** Events known at start (their current phase, to notice the switches). */
  initial: readonly KansokuEvent[];
};

/** Wait after a phase switch before building: the monitor's last tick and endings go out with the next commits. */
export const PHASE_END_BUILD_DELAY_MS = 3_000;

export function createReportService(deps: ReportServiceDeps): ReportService {
  const store = createReportStore(deps.storage.db);
  const inFlight = new Map<string, Promise<JsonText<EventReport>>>();
  const phases = new Map(deps.initial.map((e) => [e.id, e.phase]));
  const pending = new Set<unknown>();

  const build = async (event: KansokuEvent, phase: Phase): Promise<JsonText<EventReport>> => {
    const fingerprint = await store.fingerprint(event.id, phase);
    const cached = await store.cached(event.id, phase, fingerprint);
    if (cached !== null) return cached as JsonText<EventReport>;
    const started = deps.clock.now();
    const report = buildReport(await readReportInput(deps.storage.db, event, phase), deps.clock.now());
    const body = jsonText(report);
    await store.save(report, fingerprint, body);
    deps.logger.info(
      { eventId: event.id, phase, ms: deps.clock.now() - started, sessions: report.summary.sessions },
      'report built',
    );
    return body;
  };

  const json = (event: KansokuEvent, phase: Phase): Promise<JsonText<EventReport>> => {
    const key = `${event.id}\u0000${phase}`;
    const running = inFlight.get(key);
    if (running) return running;
    const job = build(event, phase).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return job;
  };

  return {
    json,
    report: async (event, phase) => JSON.parse(await json(event, phase)) as EventReport,
    async summary(event, phase) {
      const fingerprint = await store.fingerprint(event.id, phase);
      const cached = await store.cachedSummary(event.id, phase, fingerprint);
      if (cached) return cached;
      const report = JSON.parse(await json(event, phase)) as EventReport;
      const s = report.summary;
      return { peakViewers: s.peakViewers, viewerMinutes: s.viewerMinutes, score: s.score.score, from: s.from };
    },
    eventChanged(event) {
      const before = phases.get(event.id);
      phases.set(event.id, event.phase);
      if (before === undefined || before === event.phase || (before !== 'live' && before !== 'rehearsal')) return;
      const handle = deps.timers.setTimeout(() => {
        pending.delete(handle);
        deps
          .durable()
          .then(() => json(event, before))
          .catch((err: unknown) =>
            deps.logger.warn({ err, eventId: event.id, phase: before }, 'report build after phase end failed'),
          );
      }, PHASE_END_BUILD_DELAY_MS);
      pending.add(handle);
    },
    async close() {
      for (const handle of pending) deps.timers.clearTimeout(handle);
      pending.clear();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
