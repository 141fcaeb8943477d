/**
 * Upgrading a database made before the event record (migrations 001–004): sessions and their history survive the
 * viewer_sessions rebuild (SQLite) or primary-key change (PostgreSQL), and the new per-phase record works after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE_NAME, type Storage } from '../../../server/db/database.ts';
import { MIGRATIONS } from '../../../server/db/migrations/index.ts';
import type { SqlDialect } from '../../../server/db/schema.ts';
import { createQueries } from '../../../server/storage/queries.ts';
import { createWriter } from '../../../server/storage/write-batch.ts';
import { createPgSchema, type PgSchema } from '../../helpers/test-storage.ts';
import { historyRow, sessionRow, T0 } from './fixtures.ts';

const BEFORE_RECORD = MIGRATIONS.findIndex(([name]) => name === '005-event-record');

/** A database as the previous release left it: migrations up to 004, one session with two history buckets. */
async function seedOldDatabase(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): Promise<void> {
  const provider = {
    getMigrations: async () =>
      Object.fromEntries(
        MIGRATIONS.slice(0, BEFORE_RECORD).map(([name, m]): [string, Migration] => [
          name,
          { up: (d) => m.up(d, dialect) },
        ]),
      ),
  };
  // Kysely looks for its bookkeeping tables in any schema unless told which one (as server/db/database.ts does).
  const { error } = await new Migrator({ db, provider, migrationTableSchema: schema }).migrateToLatest();
  if (error) throw error;
  await sql`insert into events (id, title, phase, discord, created_at, updated_at) values ('ev', 'Old show', 'live', '{}', 1, 1)`.execute(
    db,
  );
  await sql`insert into viewer_sessions (event_id, session_id, phase, browser, browser_version, os, first_seen, last_seen, last_seq, state)
    values ('ev', 'old-viewer', 'live', 'Chrome', '138', 'Windows', ${T0}, ${T0 + 20_000}, 21, 'watching')`.execute(db);
  const { rows } = await sql<{ ref: number }>`select ref from viewer_sessions where session_id = 'old-viewer'`.execute(
    db,
  );
  for (const t of [T0 / 1000, T0 / 1000 + 10]) {
    await sql`insert into viewer_history (session_ref, t, state, kbps, freezes, freeze_ms) values (${rows[0]?.ref}, ${t}, 2, 1500, 0, 0)`.execute(
      db,
    );
  }
}

describe.each(['sqlite', 'postgres'] as const)('upgrading to the event record on %s', (dialect) => {
  let cleanup: () => Promise<void> = async () => undefined;
  afterEach(() => cleanup());

  it('keeps old sessions and history, then keeps a session per phase', async () => {
    let storage: Storage;
    if (dialect === 'sqlite') {
      const dir = await mkdtemp(path.join(tmpdir(), 'kansoku-upgrade-'));
      const old = new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(dir, SQLITE_FILE_NAME)) }),
      });
      await seedOldDatabase(old, dialect);
      await old.destroy();
      storage = await openDatabase({ dataDir: dir });
      cleanup = async () => {
        await storage.close();
        await rm(dir, { recursive: true, force: true });
      };
    } else {
      const schema: PgSchema = await createPgSchema();
      const old = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: schema.url }) }),
      });
      await seedOldDatabase(old, dialect, schema.name);
      await old.destroy();
      storage = await openDatabase({ databaseUrl: schema.url, dataDir: '' });
      cleanup = async () => {
        await storage.close();
        await schema.drop();
      };
    }
    const queries = createQueries(storage.db);
    expect(await queries.getSession('ev', 'live', 'old-viewer')).toMatchObject({
      lastSeq: 21,
      stage: null,
      connects: 1,
      ending: null,
    });
    expect((await queries.viewerHistory('ev', 'live', 'old-viewer')).map((h) => h.kbps)).toEqual([1500, 1500]);

    // The same session in another phase is a record of its own, with history of its own.
    const writer = createWriter(storage.db);
    await writer.writeBatch({
      sessions: [sessionRow('ev', 'old-viewer', { phase: 'ended', lastSeq: 30 })],
      history: [historyRow('ev', 'old-viewer', T0 + 30_000, { phase: 'ended', kbps: 900 })],
    });
    expect((await queries.viewerHistory('ev', 'ended', 'old-viewer')).map((h) => h.kbps)).toEqual([900]);
    expect(await queries.viewerHistory('ev', 'live', 'old-viewer')).toHaveLength(2);
    await storage.db.deleteFrom('events').where('id', '=', 'ev').execute();
    expect(await storage.db.selectFrom('viewer_history').selectAll().execute()).toEqual([]);
  });
});
