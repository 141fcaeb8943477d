/** @module openDatabase: engine settings, idempotent migrations and number-typed int8 on both engines. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE_NAME, type Storage } from '../../../server/db/database.ts';
import { MIGRATIONS } from '../../../server/db/migrations/index.ts';
import { createPgSchema, type PgSchema } from '../../helpers/test-storage.ts';

async function appliedMigrations(storage: Storage): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(storage.db);
  return rows.map((r) => r.name);
}

async function openTwice(open: () => Promise<Storage>): Promise<string[]> {
  const first = await open();
  await first.db
    .insertInto('events')
    .values({
      id: 'e1',
      title: 'x',
      scheduled_start: null,
      scheduled_start_ms: null,
      phase: 'scheduled',
      sora: null,
      discord: '{}',
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  await first.close();
  const second = await open();
  try {
    expect(await second.db.selectFrom('events').select('id').execute()).toEqual([{ id: 'e1' }]);
    return await appliedMigrations(second);
  } finally {
    await second.close();
  }
}

describe('openDatabase on SQLite', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kansoku-db-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates the data dir and file, and migrates once when opened twice', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const names = await openTwice(() => openDatabase({ dataDir }));
    expect(names).toEqual(MIGRATIONS.map(([name]) => name));
    expect((await stat(path.join(dataDir, SQLITE_FILE_NAME))).isFile()).toBe(true);
  });

  it('runs in WAL mode with synchronous FULL and foreign keys on', async () => {
    const storage = await openDatabase({ dataDir: path.join(dir, 'pragmas') });
    try {
      const pragma = async (name: string): Promise<unknown> =>
        Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(storage.db)).rows[0] ?? {})[0];
      expect(storage.dialect).toBe('sqlite');
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('opens in memory without touching dataDir', async () => {
    const storage = await openDatabase({ dataDir: path.join(dir, 'never-created'), memory: true });
    await storage.close();
    await expect(stat(path.join(dir, 'never-created'))).rejects.toThrow();
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://localhost/x', dataDir: dir })).rejects.toThrow(/postgres/);
  });
});

describe('openDatabase on PostgreSQL', () => {
  let schema: PgSchema;
  beforeAll(async () => {
    schema = await createPgSchema();
  });
  afterAll(() => schema.drop());

  it('migrates once when opened twice', async () => {
    const names = await openTwice(() => openDatabase({ databaseUrl: schema.url, dataDir: '' }));
    expect(names).toEqual(MIGRATIONS.map(([name]) => name));
  });

  it('returns int8 columns as numbers, on this pool only', async () => {
    const storage = await openDatabase({ databaseUrl: schema.url, dataDir: '' });
    try {
      expect(storage.dialect).toBe('postgres');
      const query = sql<{
        big: unknown;
        n: unknown;
      }>`select ${1_777_629_600_123}::bigint as big, count(*) as n from events`;
      const { rows } = await query.execute(storage.db);
      expect(rows[0]).toEqual({ big: 1_777_629_600_123, n: 1 });
      const { default: pg } = await import('pg');
      expect(pg.types.getTypeParser(pg.types.builtins.INT8)('5')).toBe('5');
    } finally {
      await storage.close();
    }
  });
});
