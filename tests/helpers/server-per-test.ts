/**
 * @module A fresh test server (in-memory SQLite by default) and socket pool for each test: started before it, closed
 * after.
 */
import { afterEach, beforeEach } from 'vitest';
import type { SqlDialect } from '../../server/db/schema.ts';
import { socketPool } from './clients.ts';
import { startTestServer, type TestServer } from './start-test-server.ts';

export type ServerRig = {
  /** This test's server (replaced by `use`). */
  server: TestServer;
  pool: ReturnType<typeof socketPool>;
  /** Swaps this test's server for one on `dialect` (e.g. PostgreSQL). */
  use(dialect: SqlDialect): Promise<TestServer>;
};

export function serverPerTest(): ServerRig {
  const pool = socketPool();
  const rig: ServerRig = {
    server: undefined as unknown as TestServer,
    pool,
    async use(dialect) {
      await rig.server.close();
      rig.server = await startTestServer(dialect);
      return rig.server;
    },
  };
  beforeEach(async () => {
    rig.server = await startTestServer();
  });
  afterEach(async () => {
    pool.closeAll();
    await rig.server.close();
  });
  return rig;
}
