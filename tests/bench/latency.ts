/**
 * @module Sample → tick latency from probe viewers (pure). A probe labels each sample's `vi.dec` with its seq, and a
 * tick lists the decoder label of each watching viewer's newest ingested sample, so the first tick that shows
 * seq ≥ s proves sample s was counted. Latency of a batch = arrival of that tick at the host − the batch's emit time.
 */
import type { ProbeBatch } from './protocol.ts';
import type { TickArrival } from './host-watch.ts';

export type LatencyResult = {
  /** ms, one per first emission of a batch inside the window. */
  latencies: number[];
  /** Batches with no later tick showing them (probe stopped watching, or the run ended first). */
  unmatched: number;
  /** Batches whose samples were sent again later (reconnect resends), or that a tick already showed before the emit. */
  skipped: number;
};

export function probeLatencies(
  batches: readonly ProbeBatch[],
  ticks: readonly TickArrival[],
  from: number,
  to: number,
): LatencyResult {
  const seen = new Map<string, Array<{ at: number; seq: number }>>();
  for (const tick of [...ticks].sort((a, b) => a.at - b.at)) {
    for (const [probe, seq] of tick.probes) {
      const list = seen.get(probe) ?? [];
      list.push({ at: tick.at, seq });
      seen.set(probe, list);
    }
  }
  const out: LatencyResult = { latencies: [], unmatched: 0, skipped: 0 };
  const sorted = [...batches].sort((a, b) => a.at - b.at);
  // A batch whose samples went out again later (a reconnect resend) measures the blip, not the server: skip it.
  const resent = new Set<ProbeBatch>();
  const lastFirst = new Map<string, number>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const b = sorted[i] as ProbeBatch;
    if ((lastFirst.get(b.probe) ?? Infinity) <= b.lastSeq) resent.add(b);
    lastFirst.set(b.probe, Math.min(lastFirst.get(b.probe) ?? Infinity, b.firstSeq));
  }
  for (const batch of sorted) {
    if (batch.at < from || batch.at >= to) continue;
    const list = seen.get(batch.probe) ?? [];
    if (resent.has(batch) || list.some((x) => x.at <= batch.at && x.seq >= batch.lastSeq)) {
      out.skipped += 1;
      continue;
    }
    const hit = list.find((x) => x.at > batch.at && x.seq >= batch.lastSeq);
    if (hit) out.latencies.push(hit.at - batch.at);
    else out.unmatched += 1;
  }
  return out;
}

/** Nearest-rank percentile of an unsorted list (NaN when empty). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
