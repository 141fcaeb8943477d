/** Storage outages (full disk, I/O, database gone) become a 503 message; ordinary errors do not. */
import { describe, expect, it } from 'vitest';
import { storageOutage } from '../../../../server/db/storage-errors.ts';
import { RecordUnavailableError } from '../../../../server/record/recorder.ts';

const coded = (code: string) => Object.assign(new Error('x'), { code });

describe('storage outage', () => {
  it('recognises a full disk on SQLite, PostgreSQL and the file system', () => {
    for (const code of ['SQLITE_FULL', '53100', 'ENOSPC'])
      expect(storageOutage(coded(code)), code).toMatch(/^storage is full/);
    expect(storageOutage(new RecordUnavailableError(coded('SQLITE_FULL')))).toMatch(/^storage is full/);
  });

  it('reports other outages with their code, and leaves bugs alone', () => {
    expect(storageOutage(coded('SQLITE_IOERR_WRITE'))).toMatch(/not taking writes right now \(SQLITE_IOERR_WRITE\)/);
    expect(storageOutage(coded('57P01'))).toMatch(/57P01/);
    expect(storageOutage(coded('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storageOutage(new TypeError('undefined is not a function'))).toBeUndefined();
  });
});
