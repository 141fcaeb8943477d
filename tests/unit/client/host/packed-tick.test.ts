/** Packed ticks: every field reads back as it came, across shared arrays, and what cannot be packed stays as it is. */
import { describe, expect, it } from 'vitest';
import { countOf, distValue, PackedTick } from '../../../../client/src/host/packed-tick.ts';
import { TickPacker } from '../../../../client/src/host/tick-packer.ts';
import type { Tick } from '../../../../shared/tick.ts';
import { makeTick, tickViewers } from '../../../helpers/tick-factory.ts';

/** A tick with every kind of value: fractions, nulls, a partial record, a viewer count unknown and one known. */
const full = (t: number, i = 0): Tick =>
  makeTick(t, {
    viewers: tickViewers({ watching: 9_875 + i, joining: 3, total: 9_900, peak: 11_186, sfu: 10_012, sfuGap: null }),
    codecs: { AV1: 9_875 },
    decoders: { libdav1d: 9_000, 'ExternalDecoder (MediaFoundationVideoDecoder)': 875 },
    bitrateKbps: { p10: 588.25, p50: 1_540.5 + i, p90: 2_470.125, n: 9_875 },
    lossPct: { p10: 0, p50: 0.07, p90: 0.39, n: 9_870 },
    ttffMs: { p10: 900, p50: 1_800, p90: 3_600, n: 14_000 },
    reasons: { loss: 456, freeze: 348 },
    failures: { 'join-timeout': 12, dropped: 400 },
    endings: { left: 4_281, shutdown: 0, lost: 400, 'phase-end': 0 },
    ingest: { samples: 9_900, invalid: 2 },
  });

describe('packed ticks', () => {
  it('reads back every field of the tick it was packed from', () => {
    const tick = full(1_000);
    const packed = new TickPacker().pack(tick);
    expect(packed).toBeInstanceOf(PackedTick);
    for (const key of Object.keys(tick) as Array<keyof Tick>) expect(packed[key], key).toEqual(tick[key]);
    expect(JSON.parse(JSON.stringify(packed))).toEqual(tick);
    expect(packed.reasons).not.toHaveProperty('stall');
    expect(packed.viewers.sfuGap).toBeNull();
  });

  it('keeps each tick its own values across many shared arrays', () => {
    const packer = new TickPacker();
    const ticks = Array.from({ length: 200 }, (_, i) => full(1_000 * (i + 1), i));
    const packed = ticks.map((tick) => packer.pack(tick));
    packed.forEach((p, i) => expect(JSON.parse(JSON.stringify(p))).toEqual(ticks[i]));
  });

  it("shares the previous tick's breakdowns while they are equal, and only then", () => {
    const packer = new TickPacker();
    const a = packer.pack(full(1_000));
    const b = packer.pack({ ...full(2_000), codecs: { AV1: 9_875 }, os: { macOS: 3 } });
    expect(b.codecs).toBe(a.codecs);
    expect(b.decoders).toBe(a.decoders);
    expect(b.os).not.toBe(a.os);
    expect(b.os).toEqual({ macOS: 3 });
  });

  it('leaves a tick with a field or key it has no column for, and a packed tick, as they are', () => {
    const packer = new TickPacker();
    const extraField = { ...full(1_000), extra: 1 } as Tick;
    const extraKey = { ...full(2_000), failures: { 'new-category': 1 } } as unknown as Tick;
    const oddDist = { ...full(3_000), fps: { p10: 1, p50: 2, p90: 3, n: 4, mean: 2 } } as Tick;
    for (const tick of [extraField, extraKey, oddDist]) expect(packer.pack(tick)).toBe(tick);
    const packed = packer.pack(full(4_000));
    expect(packer.pack(packed)).toBe(packed);
  });

  it('reads one number of a distribution or a record the same from a packed tick and a plain one', () => {
    const plain = full(1_000);
    const packed = new TickPacker().pack(plain);
    for (const tick of [plain, packed]) {
      expect(distValue(tick, 'bitrateKbps', 'p90')).toBe(2_470.125);
      expect(distValue(tick, 'fps', 'p50')).toBeNull();
      expect(countOf(tick, 'viewers', 'watching')).toBe(9_875);
      expect(countOf(tick, 'viewers', 'sfuGap')).toBeNull();
      expect(countOf(tick, 'failures', 'dropped')).toBe(400);
      expect(countOf(tick, 'failures', 'no-media')).toBeNull();
    }
  });
});
