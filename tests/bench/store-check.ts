/** @module What the server stored, read straight from its SQLite file: size, size per table, each session's last seq. */
import Database from 'better-sqlite3';

export type StoreReport = {
  /** `page_count × page_size`. */
  bytes: number;
  /** Bytes per table and per index (dbstat names). */
  tables: Record<string, number>;
  /** Names of the tables (not indexes). */
  tableNames: string[];
  /** Stored `last_seq` per session id (the server's proof of which samples it kept). */
  lastSeq: Map<string, number>;
  historyRows: number;
  tickRows: number;
};

export function storeBytes(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare('select page_count * page_size as b from pragma_page_count(), pragma_page_size()').pluck().get());
  } finally {
    db.close();
  }
}

export function inspectStore(file: string, eventId: string): StoreReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables: Record<string, number> = {};
    for (const row of db.prepare('select name, sum(pgsize) as bytes from dbstat group by name').all() as Array<{ name: string; bytes: number }>) {
      tables[row.name] = row.bytes;
    }
    const sessions = db.prepare('select session_id, last_seq from viewer_sessions where event_id = ?').all(eventId) as Array<{ session_id: string; last_seq: number }>;
    return {
      bytes: Number(db.prepare('select page_count * page_size from pragma_page_count(), pragma_page_size()').pluck().get()),
      tables,
      tableNames: db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[],
      lastSeq: new Map(sessions.map((s) => [s.session_id, Number(s.last_seq)])),
      historyRows: Number(db.prepare('select count(*) from viewer_history').pluck().get()),
      tickRows: Number(db.prepare('select count(*) from ticks').pluck().get()),
    };
  } finally {
    db.close();
  }
}
