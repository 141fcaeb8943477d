import { expect, it } from 'vitest';
import { csvCell, csvRow, csvStream, type Cell } from '../../../../server/report/csv.ts';

it('quotes per RFC 4180 and defuses formulas in text, not in numbers', () => {
  expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', null, 3.5, -2, true])).toBe(
    'plain,"a,b","say ""hi""","two\nlines",,3.5,-2,true\r\n',
  );
  expect(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx'].map(csvCell)).toEqual([
    "'=1+1",
    "'+SUM(A1)",
    "'-2",
    "'@cmd",
    "'\tx",
  ]);
  expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  expect(csvCell(Number.NaN)).toBe('');
});

it('streams the header, then one page per pull until the reader has no next page', async () => {
  const pages: Cell[][][] = [[[1], [2]], [[3]]];
  const reads: Array<number | undefined> = [];
  const stream = csvStream<number>(['n'], async (cursor) => {
    reads.push(cursor);
    const index = cursor === undefined ? 0 : cursor;
    return { rows: pages[index] ?? [], next: index + 1 < pages.length ? index + 1 : undefined };
  });
  expect(await new Response(stream).text()).toBe('n\r\n1\r\n2\r\n3\r\n');
  expect(reads).toEqual([undefined, 1]);
});
