/** The QR path: the grid uqr encodes, one unit square per dark module, inside the quiet zone. */
import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath } from '../../../../../client/src/host/idle/qr-path.ts';

describe('qrPath', () => {
  it('draws exactly the dark modules of the encoding, with a quiet zone', () => {
    const url = 'https://kansoku.example/watch/AbCdEf1234';
    const { size, d } = qrPath(url);
    const grid = encode(url, { ecc: 'M', border: 2 });
    expect(size).toBe(grid.size);
    const squares = [...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(squares.length).toBe(grid.data.flat().filter(Boolean).length);
    for (const [x, y] of squares) expect(grid.data[y as number]?.[x as number]).toBe(true);
    expect(
      squares.every(
        ([x, y]) => (x as number) >= 2 && (y as number) >= 2 && (x as number) < size - 2 && (y as number) < size - 2,
      ),
    ).toBe(true);
  });

  it('grows with the text', () => {
    expect(qrPath(`https://kansoku.example/watch/${'x'.repeat(200)}`).size).toBeGreaterThan(
      qrPath('https://k.example/w/1').size,
    );
  });
});
