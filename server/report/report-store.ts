/**
 * @module The report cache (table `reports`, migration 006): one built report per event phase with the fingerprint
 * of the record it was built from. A cached report is served only while the fingerprint still matches.
 */
import { sql, type Kysely } from 'kysely';
import type { EventReport } from '../../shared/event-report.ts';
import type { Phase } from '../../shared/event.ts';
import type { DB } from '../db/schema.ts';

export interface ReportsTable {
  event_id: string;
  phase: Phase;
  fingerprint: string;
  /** ms since epoch. */
  built_at: number;
  /** JSON of `CachedSummary`. */
  summary: string;
  /** JSON of `EventReport`. */
  body: string;
}

/** What the past-events list needs, kept beside the body so the list never parses whole reports. */
export type CachedSummary = { peakViewers: number; viewerMinutes: number; score: number | null; from: number | null };

export type ReportStore = {
  /**
   * Everything that changes when the phase's record does: ticks, sessions, failures, markers, alerts, questions
   * (votes and host flags included) and registrations. Cheap: counts and maxima over indexed columns.
   */
  fingerprint(eventId: string, phase: Phase): Promise<string>;
  /** The cached body (JSON text) when it was built from `fingerprint`, else null. */
  cached(eventId: string, phase: Phase, fingerprint: string): Promise<string | null>;
  cachedSummary(eventId: string, phase: Phase, fingerprint: string): Promise<CachedSummary | null>;
  save(report: EventReport, fingerprint: string, body: string): Promise<void>;
};

export function createReportStore(base: Kysely<DB>): ReportStore {
  const db = base.withTables<{ reports: ReportsTable }>();
  const row = (eventId: string, phase: Phase, fingerprint: string) =>
    db
      .selectFrom('reports')
      .where('event_id', '=', eventId)
      .where('phase', '=', phase)
      .where('fingerprint', '=', fingerprint);
  return {
    async fingerprint(eventId, phase) {
      const { rows } = await sql<Record<string, unknown>>`SELECT
          (SELECT count(*) FROM ticks WHERE event_id = ${eventId} AND phase = ${phase}) AS ticks,
          (SELECT max(t) FROM ticks WHERE event_id = ${eventId} AND phase = ${phase}) AS last_tick,
          (SELECT count(*) FROM viewer_sessions WHERE event_id = ${eventId} AND phase = ${phase}) AS sessions,
          (SELECT max(last_seen) FROM viewer_sessions WHERE event_id = ${eventId} AND phase = ${phase}) AS last_seen,
          (SELECT max(ended_at) FROM viewer_sessions WHERE event_id = ${eventId} AND phase = ${phase}) AS last_end,
          (SELECT count(*) FROM failures WHERE event_id = ${eventId} AND phase = ${phase}) AS failures,
          (SELECT count(*) FROM markers WHERE event_id = ${eventId} AND phase = ${phase}) AS markers,
          (SELECT count(*) FROM alert_log WHERE event_id = ${eventId} AND phase = ${phase}) AS alerts,
          (SELECT count(*) || ':' || coalesce(sum(votes), 0) || ':' || coalesce(sum(answered), 0) || ':' || coalesce(sum(hidden), 0)
             || ':' || coalesce(sum(deleted), 0) || ':' || coalesce(max(edited_at), 0) FROM questions WHERE event_id = ${eventId}) AS questions,
          (SELECT count(*) FROM question_registrations WHERE event_id = ${eventId}) AS registrations`.execute(db);
      const r = rows[0] ?? {};
      return [
        'ticks',
        'last_tick',
        'sessions',
        'last_seen',
        'last_end',
        'failures',
        'markers',
        'alerts',
        'questions',
        'registrations',
      ]
        .map((key) => String(r[key] ?? '-'))
        .join('|');
    },
    async cached(eventId, phase, fingerprint) {
      return (await row(eventId, phase, fingerprint).select('body').executeTakeFirst())?.body ?? null;
    },
    async cachedSummary(eventId, phase, fingerprint) {
      const found = await row(eventId, phase, fingerprint).select('summary').executeTakeFirst();
      return found ? (JSON.parse(found.summary) as CachedSummary) : null;
    },
    async save(report, fingerprint, body) {
      const s = report.summary;
      const summary = JSON.stringify({
        peakViewers: s.peakViewers,
        viewerMinutes: s.viewerMinutes,
        score: s.score.score,
        from: s.from,
      });
      await db
        .insertInto('reports')
        .values({ event_id: report.eventId, phase: report.phase, fingerprint, built_at: report.builtAt, summary, body })
        .onConflict((oc) =>
          oc.columns(['event_id', 'phase']).doUpdateSet({ fingerprint, built_at: report.builtAt, summary, body }),
        )
        .execute();
    },
  };
}
