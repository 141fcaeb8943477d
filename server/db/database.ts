/**
 * @module Opens the database (SQLite file by default, PostgreSQL for a postgres:// URL), checks it and runs
 * migrations. What goes wrong at this point is a StartupError naming the file or host:port.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { errorCode, reasonOf, StartupError } from '../startup-error.ts';
import { migrationProvider } from './migrations/index.ts';
import type { DB, SqlDialect } from './schema.ts';

export type Storage = {
  db: Kysely<DB>;
  dialect: SqlDialect;
  /** The SQLite file, when storage is one (a second connection may write to it: server/record/write-worker.ts). */
  file: string | null;
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
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format),
};

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR …); Kysely's ROLLBACK then fails
 * with "cannot rollback - no transaction is active", and that error replaced the real one (a full disk was logged
 * as a rollback problem). Skip the ROLLBACK when SQLite already did it, so the cause comes through.
 */
class SqliteDialectKeepingCause extends SqliteDialect {
  constructor(private readonly handle: SqliteDatabase.Database) {
    super({ database: handle });
  }
  override createDriver(): Driver {
    const handle = this.handle;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (handle.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: handle });
  }
}

const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);
const corrupt = (file: string, detail: string) =>
  new StartupError(
    `the SQLite database ${file} is damaged (${detail}); restore it from a backup, or move it away to start with an empty one`,
  );

/** Makes the data directory and proves we can write in it (root ignores modes, so this is a real write test too). */
async function writableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new StartupError(
      `cannot write the data directory ${dir}: ${reasonOf(error)}; set KANSOKU_DATA_DIR to a directory this user can write`,
    );
  }
}

/** The per-connection settings every handle on our file uses. */
function configure(handle: SqliteDatabase.Database): SqliteDatabase.Database {
  handle.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it returns, so an ack (given after the commit) survives power loss too.
  // Commits are grouped (server/record/recorder.ts), so this costs a few fsyncs a second, not one per message.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

/** A second connection to an opened (checked, migrated) SQLite file, for the record's writer thread. */
export function openSqliteWriter(file: string): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialectKeepingCause(configure(new SqliteDatabase(file))) });
}

function openSqliteFile(file: string): SqliteDatabase.Database {
  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = configure(new SqliteDatabase(file));
    // Fails at start rather than hours later in the middle of an event (cost: one read of the file).
    const problems = handle.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const first = problems[0]?.quick_check ?? 'no answer';
    if (first !== 'ok')
      throw corrupt(file, `quick_check: ${first}${problems.length > 1 ? ` and ${problems.length - 1} more` : ''}`);
    return handle;
  } catch (error) {
    handle?.close();
    if (error instanceof StartupError) throw error;
    const code = errorCode(error) ?? '';
    if (CORRUPT.has(code)) throw corrupt(file, reasonOf(error));
    const hint =
      code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')
        ? '; check that KANSOKU_DATA_DIR and the file are writable by this user'
        : '';
    throw new StartupError(`cannot open the SQLite database ${file}: ${reasonOf(error)}${hint}`);
  }
}

async function openSqlite(options: OpenDatabaseOptions): Promise<{ db: Kysely<DB>; file: string | null }> {
  if (options.memory)
    return {
      db: new Kysely<DB>({ dialect: new SqliteDialectKeepingCause(new SqliteDatabase(':memory:')) }),
      file: null,
    };
  const dir = path.resolve(options.dataDir);
  await writableDir(dir);
  const file = path.join(dir, SQLITE_FILE_NAME);
  return { db: new Kysely<DB>({ dialect: new SqliteDialectKeepingCause(openSqliteFile(file)) }), file };
}

/** host:port of a postgres:// URL, never its user or password. */
export function postgresAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'the DATABASE_URL host';
  }
}

/** PostgreSQL refusals worth naming (SQLSTATE): the rest fall back to the driver's message. */
const PG_REASONS: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'this user may not connect',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
};

function openPostgres(url: string, onPoolError: (error: Error) => void): Kysely<DB> {
  // Without a timeout, an unreachable host (packets dropped) would hang the start forever.
  const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  pool.on('error', onPoolError);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** One round trip before the migrations, so an unreachable or refusing server is named as such. */
async function reachPostgres(db: Kysely<DB>, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const code = errorCode(error) ?? '';
    const reason = PG_REASONS[code] ?? reasonOf(error);
    throw new StartupError(
      `cannot reach PostgreSQL at ${postgresAddress(url)}: ${reason}; check DATABASE_URL and that the server is running`,
    );
  }
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
    throw new Error(`database migration ${failed} failed: ${reasonOf(error)}`, { cause: error });
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
  const { db, file } =
    url === undefined
      ? await openSqlite(options)
      : { db: openPostgres(url, options.onPoolError ?? (() => {})), file: null };
  try {
    if (url !== undefined) await reachPostgres(db, url);
    await migrate(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect, file, close: () => db.destroy() };
}
