/** @module Turns one run's raw measurements into the reported numbers (pure). */
import type { TickArrival } from './host-watch.ts';
import { percentile, probeLatencies } from './latency.ts';
import type { FleetResult } from './load-fleet.ts';
import type { LoadSnapshot } from './protocol.ts';
import { ackedThenLost, type AckedLoss, type StoreReport } from './store-check.ts';

export type Mark = {
  at: number;
  cpu: number;
  load: LoadSnapshot;
  bare: { samples: number; messages: number } | null;
  loadavg: number;
};

/** The SIGKILL in the window: marks taken just before the kill and just after the restart listened. */
export type RawCrash = {
  kill: Mark;
  restart: Mark;
  downMs: number;
  reconnectedAt: number | null;
  atKill: AckedLoss;
  readError: string | null;
  rssMax: number;
  hwm: number;
};

export type RawRun = {
  options: { kind: 'kansoku' | 'bare'; viewers: number };
  extensions: string;
  start: Mark;
  end: Mark;
  /** RSS of the first server process (until the kill, when there is one). */
  rssMax: number;
  hwm: number;
  stopped: FleetResult;
  ticks: readonly TickArrival[];
  store: StoreReport | null;
  baseBytes: number;
  crash: RawCrash | null;
};

type Percentiles = { n: number; p50: number; p99: number; max: number };

/** The numbers measured over one stretch of time: the steady window, or the stretch after a restart. */
export type Segment = {
  windowS: number;
  /** Average viewers on the page during the stretch, and how many of them were watching at its end. */
  present: number;
  watching: number;
  batchesPerViewerMin: number;
  samplesPerS: number;
  serverCpuPct: number;
  cpuUsPerSample: number;
  upBytesPerViewerMin: number;
  downBytesPerViewerMin: number;
  generatorCpuPct: number;
  loadavg: [number, number];
  latency: (Percentiles & { unmatched: number; skipped: number; tickDelayP50: number; tickDelayP99: number }) | null;
  /** Kansoku: ticks that reached the bench dashboard in the stretch, and the longest wait between two of them (ms). */
  ticks: { received: number; gapMaxMs: number | null } | null;
  /** `viewer:stats` emit → ok ack at the generator (ms), for batches emitted in the stretch. */
  ackLatency: Percentiles | null;
};

export type TargetResult = Segment & {
  kind: 'kansoku' | 'bare';
  viewers: number;
  extensions: string;
  rssMaxMb: number;
  rssHwmMb: number;
  loss: {
    sessions: number;
    polled: number;
    emitted: number;
    unackedOnClient: number;
    stored: number | null;
    lostOnServer: number | null;
    /** Highest seq each session saw acked (the whole run) vs stored after the clean stop. */
    ackedLost: AckedLoss | null;
  };
  store: {
    grownBytes: number;
    viewerHours: number;
    perViewerHour: number;
    historyPerViewerHour: number;
    sessionBytesEach: number;
    tickBytesEach: number;
    /** Bytes per table, its indexes included. */
    tables: Record<string, number>;
  } | null;
  /** The SIGKILL and restart; the top-level window numbers then cover only the time before the kill. */
  crash: {
    atS: number;
    /** Kill → the restarted server listening; listening → 99 % of the sockets connected before the kill connected again. */
    downMs: number;
    reconnectMs: number | null;
    atKill: AckedLoss;
    readError: string | null;
    /** From the restart to the end of the window: reconnects, hellos and resends included. */
    after: Segment & { rssMaxMb: number; rssHwmMb: number };
  } | null;
  /** Every tick the bench dashboard received: arrival − t (ms), samples ingested, viewers watching. */
  timeline: Array<[delayMs: number, samples: number, watching: number]>;
};

const tableBytes = (store: StoreReport, prefix: string): number =>
  Object.entries(store.tables).reduce(
    (sum, [name, bytes]) => (name.startsWith(prefix) || name.includes(`_${prefix}`) ? sum + bytes : sum),
    0,
  );

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

const percentiles = (values: number[]): Percentiles => ({
  n: values.length,
  p50: percentile(values, 0.5),
  p99: percentile(values, 0.99),
  max: Math.max(...values),
});

/** Before a kill, batches this close to it are left out of the latencies: the slow ones would wait for the restart. */
const KILL_MARGIN_MS = 3_000;

/** `killed`: the stretch ends with the SIGKILL, so only ticks and acks that arrived before it can count. */
function segment(run: RawRun, start: Mark, end: Mark, killed = false): Segment {
  const windowS = (end.at - start.at) / 1000;
  const present = (end.load.viewerSeconds - start.load.viewerSeconds) / windowS;
  const perViewerMin = (delta: number): number => delta / present / (windowS / 60);
  const inWindow = run.ticks.filter((t) => t.at > start.at && t.at <= end.at);
  // Bare: the server's own counter. Kansoku: what the ticks say they ingested (one tick per second).
  const samplesPerS =
    start.bare && end.bare
      ? (end.bare.samples - start.bare.samples) / windowS
      : inWindow.reduce((sum, t) => sum + t.samples, 0) / Math.max(1, inWindow.length);
  const cpuMsDelta = end.cpu - start.cpu;

  let latency: Segment['latency'] = null;
  let ticks: Segment['ticks'] = null;
  if (run.options.kind === 'kansoku') {
    const arrivals = inWindow.map((t) => t.at).sort((a, b) => a - b);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
    ticks = { received: arrivals.length, gapMaxMs: gaps.length > 0 ? Math.max(...gaps) : null };
    const l = killed
      ? probeLatencies(
          run.stopped.probes,
          run.ticks.filter((t) => t.at < end.at),
          start.at,
          end.at - KILL_MARGIN_MS,
        )
      : probeLatencies(run.stopped.probes, run.ticks, start.at, end.at);
    const delays = inWindow.map((t) => t.at - t.t);
    latency = {
      ...percentiles(l.latencies),
      unmatched: l.unmatched,
      skipped: l.skipped,
      tickDelayP50: percentile(delays, 0.5),
      tickDelayP99: percentile(delays, 0.99),
    };
  }
  const acks: number[] = [];
  const flat = run.stopped.acks;
  const acksTo = killed ? end.at - KILL_MARGIN_MS : end.at;
  for (let i = 0; i + 1 < flat.length; i += 2)
    if ((flat[i] as number) >= start.at && (flat[i] as number) < acksTo) acks.push(flat[i + 1] as number);
  return {
    windowS,
    present,
    watching: end.load.watching,
    batchesPerViewerMin: perViewerMin(end.load.batches - start.load.batches),
    samplesPerS,
    serverCpuPct: (100 * cpuMsDelta) / (windowS * 1000),
    cpuUsPerSample: (cpuMsDelta * 1000) / Math.max(1, samplesPerS * windowS),
    upBytesPerViewerMin: perViewerMin(end.load.bytesWritten - start.load.bytesWritten),
    downBytesPerViewerMin: perViewerMin(end.load.bytesRead - start.load.bytesRead),
    generatorCpuPct: (100 * (end.load.cpuMs - start.load.cpuMs)) / (windowS * 1000),
    loadavg: [start.loadavg, end.loadavg],
    latency,
    ticks,
    ackLatency: acks.length > 0 ? percentiles(acks) : null,
  };
}

export function summarize(run: RawRun): TargetResult {
  const { store, crash } = run;
  const sessions = run.stopped.sessions;
  let lostOnServer: number | null = null;
  let stored: number | null = null;
  let ackedLost: AckedLoss | null = null;
  if (store) {
    lostOnServer = 0;
    stored = 0;
    ackedLost = ackedThenLost(
      sessions.map((s) => [s.sessionId, s.ackedSeq] as const),
      store.lastSeq,
    );
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
    extensions: run.extensions,
    // With a crash, the steady numbers stop at the kill: the restart's gap and catch-up are reported apart.
    ...segment(run, run.start, crash ? crash.kill : run.end, crash !== null),
    rssMaxMb: run.rssMax,
    rssHwmMb: run.hwm,
    loss: {
      sessions: sessions.length,
      polled: sessions.reduce((sum, s) => sum + s.lastSeq, 0),
      emitted: sessions.reduce((sum, s) => sum + s.maxEmittedSeq, 0),
      unackedOnClient: sessions.reduce((sum, s) => sum + s.buffered, 0),
      stored,
      lostOnServer,
      ackedLost,
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
    crash: crash && {
      atS: (crash.kill.at - run.start.at) / 1000,
      downMs: crash.downMs,
      reconnectMs: crash.reconnectedAt === null ? null : crash.reconnectedAt - crash.restart.at,
      atKill: crash.atKill,
      readError: crash.readError,
      after: { ...segment(run, crash.restart, run.end), rssMaxMb: crash.rssMax, rssHwmMb: crash.hwm },
    },
    timeline: run.ticks.map((t) => [t.at - t.t, t.samples, t.watching]),
  };
}
