/**
 * @module The recorded stream on disk: one gzipped JSON file per seed and size in tests/artifacts/dashboard-stream/
 * (not committed; generated on the first run, reused by later ones), the typed arrays as base64. A file written by
 * an older layout, or unreadable, is generated again.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ROOT } from '../server-process.ts';
import type { ReplayStream, StreamMetrics } from './stream.ts';
import { generateStream, sessionsFor, streamKey } from './stream-gen.ts';

const LAYOUT = 1;
const ARRAYS = ['kbps', 'loss', 'jb', 'rtt', 'band', 'reason'] as const;

type Packed = Omit<ReplayStream, 'metrics'> & {
  layout: number;
  buckets: number;
  arrays: Record<(typeof ARRAYS)[number], string>;
};

const b64 = (a: Uint16Array | Uint8Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function u16(text: string): Uint16Array {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a fresh buffer: a Buffer's own may be unaligned for 16-bit reads.
  return new Uint16Array(new Uint8Array(bytes).buffer);
}

export function saveStream(dir: string, s: ReplayStream): string {
  mkdirSync(dir, { recursive: true });
  const { metrics, ...rest } = s;
  const arrays = Object.fromEntries(ARRAYS.map((k) => [k, b64(metrics[k])])) as Packed['arrays'];
  const packed: Packed = { ...rest, layout: LAYOUT, buckets: metrics.buckets, arrays };
  const file = join(dir, `${s.key}.json.gz`);
  writeFileSync(file, gzipSync(JSON.stringify(packed), { level: 6 }));
  return file;
}

export function loadStream(dir: string, key: string): ReplayStream | null {
  const file = join(dir, `${key}.json.gz`);
  if (!existsSync(file)) return null;
  try {
    const p = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Packed;
    if (p.layout !== LAYOUT || p.key !== key) return null;
    const { layout: _l, buckets, arrays, ...rest } = p;
    const metrics: StreamMetrics = {
      buckets,
      kbps: u16(arrays.kbps),
      loss: u16(arrays.loss),
      jb: u16(arrays.jb),
      rtt: u16(arrays.rtt),
      band: new Uint8Array(Buffer.from(arrays.band, 'base64')),
      reason: new Uint8Array(Buffer.from(arrays.reason, 'base64')),
    };
    return { ...rest, metrics };
  } catch {
    return null;
  }
}

const STREAM_DIR = join(ROOT, 'tests/artifacts/dashboard-stream');

/** The bench's event for these flags: read from tests/artifacts/dashboard-stream/, or generated and kept there. */
export function benchStream(viewers: number, minutes: number, historyMin: number, seed: number): ReplayStream {
  const sessions = sessionsFor(viewers, { historyMin, minutes, seed });
  const key = streamKey({ sessions, historyMin, minutes, seed });
  const cached = loadStream(STREAM_DIR, key);
  if (cached) return cached;
  const t0 = Date.now();
  const s = generateStream({ sessions, historyMin, minutes, seed });
  const file = saveStream(STREAM_DIR, s);
  console.log(`dashboard: generated ${key} in ${Math.round((Date.now() - t0) / 1000)} s → ${file}`);
  return s;
}
