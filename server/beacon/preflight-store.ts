/**
 * @module Stores pre-flight rows (one per session, upserted in batches) and summarises them for the host.
 * The table comes from migration 002; its Kysely type lives here, next to the only code that uses it.
 */
import type { Kysely } from 'kysely';
import type { PreflightSummary } from '../../shared/beacon.ts';
import type { Phase } from '../../shared/event.ts';
import type { Preflight } from '../../shared/funnel.ts';
import type { DB } from '../db/schema.ts';
import { chunked } from '../storage/rows.ts';
import type { PreflightRow } from './preflight-book.ts';

export interface PreflightsTable {
  event_id: string;
  session_id: string;
  phase: Phase;
  /** Viewer's clock, ms since epoch. */
  t: number;
  browser: string;
  os: string;
  /** Comma-separated failing item ids, '' when none. */
  failed: string;
  /** JSON text of `Preflight['items']`. */
  items: string;
}

/** Rows read for one summary (the newest); older sessions still count in `sessions` only. */
const SUMMARY_ROWS = 50_000;

export type PreflightStore = {
  write(rows: readonly PreflightRow[]): Promise<void>;
  summary(eventId: string, phase: Phase, failingLimit: number): Promise<PreflightSummary>;
};

export function createPreflightStore(base: Kysely<DB>): PreflightStore {
  const db = base.withTables<{ preflights: PreflightsTable }>();
  return {
    async write(rows) {
      const values = rows.map((r) => ({
        event_id: r.eventId,
        session_id: r.sessionId,
        phase: r.phase,
        t: Math.round(r.t),
        browser: r.browser,
        os: r.os,
        failed: r.items
          .filter((i) => i.status === 'fail')
          .map((i) => i.id)
          .join(','),
        items: JSON.stringify(r.items),
      }));
      await db.transaction().execute(async (trx) => {
        for (const chunk of chunked(values)) {
          await trx
            .insertInto('preflights')
            .values(chunk)
            .onConflict((oc) =>
              oc.columns(['event_id', 'session_id']).doUpdateSet((eb) => ({
                phase: eb.ref('excluded.phase'),
                t: eb.ref('excluded.t'),
                browser: eb.ref('excluded.browser'),
                os: eb.ref('excluded.os'),
                failed: eb.ref('excluded.failed'),
                items: eb.ref('excluded.items'),
              })),
            )
            .execute();
        }
      });
    },

    async summary(eventId, phase, failingLimit) {
      const rows = await db
        .selectFrom('preflights')
        .select(['session_id', 't', 'browser', 'os', 'failed', 'items'])
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .orderBy('t', 'desc')
        .limit(SUMMARY_ROWS)
        .execute();
      const summary: PreflightSummary = { sessions: rows.length, items: {}, failing: [] };
      for (const row of rows) {
        const items = JSON.parse(row.items) as Preflight['items'];
        for (const item of items) {
          const counts = (summary.items[item.id] ??= { pass: 0, warn: 0, fail: 0 });
          counts[item.status] += 1;
        }
        if (row.failed !== '' && summary.failing.length < failingLimit) {
          summary.failing.push({ sessionId: row.session_id, t: row.t, browser: row.browser, os: row.os, items });
        }
      }
      return summary;
    },
  };
}
