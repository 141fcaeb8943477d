/** @module Browser strings never become object keys (issue 10): `constructor`, `__proto__` and friends count like any label. */
import { describe, expect, it } from 'vitest';
import { connectViewer, createMonitor, ingestSamples } from '../../../../server/live/event-monitor.ts';
import { Tally } from '../../../../server/live/tally.ts';
import { buildTick } from '../../../../server/live/tick-builder.ts';
import { SoraLedger } from '../../../../server/sora/sora-ledger.ts';
import { videoCodecName } from '../../../../shared/codec-name.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';
import { parseUserAgent } from '../../../../shared/user-agent.ts';

const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const T0 = 1_800_000_000_000;

const sample = (seq: number, label: string): StatsSample => ({
  seq,
  t: T0 + seq * 1000,
  st: 'connected',
  vi: {
    ss: 7,
    c: label,
    dec: label,
    by: 125_000 * seq,
    pr: 100 * seq,
    pl: 0,
    fd: 30 * seq,
    w: 1280,
    h: 720,
    jbd: 0.6 * seq,
    jbe: 30 * seq,
  },
});

describe('Tally', () => {
  it('counts prototype names as plain keys and hands out a record without a prototype', () => {
    const tally = new Tally();
    for (const key of HOSTILE) tally.add(key);
    tally.add('constructor');
    const record = tally.toRecord();
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record).sort()).toEqual([...HOSTILE].sort());
    expect(record.constructor).toBe(2);
    expect(JSON.parse(JSON.stringify(record))).toMatchObject({ constructor: 2, __proto__: 1, toString: 1 });
  });

  it('keeps the biggest keys and folds the rest into other', () => {
    const tally = new Tally();
    for (let i = 0; i < 100; i++) tally.add(`k${i}`, i + 1);
    const record = tally.toRecord(5);
    expect(Object.keys(record)).toEqual(['k99', 'k98', 'k97', 'k96', 'other']);
    expect(Object.values(record).reduce((a, b) => a + b, 0)).toBe((100 * 101) / 2);
  });
});

describe('codec names', () => {
  it('fold a browser string into the known set plus other', () => {
    expect(['AV1', 'vp9', 'video/VP8', 'H.264', 'hevc'].map(videoCodecName)).toEqual([
      'AV1',
      'VP9',
      'VP8',
      'H264',
      'H265',
    ]);
    expect(HOSTILE.map(videoCodecName)).toEqual(HOSTILE.map(() => 'other'));
  });
});

describe('a tick with hostile labels', () => {
  it('counts every viewer once, with numbers only (before: "function Object() { [native code] }1")', () => {
    const m = createMonitor('ev', 'live', T0);
    HOSTILE.forEach((label, i) => {
      const s = connectViewer(m, `viewer-${i}`, parseUserAgent(`${label}/1.0 (${label}) ${label}/2`), T0);
      ingestSamples(
        m,
        s,
        [1, 2, 3, 4].map((seq) => sample(seq, label)),
        T0 + 4500,
      );
    });
    const tick = buildTick(m, T0 + 4500);
    expect(tick.viewers.watching).toBe(HOSTILE.length);
    for (const counts of [tick.codecs, tick.decoders, tick.browsers, tick.os, tick.resolutions]) {
      const wire = JSON.parse(JSON.stringify(counts)) as Record<string, unknown>;
      expect(Object.values(wire).every((n) => typeof n === 'number')).toBe(true);
      expect(Object.values(wire).reduce((a: number, n) => a + (n as number), 0)).toBe(HOSTILE.length);
    }
    expect(JSON.parse(JSON.stringify(tick.codecs))).toEqual({ other: HOSTILE.length });
    expect(Object.keys(JSON.parse(JSON.stringify(tick.decoders))).sort()).toEqual([...HOSTILE].sort());
  });

  it('Sora webhook reasons count the same way', () => {
    const ledger = new SoraLedger();
    for (const reason of HOSTILE) {
      ledger.recordConnection('ev', 'live', {
        kind: 'connection.destroyed',
        channelId: 'ch',
        t: 1,
        recvonly: 0,
        viewer: true,
        reason,
        message: null,
      });
      ledger.recordAuth('ev', 'live', false, reason);
    }
    const summary = JSON.parse(JSON.stringify(ledger.summary('ev', 'live', null))) as {
      destroyedReasons: Record<string, number>;
      auth: { deniedReasons: Record<string, number> };
    };
    expect(summary.destroyedReasons).toEqual(Object.fromEntries(HOSTILE.map((r) => [r, 1])));
    expect(summary.auth.deniedReasons).toEqual(Object.fromEntries(HOSTILE.map((r) => [r, 1])));
  });
});
