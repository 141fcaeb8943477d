/** @module SampleBuffer: capacity, drop-oldest, ack and chunking. */
import { describe, expect, it } from 'vitest';
import { SampleBuffer } from '../../../../client/src/collector/sample-buffer.ts';
import { MAX_SAMPLES_PER_BATCH, SAMPLE_BUFFER_CAPACITY } from '../../../../shared/limits.ts';
import type { StatsSample } from '../../../../shared/stats-sample.ts';

const sample = (seq: number): StatsSample => ({ seq, t: 1_000 * seq });
const seqs = (samples: StatsSample[]): number[] => samples.map((s) => s.seq);
const filled = (buffer: SampleBuffer, from: number, to: number): SampleBuffer => {
  for (let seq = from; seq <= to; seq++) buffer.push(sample(seq));
  return buffer;
};

describe('SampleBuffer', () => {
  it('defaults to the shared capacity', () => {
    expect(new SampleBuffer().capacity).toBe(SAMPLE_BUFFER_CAPACITY);
  });

  it('drops the oldest sample when full and counts each drop', () => {
    const buffer = filled(new SampleBuffer(3), 1, 5);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(2);
    expect(seqs(buffer.pending(10))).toEqual([3, 4, 5]);
  });

  it('keeps exactly the newest SAMPLE_BUFFER_CAPACITY samples of a 1000-sample outage', () => {
    const buffer = filled(new SampleBuffer(), 1, 1000);
    expect(buffer.size).toBe(SAMPLE_BUFFER_CAPACITY);
    expect(buffer.dropped).toBe(1000 - SAMPLE_BUFFER_CAPACITY);
    expect(buffer.pending(1)[0]?.seq).toBe(1000 - SAMPLE_BUFFER_CAPACITY + 1);
  });

  it('ack removes every sample up to and including the seq, and says how many', () => {
    const buffer = filled(new SampleBuffer(10), 1, 6);
    expect(buffer.ack(4)).toBe(4);
    expect(seqs(buffer.pending())).toEqual([5, 6]);
    expect(buffer.ack(4)).toBe(0);
    expect(buffer.ack(100)).toBe(2);
    expect(buffer.size).toBe(0);
  });

  it('an ack below the oldest buffered seq (already dropped) removes nothing', () => {
    const buffer = filled(new SampleBuffer(2), 1, 4);
    expect(buffer.ack(2)).toBe(0);
    expect(seqs(buffer.pending())).toEqual([3, 4]);
  });

  it('pending returns the oldest chunk in seq order without removing it, capped at MAX_SAMPLES_PER_BATCH', () => {
    const buffer = filled(new SampleBuffer(), 1, 150);
    expect(seqs(buffer.pending(3))).toEqual([1, 2, 3]);
    expect(buffer.pending(1_000)).toHaveLength(MAX_SAMPLES_PER_BATCH);
    expect(buffer.pending()).toHaveLength(MAX_SAMPLES_PER_BATCH);
    expect(buffer.size).toBe(150);
    expect(buffer.pending(0)).toEqual([]);
  });

  it('refuses a sample whose seq is not above the newest one', () => {
    const buffer = filled(new SampleBuffer(10), 1, 3);
    expect(buffer.push(sample(3))).toBe(false);
    expect(buffer.push(sample(2))).toBe(false);
    expect(buffer.push(sample(4))).toBe(true);
    expect(seqs(buffer.pending())).toEqual([1, 2, 3, 4]);
  });

  it('rejects a capacity below one', () => {
    expect(() => new SampleBuffer(0)).toThrow(RangeError);
  });
});
