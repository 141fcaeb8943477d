/** @module Turns one run's raw measurements into the reported numbers (pure). */
import type { TickArrival } from './host-watch.ts';
import { percentile, probeLatencies } from './latency.ts';
import type { FleetResult } from './load-fleet.ts';
import type { LoadSnapshot } from './protocol.ts';
import type { StoreReport } from './store-check.ts';

type Mark = { at: number; cpu: number; load: LoadSnapshot; bare: { samples: number; messages: number } | null; loadavg: number };

export type RawRun = {
  options: { kind: 'kansoku' | 'bare'; viewers: number };
  extensions: string;
  start: Mark;
  end: Mark;
  rssMax: number;
  hwm: number;
  stopped: FleetResult;
  ticks: readonly TickArrival[];
  store: StoreReport | null;
  baseBytes: number;
};

export type TargetResult = {
  kind: 'kansoku' | 'bare';
  viewers: number;
  windowS: number;
  extensions: string;
  /** Average viewers on the page during the window, and how many of them were watching at its end. */
  present: number;
  watching: number;
  batchesPerViewerMin: number;
  samplesPerS: number;
  serverCpuPct: number;
  cpuUsPerSample: number;
  rssMaxMb: number;
  rssHwmMb: number;
  upBytesPerViewerMin: number;
  downBytesPerViewerMin: number;
  generatorCpuPct: number;
  loadavg: [number, number];
  latency: { n: number; p50: number; p99: number; max: number; unmatched: number; skipped: number; tickDelayP50: number; tickDelayP99: number } | null;
  loss: { sessions: number; polled: number; emitted: number; unackedOnClient: number; stored: number | null; lostOnServer: number | null };
  store: {
    grownBytes: number; viewerHours: number; perViewerHour: number; historyPerViewerHour: number; sessionBytesEach: number; tickBytesEach: number;
    /** Bytes per table, its indexes included. */
    tables: Record<string, number>;
  } | null;
  /** Every tick the bench dashboard received: arrival − t (ms), samples ingested, viewers watching. */
  timeline: Array<[delayMs: number, samples: number, watching: number]>;
};

const tableBytes = (store: StoreReport, prefix: string): number =>
  Object.entries(store.tables).reduce((sum, [name, bytes]) => (name.startsWith(prefix) || name.includes(`_${prefix}`) ? sum + bytes : sum), 0);

/** dbstat names (tables, `sqlite_autoindex_<table>_N`, `<table>_<columns>` indexes) grouped by table. */
function byTable(store: StoreReport): Record<string, number> {
  const names = [...store.tableNames].sort((a, b) => b.length - a.length);
  const out: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(store.tables)) {
    const bare = name.replace(/^sqlite_autoindex_/, '');
    const table = names.find((t) => bare === t || bare.startsWith(`${t}_`)) ?? name;
    out[table] = (out[table] ?? 0) + bytes;
  }
  return out;
}

export function summarize(run: RawRun): TargetResult {
  const { start, end, store } = run;
  const windowS = (end.at - start.at) / 1000;
  const present = (end.load.viewerSeconds - start.load.viewerSeconds) / windowS;
  const perViewerMin = (delta: number): number => delta / present / (windowS / 60);
  const inWindow = run.ticks.filter((t) => t.at > start.at && t.at <= end.at);
  // Bare: the server's own counter. Kansoku: what the ticks say they ingested (one tick per second).
  const samplesPerS = start.bare && end.bare
    ? (end.bare.samples - start.bare.samples) / windowS
    : inWindow.reduce((sum, t) => sum + t.samples, 0) / Math.max(1, inWindow.length);
  const cpuMsDelta = end.cpu - start.cpu;

  let latency: TargetResult['latency'] = null;
  if (run.options.kind === 'kansoku') {
    const l = probeLatencies(run.stopped.probes, run.ticks, start.at, end.at);
    const delays = inWindow.map((t) => t.at - t.t);
    latency = {
      n: l.latencies.length, p50: percentile(l.latencies, 0.5), p99: percentile(l.latencies, 0.99), max: Math.max(...l.latencies),
      unmatched: l.unmatched, skipped: l.skipped, tickDelayP50: percentile(delays, 0.5), tickDelayP99: percentile(delays, 0.99),
    };
  }

  const sessions = run.stopped.sessions;
  let lostOnServer: number | null = null;
  let stored: number | null = null;
  if (store) {
    lostOnServer = 0;
    stored = 0;
    for (const s of sessions) {
      const kept = store.lastSeq.get(s.sessionId) ?? 0;
      stored += Math.min(kept, s.maxEmittedSeq);
      lostOnServer += Math.max(0, s.maxEmittedSeq - kept);
    }
  }
  const final = run.stopped.snapshots.reduce((sum, s) => sum + s.viewerSeconds, 0);
  const viewerHours = final / 3_600;
  const historyBytes = store ? tableBytes(store, 'viewer_history') : 0;
  return {
    kind: run.options.kind,
    viewers: run.options.viewers,
    windowS,
    extensions: run.extensions,
    present,
    watching: end.load.watching,
    batchesPerViewerMin: perViewerMin(end.load.batches - start.load.batches),
    samplesPerS,
    serverCpuPct: (100 * cpuMsDelta) / (windowS * 1000),
    cpuUsPerSample: (cpuMsDelta * 1000) / Math.max(1, samplesPerS * windowS),
    rssMaxMb: run.rssMax,
    rssHwmMb: run.hwm,
    upBytesPerViewerMin: perViewerMin(end.load.bytesWritten - start.load.bytesWritten),
    downBytesPerViewerMin: perViewerMin(end.load.bytesRead - start.load.bytesRead),
    generatorCpuPct: (100 * (end.load.cpuMs - start.load.cpuMs)) / (windowS * 1000),
    loadavg: [start.loadavg, end.loadavg],
    latency,
    loss: {
      sessions: sessions.length,
      polled: sessions.reduce((sum, s) => sum + s.lastSeq, 0),
      emitted: sessions.reduce((sum, s) => sum + s.maxEmittedSeq, 0),
      unackedOnClient: sessions.reduce((sum, s) => sum + s.buffered, 0),
      stored,
      lostOnServer,
    },
    store: store && {
      grownBytes: store.bytes - run.baseBytes,
      viewerHours,
      perViewerHour: (store.bytes - run.baseBytes) / viewerHours,
      historyPerViewerHour: historyBytes / viewerHours,
      sessionBytesEach: tableBytes(store, 'viewer_sessions') / Math.max(1, store.lastSeq.size),
      tickBytesEach: tableBytes(store, 'ticks') / Math.max(1, store.tickRows),
      tables: byTable(store),
    },
    timeline: run.ticks.map((t) => [t.at - t.t, t.samples, t.watching]),
  };
}
