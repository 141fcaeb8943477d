/**
 * @module A load-generator process of the benchmark: one simulated crowd (real socket.io viewers), its wire bytes,
 * its acks and its per-session tallies, driven by the orchestrator over IPC (tests/bench/protocol.ts).
 */
import { ticketKeyFrom } from '../../server/admission/ticket-key.ts';
import { createTicketSigner, ticketMinter } from '../../server/admission/ticket-signer.ts';
import { VIEWER_TICKET_TTL_MS } from '../../shared/limits.ts';
import { systemTimers } from '../../server/clock.ts';
import { createCrowd, type Crowd } from '../../server/simulator/crowd.ts';
import { viewerSocketFactory } from '../../server/simulator/viewer-socket.ts';
import type { StatsSample } from '../../shared/stats-sample.ts';
import { createAckTap, type AckTap } from './ack-tap.ts';
import {
  BENCH_TICKET_KEY,
  PROBE_LABEL,
  probeLabel,
  type ChildMessage,
  type LoadSnapshot,
  type ParentMessage,
  type ProbeBatch,
  type StartLoad,
} from './protocol.ts';
import { createWireMeter } from './wire-meter.ts';

const meter = createWireMeter();
const probeBatches: ProbeBatch[] = [];
let crowd: Crowd | null = null;
let tap: AckTap | null = null;
let viewerSeconds = 0;

const send = (message: ChildMessage): void => void process.send?.(message);

function snapshot(): LoadSnapshot {
  const wire = meter.totals();
  const counts = crowd?.counts();
  const cpu = process.cpuUsage();
  return {
    at: Date.now(),
    bytesWritten: wire.written,
    bytesRead: wire.read,
    present: counts?.present ?? 0,
    watching: counts?.watching ?? 0,
    joined: counts?.joined ?? 0,
    blips: counts?.blips ?? 0,
    batches: (crowd?.all() ?? []).reduce((sum, viewer) => sum + viewer.stats().batches, 0),
    viewerSeconds,
    cpuMs: (cpu.user + cpu.system) / 1000,
    connected: tap?.connected() ?? 0,
  };
}

/**
 * Probe viewers put `p<child>-<index>:<seq>` in `vi.dec`; the host sees it in the tick's decoder counts, which only
 * list watching viewers. So a probe labels a sample only while it is steadily watching (connected, same SSRC for
 * three samples, so the server can derive its bitrate); joins, outages and renegotiations would measure the viewer.
 */
function probeDecorator(probe: string): (sample: StatsSample) => StatsSample {
  let ssrc = -1;
  let steady = 0;
  return (sample) => {
    const vi = sample.vi;
    steady = vi && sample.st === 'connected' && vi.ss === ssrc && (vi.lp ?? 0) < 1_000 ? steady + 1 : 0;
    ssrc = vi?.ss ?? -1;
    return vi && steady >= 3 ? { ...sample, vi: { ...vi, dec: probeLabel(probe, sample.seq), pe: false } } : sample;
  };
}

/**
 * Which viewers are probes: one per `viewers / probes` block, at a golden-ratio offset inside the block, so that their
 * join times (and with them their send phases within the second) spread evenly instead of falling on one phase.
 */
function probeIndices(viewers: number, probes: number): Set<number> {
  const block = viewers / Math.max(1, probes);
  return new Set(
    Array.from({ length: Math.min(probes, viewers) }, (_, k) => Math.floor((k + ((k * 0.618_034) % 1)) * block)),
  );
}

const sign = ticketMinter(createTicketSigner(ticketKeyFrom(BENCH_TICKET_KEY)), () => Date.now(), VIEWER_TICKET_TTL_MS);

function start(msg: StartLoad): void {
  const probes = probeIndices(msg.viewers, msg.probes);
  tap = createAckTap(viewerSocketFactory(msg.url));
  crowd = createCrowd({
    eventId: msg.eventId,
    size: msg.viewers,
    seed: msg.seed,
    openSocket: tap.openSocket,
    sign,
    timers: systemTimers,
    now: () => Date.now(),
    rampMs: msg.rampMs,
    // Blips and drops exercise reconnects and resends. Churn (leave and be replaced) only when asked for: every
    // replaced viewer stays in the server's count for the reconnect grace, which changes the cadence it asks for.
    meanStayMs: msg.meanStayMs > 0 ? msg.meanStayMs : Infinity,
    blipsPerHour: 2,
    dropsPerHour: 1,
    drainOnLeave: true,
    giveUp: msg.meanStayMs > 0 ? 'leave' : 'stay',
    idPrefix: `b${msg.childIndex}-`,
    decorate: (index) => (probes.has(index) ? probeDecorator(`p${msg.childIndex}-${index}`) : undefined),
    onBatch: (_sessionId, batch) => {
      const label = PROBE_LABEL.exec(batch.samples.at(-1)?.vi?.dec ?? '');
      if (label)
        probeBatches.push({
          probe: label[1] as string,
          at: batch.at,
          firstSeq: batch.samples[0]?.seq ?? 0,
          lastSeq: Number(label[2]),
        });
    },
  });
  crowd.start();
  let countedAt = Date.now();
  setInterval(() => {
    const now = Date.now();
    viewerSeconds += ((crowd?.counts().present ?? 0) * (now - countedAt)) / 1000;
    countedAt = now;
  }, 1_000).unref();
}

async function stop(): Promise<void> {
  await crowd?.stop(true);
  const sessions = (crowd?.all() ?? []).map((viewer) => {
    const s = viewer.stats();
    return {
      sessionId: viewer.sessionId,
      lastSeq: s.lastSeq,
      maxEmittedSeq: s.maxEmittedSeq,
      buffered: s.buffered,
      ackedSeq: tap?.ackedSeq(viewer.sessionId) ?? 0,
    };
  });
  const done: ChildMessage = {
    type: 'stopped',
    snapshot: snapshot(),
    sessions,
    probes: probeBatches,
    acks: tap?.latencies() ?? [],
  };
  process.send?.(done, undefined, {}, () => process.exit(0));
}

process.on('message', (msg: ParentMessage) => {
  if (msg.type === 'start') start(msg);
  else if (msg.type === 'snapshot') send({ type: 'snapshot', id: msg.id, snapshot: snapshot() });
  else if (msg.type === 'acked') send({ type: 'acked', id: msg.id, acked: tap?.acked() ?? [] });
  else if (msg.type === 'stop') void stop();
});
// The orchestrator went away: do not linger.
process.on('disconnect', () => setTimeout(() => process.exit(0), 1_000).unref());
