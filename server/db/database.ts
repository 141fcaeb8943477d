/** @module Opens the database (SQLite file by default, PostgreSQL for a postgres:// URL) and runs migrations. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { DB, SqlDialect } from './schema.ts';

export type Storage = {
  db: Kysely<DB>;
  dialect: SqlDialect;
  /** Closes the SQLite handle or ends the PostgreSQL pool. */
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres:// or postgresql:// URL; when absent, SQLite in `dataDir` is used. */
  databaseUrl?: string;
  /** Directory of the SQLite file (created when missing). */
  dataDir: string;
  /** SQLite in memory, for tests and demos. */
  memory?: boolean;
  /** Errors of idle PostgreSQL connections (without a listener, `pg` would crash the process). */
  onPoolError?: (error: Error) => void;
};

export const SQLITE_FILE_NAME = 'kansoku.db';

// int8 (our ms timestamps and count(*)) arrives as a string by default. Numbers are exact below 2^53,
// which ms timestamps and counts stay far under. Scoped to our pool; the global pg.types is left alone.
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
};

async function openSqlite(options: OpenDatabaseOptions): Promise<Kysely<DB>> {
  let file = ':memory:';
  if (!options.memory) {
    await mkdir(options.dataDir, { recursive: true });
    file = path.join(options.dataDir, SQLITE_FILE_NAME);
  }
  const handle = new SqliteDatabase(file);
  handle.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it returns, so an ack (given after the commit) survives power loss too.
  // Commits are grouped (server/record/recorder.ts), so this costs a few fsyncs a second, not one per message.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
}

function openPostgres(url: string, onPoolError: (error: Error) => void): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, types });
  pool.on('error', onPoolError);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<DB>, dialect: SqlDialect): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (dialect === 'postgres') {
    // Kysely looks for its bookkeeping table in any schema unless told which one; pin it to ours.
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
    if (!migrationTableSchema) throw new Error('PostgreSQL has no current schema (check search_path)');
  }
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'setup';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
}

/**
 * Opens storage and brings its schema up to date. The same `db` queries work on both engines.
 * @example const storage = await openDatabase({ dataDir: './data' }); … await storage.close();
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Storage> {
  const url = options.databaseUrl;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dialect: SqlDialect = url === undefined ? 'sqlite' : 'postgres';
  const db = url === undefined ? await openSqlite(options) : openPostgres(url, options.onPoolError ?? (() => {}));
  try {
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, close: () => db.destroy() };
}
