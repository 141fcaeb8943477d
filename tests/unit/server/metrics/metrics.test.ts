import { describe, expect, it } from 'vitest';
import type { Tick } from '../../../../shared/tick.ts';
import { createMetrics } from '../../../../server/metrics/metrics.ts';

const T0 = 1_800_000_000_000;

/** The parts of a tick the metrics read. */
const tick = (eventId: string, samples: number, invalid: number): Tick =>
  ({ eventId, phase: 'live', t: T0, ingest: { samples, invalid } }) as unknown as Tick;

async function values(metrics: ReturnType<typeof createMetrics>, name: string) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []) as Array<{
    value: number;
    labels: Record<string, string | number>;
    metricName?: string;
  }>;
}

describe('createMetrics', () => {
  it('adds up samples and invalid messages per event from the ticks and observes the tick lag', async () => {
    let now = T0 + 40;
    const metrics = createMetrics({ clock: { now: () => now }, processMetrics: false });
    metrics.ticked(T0, [tick('ev-a', 10, 1), tick('ev-b', 3, 0)]);
    now = T0 + 1_250;
    metrics.ticked(T0 + 1_000, [tick('ev-a', 5, 2)]);

    expect(await values(metrics, 'kansoku_samples_total')).toEqual([
      { value: 15, labels: { event: 'ev-a', phase: 'live' } },
      { value: 3, labels: { event: 'ev-b', phase: 'live' } },
    ]);
    expect((await values(metrics, 'kansoku_ingest_invalid_total')).map((v) => v.value)).toEqual([3, 0]);
    expect((await values(metrics, 'kansoku_ticks_total')).map((v) => v.value)).toEqual([2, 1]);
    const lag = await values(metrics, 'kansoku_tick_lag_seconds');
    expect(lag.find((v) => v.metricName === 'kansoku_tick_lag_seconds_count')?.value).toBe(2);
    expect(lag.find((v) => v.metricName === 'kansoku_tick_lag_seconds_sum')?.value).toBeCloseTo(0.29);
  });

  it('times commits, counts their rows, and counts a failed commit without hiding its error', async () => {
    let ms = 0;
    const metrics = createMetrics({ clock: { now: () => T0 }, stopwatch: { now: () => ms }, processMetrics: false });
    const write = metrics.timedWrite(
      async (rows: number[]) => {
        ms += 30;
        if (rows.length === 0) throw new Error('disk full');
      },
      (rows) => rows.length,
    );
    await write([1, 2, 3]);
    await expect(write([])).rejects.toThrow('disk full');

    const seconds = await values(metrics, 'kansoku_record_commit_seconds');
    expect(seconds.find((v) => v.metricName === 'kansoku_record_commit_seconds_count')?.value).toBe(1);
    expect(seconds.find((v) => v.metricName === 'kansoku_record_commit_seconds_sum')?.value).toBeCloseTo(0.03);
    expect(
      (await values(metrics, 'kansoku_record_batch_rows')).find((v) => v.metricName === 'kansoku_record_batch_rows_sum')
        ?.value,
    ).toBe(3);
    expect((await values(metrics, 'kansoku_record_commit_failures_total'))[0]?.value).toBe(1);
  });

  it('keeps each app its own registry, with the process metrics when asked', async () => {
    const a = createMetrics({ clock: { now: () => T0 } });
    const b = createMetrics({
      clock: { now: () => T0 },
      processMetrics: false,
      defaultLabels: { process: 'worker-2' },
    });
    a.ticked(T0, [tick('ev-a', 1, 0)]);
    b.ticked(T0, [tick('ev-a', 1, 0)]);
    const text = await a.registry.metrics();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('kansoku_samples_total{event="ev-a",phase="live"} 1');
    const other = await b.registry.metrics();
    expect(other).not.toContain('nodejs_eventloop_lag_seconds');
    expect(other).toContain('kansoku_samples_total{event="ev-a",phase="live",process="worker-2"} 1');
  });
});
