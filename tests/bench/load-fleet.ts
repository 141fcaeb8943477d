/**
 * @module The load generator: simulated viewers spread over child processes (each holds at most `perProcess`
 * sockets, well under the 20,000 file descriptors one process may open), controlled over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { AckedSeqs, ChildMessage, LoadSnapshot, ProbeBatch, SessionTally } from './protocol.ts';
import { ROOT } from './server-process.ts';

export type FleetOptions = {
  url: string;
  eventId: string;
  viewers: number;
  perProcess: number;
  probes: number;
  seed: number;
  rampMs: number;
  meanStayMs: number;
};

/** Scheduling niceness of the load-generator processes. */
export const GENERATOR_NICE = 10;

/** `acks`: every child's ok stats acks, flattened `[emitted at, emit → ack ms, …]` pairs. */
export type FleetResult = { snapshots: LoadSnapshot[]; sessions: SessionTally[]; probes: ProbeBatch[]; acks: number[] };

export type LoadFleet = {
  children: ChildProcess[];
  /** One snapshot per child, taken now. */
  snapshot(): Promise<LoadSnapshot[]>;
  /** The highest seq each session has seen acked so far, over every child. */
  acked(): Promise<AckedSeqs>;
  /** Every viewer drains and leaves; resolves with the children's final tallies (children then exit). */
  stop(timeoutMs?: number): Promise<FleetResult>;
};

/** Sums the children's snapshots (`at` is the latest). */
export function sumSnapshots(list: readonly LoadSnapshot[]): LoadSnapshot {
  const total: LoadSnapshot = {
    at: 0,
    bytesWritten: 0,
    bytesRead: 0,
    present: 0,
    watching: 0,
    joined: 0,
    blips: 0,
    batches: 0,
    viewerSeconds: 0,
    cpuMs: 0,
    connected: 0,
  };
  for (const s of list) {
    for (const key of Object.keys(total) as Array<keyof LoadSnapshot>)
      total[key] = key === 'at' ? Math.max(total.at, s.at) : total[key] + s[key];
  }
  return total;
}

const reply = <T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
  match: (m: ChildMessage) => boolean = () => true,
) =>
  new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`load child ${child.pid} sent no ${type} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: ChildMessage): void => {
      if (m.type !== type || !match(m)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    child.on('message', onMessage);
  });

export function startFleet(options: FleetOptions): LoadFleet {
  const count = Math.max(2, Math.ceil(options.viewers / options.perProcess));
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const viewers = Math.floor(options.viewers / count) + (i < options.viewers % count ? 1 : 0);
    const child = fork(join(ROOT, 'tests/bench/load-child.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // The generator stands in for thousands of browsers on other machines: on a shared 2-core box it yields the CPU
    // to the server under test (if it falls behind, the table shows fewer samples/s than viewers).
    setPriority(child.pid as number, GENERATOR_NICE);
    child.send({
      type: 'start',
      url: options.url,
      eventId: options.eventId,
      viewers,
      seed: options.seed * 1_000 + i,
      childIndex: i,
      probes: Math.ceil(options.probes / count),
      rampMs: options.rampMs,
      meanStayMs: options.meanStayMs,
    });
    children.push(child);
  }
  let requestId = 0;
  let stopped: ReturnType<typeof stopAll> | null = null;
  const stopAll = async (timeoutMs: number) => {
    const replies = children.map((c) => reply(c, 'stopped', timeoutMs));
    for (const c of children) c.send({ type: 'stop' });
    const done = await Promise.all(replies);
    return {
      snapshots: done.map((m) => m.snapshot),
      sessions: done.flatMap((m) => m.sessions),
      probes: done.flatMap((m) => m.probes),
      acks: done.flatMap((m) => m.acks),
    };
  };
  return {
    children,
    async snapshot() {
      const id = ++requestId;
      // Generators run at nice 10: on a machine busy with other work they may answer late, not never.
      const replies = children.map((c) => reply(c, 'snapshot', 30_000, (m) => m.type === 'snapshot' && m.id === id));
      for (const c of children) c.send({ type: 'snapshot', id });
      return (await Promise.all(replies)).map((m) => m.snapshot);
    },
    async acked() {
      const id = ++requestId;
      const replies = children.map((c) => reply(c, 'acked', 30_000, (m) => m.type === 'acked' && m.id === id));
      for (const c of children) c.send({ type: 'acked', id });
      return (await Promise.all(replies)).flatMap((m) => m.acked);
    },
    /** Stops every generator once; a second call gets the first call's result. */
    stop(timeoutMs = 60_000) {
      stopped ??= stopAll(timeoutMs);
      return stopped;
    },
  };
}
