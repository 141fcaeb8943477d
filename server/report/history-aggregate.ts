/**
 * @module Reduces a phase's 10 s history to one `HistoryAggregate` per session in a single GROUP BY pass in SQL
 * (millions of rows never reach JavaScript). Thresholds mirror shared/quality.ts per 10 s bucket (docs/report.md).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import { QUALITY_BANDS, QUALITY_REASONS, VIEWER_STATES, type QualityReason } from '../../shared/tick.ts';
import type { DB } from '../db/schema.ts';
import type { HistoryAggregate, ProblemKind } from './report-input.ts';
import { BUCKET_MS, PICTURE_POINTS } from './report-score.ts';

const WATCHING = VIEWER_STATES.indexOf('watching');
const [GOOD, FAIR, POOR] = QUALITY_BANDS.map((b) => QUALITY_BANDS.indexOf(b)) as [number, number, number];

/** Bucket conditions per dimension and band, in QUALITY_RULES priority order; `stall` is what is left. */
const CONDITIONS: Record<'fair' | 'poor', ReadonlyArray<readonly [QualityReason, string]>> = {
  poor: [
    ['freeze', `(h.freeze_ms > ${BUCKET_MS * 0.05} OR (h.freezes > 0 AND h.freeze_ms > 2000 * h.freezes))`],
    ['loss', 'h.loss_bp > 500'], ['concealment', 'h.conceal_bp > 500'], ['jitter-buffer', 'h.jitter_buffer_ms > 500'], ['rtt', 'h.rtt_ms > 400'],
  ],
  fair: [
    ['freeze', `h.freeze_ms > ${BUCKET_MS * 0.01}`],
    ['loss', 'h.loss_bp > 100'], ['concealment', 'h.conceal_bp > 100'], ['jitter-buffer', 'h.jitter_buffer_ms > 150'], ['rtt', 'h.rtt_ms > 250'],
  ],
};

const KINDS: ProblemKind[] = (['fair', 'poor'] as const).flatMap((band) => QUALITY_REASONS.map((r): ProblemKind => `${band}-${r}`));
const kindCode = (kind: ProblemKind): number => KINDS.indexOf(kind) + 1;

function kindExpression(): string {
  const branch = (band: 'fair' | 'poor') =>
    `CASE ${CONDITIONS[band].map(([reason, cond]) => `WHEN ${cond} THEN ${kindCode(`${band}-${reason}`)}`).join(' ')} ELSE ${kindCode(`${band}-stall`)} END`;
  return `CASE WHEN h.band = ${POOR} THEN ${branch('poor')} WHEN h.band = ${FAIR} THEN ${branch('fair')} ELSE 0 END`;
}

const pictureExpression = (): string =>
  `CASE WHEN h.height IS NULL THEN 0 ${PICTURE_POINTS.map(([min, points]) => `WHEN h.height >= ${min} THEN ${points}`).join(' ')} ELSE 0 END`;

function aggregateSql(eventId: string, phase: Phase, sessionIds?: readonly string[]): RawBuilder<Record<string, unknown>> {
  const kindColumns = KINDS.map((kind) => `sum(CASE WHEN kind = ${kindCode(kind)} THEN 1 ELSE 0 END) AS k${kindCode(kind)}`).join(',\n');
  const only = sessionIds ? sql` AND s.session_id IN (${sql.join(sessionIds)})` : sql``;
  return sql<Record<string, unknown>>`SELECT session_id,
      sum(CASE WHEN state = ${sql.lit(WATCHING)} THEN 1 ELSE 0 END) AS watching,
      sum(CASE WHEN band = ${sql.lit(GOOD)} THEN 1 ELSE 0 END) AS good,
      sum(CASE WHEN band = ${sql.lit(FAIR)} THEN 1 ELSE 0 END) AS fair,
      sum(CASE WHEN band = ${sql.lit(POOR)} THEN 1 ELSE 0 END) AS poor,
      sum(freeze_ms) AS frozen_ms, sum(picture) AS picture_sum, count(height) AS picture_n,
      sum(loss_bp) AS loss_bp_sum, count(loss_bp) AS loss_n,
      ${sql.raw(kindColumns)}
    FROM (SELECT s.session_id, h.state, h.band, h.freeze_ms, h.height, h.loss_bp,
            ${sql.raw(pictureExpression())} AS picture, ${sql.raw(kindExpression())} AS kind
          FROM viewer_sessions s JOIN viewer_history h ON h.session_ref = s.ref
          WHERE s.event_id = ${eventId} AND s.phase = ${phase}${only}) x
    GROUP BY session_id`;
}

function toAggregate(row: Record<string, unknown>): HistoryAggregate {
  const n = (key: string): number => Number(row[key] ?? 0);
  const kinds: HistoryAggregate['kinds'] = {};
  for (const kind of KINDS) {
    const count = n(`k${kindCode(kind)}`);
    if (count > 0) kinds[kind] = count;
  }
  return {
    watching: n('watching'), good: n('good'), fair: n('fair'), poor: n('poor'), frozenMs: n('frozen_ms'),
    pictureSum: n('picture_sum'), pictureN: n('picture_n'), lossBpSum: n('loss_bp_sum'), lossN: n('loss_n'), kinds,
  };
}

/** Per session id; sessions without history are absent. `sessionIds` limits it to those sessions (an export page). */
export async function historyAggregates(
  db: Kysely<DB>, eventId: string, phase: Phase, sessionIds?: readonly string[],
): Promise<Map<string, HistoryAggregate>> {
  if (sessionIds && sessionIds.length === 0) return new Map();
  const { rows } = await aggregateSql(eventId, phase, sessionIds).execute(db);
  return new Map(rows.map((row) => [String(row.session_id), toAggregate(row)]));
}
