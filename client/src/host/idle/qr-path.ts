/**
 * @module A link as a QR code for the host to show on screen (viewers scan it from a slide or a phone): the modules
 * of `uqr`'s encoding as one SVG path, one unit per module, with the quiet zone around it (pure; no HTML injected).
 */
import { encode } from 'uqr';

export type QrPath = { size: number; d: string };

/** Medium error correction: still reads from a photo of a projected slide. */
export function qrPath(text: string): QrPath {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size, d };
}
