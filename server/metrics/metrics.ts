/**
 * @module The Metrics port: one prom-client Registry per app (created by the composition root, never a global),
 * Node's default process metrics, and the two hooks the live path feeds — each second's ticks (samples, invalid
 * messages, tick lag per event) and the recorder's commits (duration, rows, failures).
 */
import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Tick } from '../../shared/tick.ts';
import type { Clock } from '../clock.ts';

/** Seconds: from a few milliseconds (an idle server) to the ten seconds a saturated one was measured at (issue 11). */
export const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Rows per commit: one viewer's row is a few, 10,000 viewers' a few tens of thousands. */
const ROW_BUCKETS = [1, 10, 100, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000];

export type Metrics = {
  /** What `GET /metrics` serves; features register their own collectors on it. */
  registry: Registry;
  /** Monotonic milliseconds for durations (`performance.now` unless a test injects one). */
  stopwatch: Clock;
  /**
   * The tick loop built the ticks labelled `second` (ms; the second that just ended) — in a cluster, this process's
   * partial ticks (server/cluster/) —: counts them and their samples, observes the lag.
   */
  ticked(second: number, ticks: ReadonlyArray<Pick<Tick, 'eventId' | 'phase' | 'ingest'>>): void;
  /** Wraps the recorder's write: each commit's duration, rows (`size`) and failures are recorded. */
  timedWrite<B>(write: (batch: B) => Promise<void>, size: (batch: B) => number): (batch: B) => Promise<void>;
};

export type MetricsOptions = {
  /** Wall clock, as the tick loop labels its seconds. */
  clock: Clock;
  stopwatch?: Clock;
  /** Node's process and event-loop metrics (`process_*`, `nodejs_*`); on unless turned off. */
  processMetrics?: boolean;
  /** Labels on every series, e.g. `{ process: 'worker-2' }` when several processes share one scrape address. */
  defaultLabels?: Record<string, string>;
};

const EVENT_LABELS = ['event', 'phase'] as const;

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const stopwatch = options.stopwatch ?? { now: () => performance.now() };
  const registers = [registry];

  const samples = new Counter({
    name: 'kansoku_samples_total',
    help: 'Viewer stats samples stored in the live state (acked or about to be).',
    labelNames: EVENT_LABELS,
    registers,
  });
  const invalid = new Counter({
    name: 'kansoku_ingest_invalid_total',
    help: 'Viewer messages refused as invalid (schema, plausibility, tickets), as the ticks count them.',
    labelNames: EVENT_LABELS,
    registers,
  });
  const ticks = new Counter({
    name: 'kansoku_ticks_total',
    help: 'Ticks built and sent to dashboards.',
    labelNames: EVENT_LABELS,
    registers,
  });
  const tickLag = new Histogram({
    name: 'kansoku_tick_lag_seconds',
    help: 'From the second boundary a tick is labelled with to its ticks being built and sent.',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const commitSeconds = new Histogram({
    name: 'kansoku_record_commit_seconds',
    help: 'Duration of one group commit of the event record (one transaction).',
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const commitRows = new Histogram({
    name: 'kansoku_record_batch_rows',
    help: 'Rows (sessions, history, ticks, failures) written by one group commit.',
    buckets: ROW_BUCKETS,
    registers,
  });
  const commitFailures = new Counter({
    name: 'kansoku_record_commit_failures_total',
    help: 'Group commits that failed (their rows are kept and retried).',
    registers,
  });

  return {
    registry,
    stopwatch,
    ticked(second, built) {
      tickLag.observe(Math.max(0, options.clock.now() - second) / 1000);
      for (const tick of built) {
        const labels = { event: tick.eventId, phase: tick.phase };
        ticks.inc(labels);
        samples.inc(labels, tick.ingest.samples);
        invalid.inc(labels, tick.ingest.invalid);
      }
    },
    timedWrite: (write, size) => async (batch) => {
      const start = stopwatch.now();
      try {
        await write(batch);
      } catch (error) {
        commitFailures.inc();
        throw error;
      }
      commitSeconds.observe((stopwatch.now() - start) / 1000);
      commitRows.observe(size(batch));
    },
  };
}
