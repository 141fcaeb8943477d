/**
 * @module Stores each event's alert settings (rules and webhook) and the alert log (tables `alert_rules`, `alert_log`,
 * migration 003).
 */
import type { Generated, Kysely } from 'kysely';
import type { AlertAction, AlertMetric, AlertNotice, AlertRule, AlertSettings } from '../../shared/alert.ts';
import type { Phase } from '../../shared/event.ts';
import type { DB } from '../db/schema.ts';

export interface AlertRulesTable {
  event_id: string;
  /** JSON text of `AlertSettings` (`{ rules, webhook }`); rows written before webhooks hold a bare `AlertRule[]`. */
  rules: string;
  /** ms since epoch. */
  updated_at: number;
}

export interface AlertLogTable {
  id: Generated<number>;
  event_id: string;
  phase: Phase;
  rule_id: string;
  metric: AlertMetric;
  direction: 'above' | 'below';
  kind: 'raised' | 'cleared';
  /** ms since epoch. */
  t: number;
  /** In the metric's unit (`ALERT_METRIC_UNITS`); null when there was no data. */
  value: number | null;
  threshold: number;
  /** kbit/s, for `low-bitrate-share` only. */
  kbps: number | null;
  action: AlertAction;
}

export type AlertStore = {
  /** The event's own settings, or null when it uses the defaults. */
  settings(eventId: string): Promise<AlertSettings | null>;
  setSettings(eventId: string, settings: AlertSettings, now: number): Promise<void>;
  append(notice: AlertNotice): Promise<void>;
  /** The newest `limit` entries of a phase, newest first. */
  log(eventId: string, phase: Phase, limit: number): Promise<AlertNotice[]>;
};

export function createAlertStore(base: Kysely<DB>): AlertStore {
  const db = base.withTables<{ alert_rules: AlertRulesTable; alert_log: AlertLogTable }>();
  return {
    async settings(eventId) {
      const row = await db.selectFrom('alert_rules').select('rules').where('event_id', '=', eventId).executeTakeFirst();
      if (!row) return null;
      const stored = JSON.parse(row.rules) as AlertRule[] | Partial<AlertSettings>;
      return Array.isArray(stored)
        ? { rules: stored, webhook: null }
        : { rules: stored.rules ?? [], webhook: stored.webhook ?? null };
    },
    async setSettings(eventId, settings, now) {
      const body = JSON.stringify({ rules: settings.rules, webhook: settings.webhook });
      await db
        .insertInto('alert_rules')
        .values({ event_id: eventId, rules: body, updated_at: now })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ rules: body, updated_at: now }))
        .execute();
    },
    async append(n) {
      await db
        .insertInto('alert_log')
        .values({
          event_id: n.eventId,
          phase: n.phase,
          rule_id: n.ruleId,
          metric: n.metric,
          direction: n.direction,
          kind: n.kind,
          t: n.t,
          value: n.value,
          threshold: n.threshold,
          kbps: n.kbps,
          action: n.action,
        })
        .execute();
    },
    async log(eventId, phase, limit) {
      const rows = await db
        .selectFrom('alert_log')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('phase', '=', phase)
        .orderBy('t', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        eventId: r.event_id,
        phase: r.phase,
        ruleId: r.rule_id,
        metric: r.metric,
        direction: r.direction,
        kind: r.kind,
        t: Number(r.t),
        value: r.value === null ? null : Number(r.value),
        threshold: Number(r.threshold),
        kbps: r.kbps === null ? null : Number(r.kbps),
        action: r.action,
      }));
    },
  };
}
