/** @module Messages between the benchmark's orchestrator and its load-generator children (Node IPC). */

/** KANSOKU_TICKET_KEY of every bench server: the load children sign their simulated viewers' tickets with it. */
export const BENCH_TICKET_KEY = 'kansoku-bench-viewer-ticket-key-not-secret';

export type StartLoad = {
  type: 'start';
  url: string;
  eventId: string;
  /** Viewers this child keeps on the page. */
  viewers: number;
  seed: number;
  childIndex: number;
  /** The first `probes` viewers of this child label their samples for latency measurement (see latency.ts). */
  probes: number;
  rampMs: number;
  /** Mean time a viewer stays before leaving (and being replaced), ms; 0 for a steady audience (IPC is JSON: no Infinity). */
  meanStayMs: number;
};

export type ParentMessage =
  StartLoad | { type: 'snapshot'; id: number } | { type: 'acked'; id: number } | { type: 'stop' };

/** Cumulative counters of one child at one moment. */
export type LoadSnapshot = {
  at: number;
  /** TCP payload bytes the viewer sockets wrote and read (WebSocket frames, compressed, headers included). */
  bytesWritten: number;
  bytesRead: number;
  present: number;
  watching: number;
  joined: number;
  blips: number;
  /** `viewer:stats` messages emitted so far (resends included). */
  batches: number;
  /** Σ over time of viewers present, in viewer-seconds. */
  viewerSeconds: number;
  /** This process's own CPU time, ms. */
  cpuMs: number;
  /** Viewer sockets connected right now. */
  connected: number;
};

/**
 * What one viewer session produced, for the loss accounting. `ackedSeq`: the highest seq the server said it stored,
 * from any `viewer:stats` ack (`ackSeq`) or `viewer:hello` answer (`lastSeq`) this generator received.
 */
export type SessionTally = {
  sessionId: string;
  lastSeq: number;
  maxEmittedSeq: number;
  buffered: number;
  ackedSeq: number;
};

/** `[sessionId, ackedSeq]` of every session of a child at one moment. */
export type AckedSeqs = Array<[sessionId: string, ackedSeq: number]>;

/** A probe viewer emitted a batch of samples `firstSeq`…`lastSeq` at wall time `at` (ms). */
export type ProbeBatch = { probe: string; at: number; firstSeq: number; lastSeq: number };

export type ChildMessage =
  | { type: 'snapshot'; id: number; snapshot: LoadSnapshot }
  | { type: 'acked'; id: number; acked: AckedSeqs }
  /** `acks`: every ok `viewer:stats` ack as flattened pairs `[emitted at (ms), emit → ack (ms), …]`. */
  | { type: 'stopped'; snapshot: LoadSnapshot; sessions: SessionTally[]; probes: ProbeBatch[]; acks: number[] };

/** Probe label carried in `vi.dec` (≤ 32 characters): `p<child>-<viewer>:<seq>`. */
export const probeLabel = (probe: string, seq: number): string => `${probe}:${seq}`;
export const PROBE_LABEL = /^(p\d+-\d+):(\d+)$/;
