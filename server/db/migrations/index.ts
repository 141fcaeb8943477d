/** @module The ordered, append-only list of schema migrations, served to Kysely's Migrator from code. */
import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import type { SqlDialect } from '../schema.ts';
import { init } from './001-init.ts';
import { preflights } from './002-preflights.ts';
import { markersAlerts } from './003-markers-alerts.ts';
import { questions } from './004-questions.ts';
import { eventRecord } from './005-event-record.ts';
import { reports } from './006-reports.ts';
import { sessionTotals } from './007-session-totals.ts';
import { publisherSamples } from './008-publisher-samples.ts';

/**
 * A migration that may need to know the engine (e.g. SQLite `WITHOUT ROWID`, PostgreSQL identity columns).
 * Migrations take `Kysely<unknown>`: they must not depend on today's `DB` type.
 */
export type KansokuMigration = { up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> };

/**
 * Applied in this order and recorded by name in `kysely_migration`.
 * Never edit or reorder a shipped entry; add `002-<what>.ts` and append it here.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: KansokuMigration]> = [
  ['001-init', init],
  ['002-preflights', preflights],
  ['003-markers-alerts', markersAlerts],
  ['004-questions', questions],
  ['005-event-record', eventRecord],
  ['006-reports', reports],
  ['007-session-totals', sessionTotals],
  ['008-publisher-samples', publisherSamples],
];

/** A static provider (no filesystem scanning) that binds each migration to the engine in use. */
export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const entries = MIGRATIONS.map(([name, m]): [string, Migration] => [name, { up: (db) => m.up(db, dialect) }]);
      return Object.fromEntries(entries);
    },
  };
}
