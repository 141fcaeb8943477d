/**
 * @module The cumulative figures of an event phase read from the record every process writes (funnel, endings,
 * failures, TTFF), and the newest stored tick an aggregator continues from. One grouped query per refresh, so the
 * cost grows with the phase's sessions, not with the processes.
 */
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import { emptyFunnel, FUNNEL_STAGES, stagesThrough, type FunnelStage } from '../../shared/funnel.ts';
import { distribution } from '../../shared/percentile.ts';
import { SESSION_ENDINGS, type SessionEnding, type Tick } from '../../shared/tick.ts';
import type { DB } from '../db/schema.ts';
import { noEndings } from '../live/event-monitor.ts';
import type { Queries } from '../storage/queries.ts';
import type { RecordTotals } from './tick-merge.ts';

/** Sessions per furthest stage and ending, as the grouped query returns them. */
export type StageRow = { stage: string | null; ending: string | null; n: number };

const isStage = (s: string | null): s is FunnelStage => FUNNEL_STAGES.includes(s as FunnelStage);
const isEnding = (s: string | null): s is SessionEnding => SESSION_ENDINGS.includes(s as SessionEnding);

/** Folds grouped session counts into the funnel (a stage counts every session at or past it) and the endings (pure). */
export function foldStageRows(rows: readonly StageRow[]): Pick<RecordTotals, 'funnel' | 'endings'> {
  const funnel = emptyFunnel();
  const endings = noEndings();
  for (const row of rows) {
    if (isStage(row.stage)) for (const stage of stagesThrough(row.stage)) funnel[stage] += row.n;
    if (isEnding(row.ending)) endings[row.ending] += row.n;
  }
  return { funnel, endings };
}

export type RecordReader = {
  totals(eventId: string, phase: Phase): Promise<RecordTotals>;
  /** The newest stored tick of the phase, or null. */
  lastTick(eventId: string, phase: Phase): Promise<Tick | null>;
};

export function createRecordReader(db: Kysely<DB>, queries: Queries): RecordReader {
  return {
    async totals(eventId, phase) {
      const [rows, ttff, failures] = await Promise.all([
        db
          .selectFrom('viewer_sessions')
          .select(['stage', 'ending', (eb) => eb.fn.countAll<number>().as('n')])
          .where('event_id', '=', eventId)
          .where('phase', '=', phase)
          .groupBy(['stage', 'ending'])
          .execute(),
        db
          .selectFrom('viewer_sessions')
          .select('ttff_ms')
          .where('event_id', '=', eventId)
          .where('phase', '=', phase)
          .where('ttff_ms', 'is not', null)
          .execute(),
        queries.failureCounts(eventId, phase),
      ]);
      const folded = foldStageRows(rows.map((r) => ({ stage: r.stage, ending: r.ending, n: Number(r.n) })));
      return { ...folded, failures, ttffMs: distribution(ttff.map((r) => Number(r.ttff_ms))) };
    },
    async lastTick(eventId, phase) {
      const [tick] = await queries.ticks(eventId, phase, 0, 1);
      return tick ?? null;
    },
  };
}
