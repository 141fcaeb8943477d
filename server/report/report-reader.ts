/**
 * @module Reads the stored record of one event phase into a `ReportInput`: a handful of indexed queries, one row per
 * session.
 */
import type { Kysely } from 'kysely';
import type { KansokuEvent, Phase } from '../../shared/event.ts';
import type { FailureCategory, FunnelStage } from '../../shared/funnel.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import type { SessionEnding, Tick } from '../../shared/tick.ts';
import { createAlertStore } from '../alerts/alert-store.ts';
import type { DB } from '../db/schema.ts';
import { createMarkerStore } from '../markers/marker-store.ts';
import { createQuestionStore } from '../questions/question-store.ts';
import { sessionAggregates } from './session-aggregates.ts';
import type { FailureCount, ReportInput, SessionFacts } from './report-input.ts';

/** Alert log entries read per phase at most (the log of a long event with flapping rules stays bounded). */
const MAX_ALERTS = 5_000;

export async function readTicks(db: Kysely<DB>, eventId: string, phase: Phase): Promise<Tick[]> {
  const rows = await db
    .selectFrom('ticks')
    .select('body')
    .where('event_id', '=', eventId)
    .where('phase', '=', phase)
    .orderBy('t')
    .execute();
  return rows.map((r) => JSON.parse(r.body) as Tick);
}

/** What the breakdowns need from a session's latest sample: its decoder and its selected candidate pair. */
function fromCheckpoint(text: string | null): { decoder: string | null; connection: string | null } {
  if (text === null) return { decoder: null, connection: null };
  const sample = JSON.parse(text) as StatsSample;
  const ne = sample.ne;
  return { decoder: sample.vi?.dec ?? null, connection: ne?.lt ? `${ne.lt}/${ne.pr ?? 'udp'}` : null };
}

async function readSessions(db: Kysely<DB>, eventId: string, phase: Phase): Promise<SessionFacts[]> {
  const rows = await db
    .selectFrom('viewer_sessions')
    .select([
      'session_id',
      'browser',
      'browser_version',
      'os',
      'codec',
      'checkpoint',
      'first_seen',
      'last_seen',
      'ended_at',
      'ending',
      'connects',
      'ttff_ms',
      'stage',
      'failure_category',
      'totals',
    ])
    .where('event_id', '=', eventId)
    .where('phase', '=', phase)
    .orderBy('first_seen')
    .orderBy('session_id')
    .execute();
  const history = await sessionAggregates(db, eventId, phase, rows);
  return rows.map((r) => ({
    sessionId: r.session_id,
    browser: r.browser,
    browserVersion: r.browser_version,
    os: r.os,
    codec: r.codec,
    ...fromCheckpoint(r.checkpoint),
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    ending: r.ending as SessionEnding | null,
    connects: Number(r.connects),
    ttffMs: r.ttff_ms,
    stage: r.stage as FunnelStage | null,
    failure: r.failure_category as FailureCategory | null,
    history: history.get(r.session_id) ?? null,
  }));
}

async function readFailures(db: Kysely<DB>, eventId: string, phase: Phase): Promise<FailureCount[]> {
  const rows = await db
    .selectFrom('failures')
    .select(['session_id', 'category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .where('phase', '=', phase)
    .groupBy(['session_id', 'category'])
    .execute();
  return rows.map((r) => ({ sessionId: r.session_id, category: r.category as FailureCategory, reports: Number(r.n) }));
}

/** Questions belong to the event, not to a phase: every report of the event lists all of them (docs/report.md). */
export async function readReportInput(db: Kysely<DB>, event: KansokuEvent, phase: Phase): Promise<ReportInput> {
  const [ticks, sessions, failures, markers, alerts, questions] = await Promise.all([
    readTicks(db, event.id, phase),
    readSessions(db, event.id, phase),
    readFailures(db, event.id, phase),
    createMarkerStore(db).list(event.id, phase),
    createAlertStore(db).log(event.id, phase, MAX_ALERTS),
    createQuestionStore(db).load(event.id),
  ]);
  const registrations = new Set(questions.registrations.map((r) => r.key)).size;
  const ordered = [...questions.questions].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    event,
    phase,
    ticks,
    sessions,
    failures,
    markers,
    alerts: alerts.reverse(),
    questions: ordered,
    registrations,
  };
}
