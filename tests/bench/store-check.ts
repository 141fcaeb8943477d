/**
 * @module What the server stored, read straight from its SQLite file: size, size per table, each session's last seq;
 * and which sessions it acked more of than it kept.
 */
import Database from 'better-sqlite3';

export type StoreReport = {
  /** `page_count × page_size`. */
  bytes: number;
  /** Bytes per table and per index (dbstat names). */
  tables: Record<string, number>;
  /** Names of the tables (not indexes). */
  tableNames: string[];
  /** Stored `last_seq` per session id, the max over phases (the server's proof of which samples it kept). */
  lastSeq: Map<string, number>;
  historyRows: number;
  tickRows: number;
};

/** `viewer_sessions` is keyed by (event_id, phase, session_id): a session continuing into another phase has two rows. */
const LAST_SEQ =
  'select session_id, max(last_seq) as last_seq from viewer_sessions where event_id = ? group by session_id';

const lastSeqs = (db: Database.Database, eventId: string): Map<string, number> =>
  new Map(
    (db.prepare(LAST_SEQ).all(eventId) as Array<{ session_id: string; last_seq: number }>).map((s) => [
      s.session_id,
      Number(s.last_seq),
    ]),
  );

/**
 * Each session's stored `last_seq`, read from a file another process may have left mid-write (after a SIGKILL):
 * read-only, so what a restart finds is not changed; SQLite reads the committed part of the WAL.
 */
export function storedLastSeq(file: string, eventId: string): Map<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return lastSeqs(db, eventId);
  } finally {
    db.close();
  }
}

export function storeBytes(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(
      db.prepare('select page_count * page_size as b from pragma_page_count(), pragma_page_size()').pluck().get(),
    );
  } finally {
    db.close();
  }
}

export function inspectStore(file: string, eventId: string): StoreReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables: Record<string, number> = {};
    for (const row of db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as Array<{
      name: string;
      bytes: number;
    }>) {
      tables[row.name] = row.bytes;
    }
    return {
      bytes: Number(
        db.prepare('select page_count * page_size from pragma_page_count(), pragma_page_size()').pluck().get(),
      ),
      tables,
      tableNames: db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
      lastSeq: lastSeqs(db, eventId),
      historyRows: Number(db.prepare('select count(*) from viewer_history').pluck().get()),
      tickRows: Number(db.prepare('select count(*) from ticks').pluck().get()),
    };
  } finally {
    db.close();
  }
}

/** Sessions whose acked seq is above the stored `last_seq`: acked samples the server no longer has. */
export type AckedLoss = {
  /** Sessions compared (every session a generator knows), and Σ of their acked seqs (what was at stake). */
  checked: number;
  ackedSamples: number;
  sessions: number;
  /** Σ (acked − stored) over those sessions. */
  samples: number;
  /** Largest single gap, samples. */
  worst: number;
};

/** Compares acked seqs with stored ones; a session with no stored row counts as stored 0. */
export function ackedThenLost(
  acked: Iterable<readonly [string, number]>,
  stored: ReadonlyMap<string, number>,
): AckedLoss {
  const out: AckedLoss = { checked: 0, ackedSamples: 0, sessions: 0, samples: 0, worst: 0 };
  for (const [sessionId, seq] of acked) {
    out.checked += 1;
    out.ackedSamples += seq;
    const gap = seq - (stored.get(sessionId) ?? 0);
    if (gap <= 0) continue;
    out.sessions += 1;
    out.samples += gap;
    out.worst = Math.max(out.worst, gap);
  }
  return out;
}
