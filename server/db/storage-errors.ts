/**
 * @module Which database errors mean "storage cannot take writes right now" (disk full, I/O failure, database gone)
 * rather than a bug: REST answers those 503 with a message instead of a bare 500 (pure).
 */
import { errorCode } from '../startup-error.ts';

/** SQLite result codes (better-sqlite3 `code`) and PostgreSQL SQLSTATEs (`pg` `code`) of a full disk. */
const FULL = new Set(['SQLITE_FULL', '53100', 'ENOSPC']);
/** The disk or the server failing under us: retrying later may work. */
const UNAVAILABLE =
  /^(SQLITE_IOERR|SQLITE_BUSY|SQLITE_READONLY|ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[123]|53[0-9]{3}|08[0-9A-Z]{3})/;

/** A message for the client (and the log) when `error` is a storage outage; undefined for anything else. */
export function storageOutage(error: unknown): string | undefined {
  const code = errorCode(error);
  if (code === undefined) return undefined;
  if (FULL.has(code))
    return 'storage is full: the server has no disk space left for the database; nothing was written, retry once space is freed';
  if (UNAVAILABLE.test(code)) return `storage is not taking writes right now (${code}); nothing was written, retry`;
  return undefined;
}
