/** @module Fresh, migrated storage per dialect for the db tests; each PostgreSQL user gets a throwaway schema. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Storage } from '../../server/db/database.ts';
import type { SqlDialect } from '../../server/db/schema.ts';

/** The integration PostgreSQL (trust auth); override with TEST_DATABASE_URL. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
export const DIALECTS: readonly SqlDialect[] = ['sqlite', 'postgres'];

export type PgSchema = { name: string; url: string; drop(): Promise<void> };

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates `kansoku_test_<random>` and returns a URL whose connections use it as their search_path. */
export async function createPgSchema(): Promise<PgSchema> {
  const name = `kansoku_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${name}`);
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: url.toString(), drop: () => adminQuery(`drop schema ${name} cascade`) };
}

export type TestStorage = { storage: Storage; close(): Promise<void> };

/** SQLite in memory, or PostgreSQL in a new schema that `close()` drops. */
export async function openTestStorage(dialect: SqlDialect): Promise<TestStorage> {
  if (dialect === 'sqlite') {
    const storage = await openDatabase({ dataDir: '', memory: true });
    return { storage, close: () => storage.close() };
  }
  const schema = await createPgSchema();
  const storage = await openDatabase({ databaseUrl: schema.url, dataDir: '' });
  return {
    storage,
    close: async () => {
      await storage.close();
      await schema.drop();
    },
  };
}
