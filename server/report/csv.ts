/**
 * @module CSV for exports: RFC 4180 quoting (CRLF rows; a field with a comma, quote or line break is quoted, quotes
 * doubled), formula-injection safe (a text cell starting with = + - @ tab or CR gets a leading '), and a stream that
 * pages through a table with keyset pagination so memory stays bounded whatever the table's size.
 */

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. Numbers and booleans are written as they are; text that a spreadsheet would run as a formula is defused.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A page of rows after `cursor` (undefined for the first page), and the cursor of its last row. */
export type PageReader<K> = (cursor: K | undefined) => Promise<{ rows: Cell[][]; next: K | undefined }>;

/**
 * Header, then one page per `pull` (the consumer's pace): at most one page is in memory. The reader must return
 * `next` undefined when there is nothing after its page.
 */
export function csvStream<K>(header: readonly string[], read: PageReader<K>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: K | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRow(header)));
          return;
        }
        const page = await read(cursor);
        if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map(csvRow).join('')));
        if (page.next === undefined || page.rows.length === 0) controller.close();
        else cursor = page.next;
      },
    },
    { highWaterMark: 1 },
  );
}
