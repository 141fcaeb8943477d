/**
 * @module Read-only share links to a report (table `report_shares`, migration 006). A token is
 * `<id>.<expires s>.<HMAC-SHA256>` signed with a server key kept in the database (`server_secrets`, made on first
 * use), so a link cannot be forged or its expiry stretched; the row makes it revocable.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Phase } from '../../shared/event.ts';
import type { DB } from '../db/schema.ts';

interface ReportSharesTable {
  id: string;
  event_id: string;
  phase: Phase;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}

export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,32}\.\d{1,13}\.[A-Za-z0-9_-]{43}$/;

export type ShareGrant = { eventId: string; phase: Phase };
/** Why a token opens nothing; each answers 404 with its own message. */
export type ShareRefusal = 'unknown' | 'revoked' | 'expired';

export type ShareLinks = {
  create(eventId: string, phase: Phase, now: number, expiresAt: number): Promise<string>;
  /** Revokes every link of the event; returns how many were valid. */
  revokeAll(eventId: string, now: number): Promise<number>;
  open(token: string, now: number): Promise<ShareGrant | ShareRefusal>;
};

export function createShareLinks(base: Kysely<DB>): ShareLinks {
  const db = base.withTables<{ report_shares: ReportSharesTable; server_secrets: ServerSecretsTable }>();
  let key: Buffer | null = null;
  const signingKey = async (now: number): Promise<Buffer> => {
    if (key) return key;
    await db
      .insertInto('server_secrets')
      .values({ name: 'share-key', value: randomBytes(32).toString('base64url'), created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await db
      .selectFrom('server_secrets')
      .select('value')
      .where('name', '=', 'share-key')
      .executeTakeFirstOrThrow();
    key = Buffer.from(row.value, 'base64url');
    return key;
  };
  const sign = (k: Buffer, id: string, expiresS: number, grant: ShareGrant): string =>
    createHmac('sha256', k).update(`${id}.${expiresS}.${grant.eventId}.${grant.phase}`).digest('base64url');

  return {
    async create(eventId, phase, now, expiresAt) {
      const id = randomBytes(12).toString('base64url');
      const expiresS = Math.floor(expiresAt / 1000);
      await db
        .insertInto('report_shares')
        .values({ id, event_id: eventId, phase, created_at: now, expires_at: expiresS * 1000, revoked_at: null })
        .execute();
      return `${id}.${expiresS}.${sign(await signingKey(now), id, expiresS, { eventId, phase })}`;
    },
    async revokeAll(eventId, now) {
      const result = await db
        .updateTable('report_shares')
        .set({ revoked_at: now })
        .where('event_id', '=', eventId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async open(token, now) {
      if (!SHARE_TOKEN_PATTERN.test(token)) return 'unknown';
      const [id = '', expires = '', mac = ''] = token.split('.');
      const row = await db.selectFrom('report_shares').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return 'unknown';
      const grant: ShareGrant = { eventId: row.event_id, phase: row.phase };
      const expected = Buffer.from(sign(await signingKey(now), id, Number(expires), grant));
      const given = Buffer.from(mac);
      if (
        expected.length !== given.length ||
        !timingSafeEqual(expected, given) ||
        Number(expires) * 1000 !== Number(row.expires_at)
      )
        return 'unknown';
      if (row.revoked_at !== null) return 'revoked';
      if (Number(row.expires_at) <= now) return 'expired';
      return grant;
    },
  };
}
