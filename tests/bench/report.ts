/** @module The benchmark's table: targets, the bare baseline, Kansoku, and whether each target was met. */
import type { AckedLoss } from './store-check.ts';
import type { TargetResult } from './target-result.ts';

export const TARGETS = {
  /** Issue 11: a viewer's change on the dashboard within 1.5 s at the p99 (the 1 s tick floor plus 0.5 s). */
  p99Ms: 1_500,
  /** Issue 11: a tick every second; no wait between two longer than 1.2 s. */
  tickGapMs: 1_200,
  lost: 0,
  ackedLost: 0,
  cpuRatio: 2,
  rssMb: 600,
  wireBytesPerViewerMin: 6_144,
  storedBytesPerViewerHour: 51_200,
} as const;

const n = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? '—'
    : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number | null | undefined, digits = 2): string =>
  bytes === null || bytes === undefined ? '—' : `${n(bytes / 1024, digits)} KB`;
type Row = [string, string, string, string, string];
const verdict = (ok: boolean | null): string => (ok === null ? '' : ok ? 'met' : 'MISSED');
const pair = (p: { p50: number; p99: number; n: number } | null): string =>
  p ? `${n(p.p50)} / ${n(p.p99)} (n=${n(p.n)})` : '—';
const lossText = (l: AckedLoss | null): string => (l ? `${n(l.sessions)} / ${n(l.samples)}` : '—');

/** The crash's rows: the outage and the stretch after the restart. */
function restartRows(k: TargetResult): Row[] {
  const c = k.crash;
  if (!c) return [];
  const a = c.after;
  return [
    [
      `restart after the SIGKILL at +${n(c.atS)} s: kill → listening / → 99 % of sockets back (ms)`,
      '',
      '—',
      `${n(c.downMs)} / ${n(c.reconnectMs)}`,
      '',
    ],
    [
      `after the restart (${n(a.windowS)} s, catch-up included): samples/s, server CPU`,
      '',
      '—',
      `${n(a.samplesPerS)}/s, ${n(a.serverCpuPct, 1)} %`,
      '',
    ],
    ['  sample→tick latency p50 / p99 (ms)', '', '—', pair(a.latency), ''],
    ['  viewer:stats emit → ack p50 / p99 (ms)', '', '—', pair(a.ackLatency), ''],
    ['  server RSS max / high-water (MB), restarted process', '', '—', `${n(a.rssMaxMb)} / ${n(a.rssHwmMb)}`, ''],
  ];
}

export function reportTable(bare: TargetResult | null, k: TargetResult): string {
  const ratio = bare ? k.cpuUsPerSample / bare.cpuUsPerSample : null;
  const wire = k.upBytesPerViewerMin + k.downBytesPerViewerMin;
  const rows: Row[] = [
    [
      'viewers on the page (avg in window) / watching at end',
      '',
      bare ? `${n(bare.present)}` : '—',
      `${n(k.present)} / ${n(k.watching)}`,
      '',
    ],
    ['WebSocket extensions negotiated', '', bare?.extensions ?? '—', k.extensions, ''],
    ['viewer:stats messages per viewer-minute', '', n(bare?.batchesPerViewerMin, 1), n(k.batchesPerViewerMin, 1), ''],
    ['ingested samples/s', '', n(bare?.samplesPerS), n(k.samplesPerS), ''],
    [
      'sample→tick latency p50 / p99 / max (ms)',
      `p99 ≤ ${TARGETS.p99Ms}`,
      '—',
      k.latency ? `${n(k.latency.p50)} / ${n(k.latency.p99)} / ${n(k.latency.max)} (n=${k.latency.n})` : '—',
      verdict(k.latency ? k.latency.p99 <= TARGETS.p99Ms : null),
    ],
    [
      'ticks received in the window / longest gap between two (ms)',
      `gap ≤ ${TARGETS.tickGapMs}`,
      '—',
      k.ticks ? `${n(k.ticks.received)} in ${n(k.windowS)} s / ${n(k.ticks.gapMaxMs)}` : '—',
      verdict(k.ticks?.gapMaxMs == null ? null : k.ticks.gapMaxMs <= TARGETS.tickGapMs),
    ],
    [
      '  tick delivery tick.t → host p50 / p99 (ms)',
      '',
      '—',
      k.latency ? `${n(k.latency.tickDelayP50)} / ${n(k.latency.tickDelayP99)}` : '—',
      '',
    ],
    [
      '  viewer:stats emit → ack at the generator p50 / p99 (ms)',
      '',
      pair(bare?.ackLatency ?? null),
      pair(k.ackLatency),
      '',
    ],
    [
      'lost samples (emitted − stored on server)',
      '0',
      '—',
      n(k.loss.lostOnServer),
      verdict(k.loss.lostOnServer === null ? null : k.loss.lostOnServer === TARGETS.lost),
    ],
    [
      'acked-then-lost: sessions / samples (acked seq − stored last_seq), at the end',
      '0',
      '—',
      lossText(k.loss.ackedLost),
      verdict(k.loss.ackedLost ? k.loss.ackedLost.sessions === TARGETS.ackedLost : null),
    ],
    ...(k.crash
      ? [
          [
            `  at the SIGKILL: acked before it − in the file after it`,
            '0',
            '—',
            k.crash.readError
              ? `not read: ${k.crash.readError}`
              : `${lossText(k.crash.atKill)} (of ${n(k.crash.atKill.checked)} sessions, ${n(k.crash.atKill.ackedSamples)} samples acked)`,
            verdict(k.crash.readError ? null : k.crash.atKill.sessions === TARGETS.ackedLost),
          ] as Row,
        ]
      : []),
    [
      'samples emitted / stored / unacked at end',
      '',
      bare ? `${n(bare.loss.emitted)} / — / ${n(bare.loss.unackedOnClient)}` : '—',
      `${n(k.loss.emitted)} / ${n(k.loss.stored)} / ${n(k.loss.unackedOnClient)}`,
      '',
    ],
    ['server CPU (% of one core)', '', n(bare?.serverCpuPct, 1), n(k.serverCpuPct, 1), ''],
    [
      'server CPU per sample (µs)',
      `≤ ${TARGETS.cpuRatio}× bare`,
      n(bare?.cpuUsPerSample, 1),
      `${n(k.cpuUsPerSample, 1)} (${n(ratio, 2)}×)`,
      verdict(ratio === null ? null : ratio <= TARGETS.cpuRatio),
    ],
    [
      'server RSS max / high-water (MB)',
      `≤ ${TARGETS.rssMb}`,
      bare ? `${n(bare.rssMaxMb)} / ${n(bare.rssHwmMb)}` : '—',
      `${n(k.rssMaxMb)} / ${n(k.rssHwmMb)}`,
      verdict(k.rssHwmMb <= TARGETS.rssMb),
    ],
    [
      'wire per viewer-minute: up + down',
      '≤ 6 KB',
      bare ? `${kb(bare.upBytesPerViewerMin)} + ${kb(bare.downBytesPerViewerMin)}` : '—',
      `${kb(k.upBytesPerViewerMin)} + ${kb(k.downBytesPerViewerMin)} = ${kb(wire)}`,
      verdict(wire <= TARGETS.wireBytesPerViewerMin),
    ],
    [
      'stored per viewer-hour (DB growth ÷ viewer-hours)',
      '≤ 50 KB',
      '—',
      k.store ? `${kb(k.store.perViewerHour, 1)} (${n(k.store.viewerHours, 2)} viewer-h)` : '—',
      verdict(k.store ? k.store.perViewerHour <= TARGETS.storedBytesPerViewerHour : null),
    ],
    ['  of which viewer_history per viewer-hour', '', '—', k.store ? kb(k.store.historyPerViewerHour, 1) : '—', ''],
    [
      '  one session row / one tick row (bytes)',
      '',
      '—',
      k.store ? `${n(k.store.sessionBytesEach)} / ${n(k.store.tickBytesEach)}` : '—',
      '',
    ],
    ['load generator CPU (% of one core)', '', n(bare?.generatorCpuPct), n(k.generatorCpuPct), ''],
    [
      'load average (1 min) at window start / end',
      '',
      bare ? `${n(bare.loadavg[0], 2)} / ${n(bare.loadavg[1], 2)}` : '—',
      `${n(k.loadavg[0], 2)} / ${n(k.loadavg[1], 2)}`,
      '',
    ],
    ...restartRows(k),
  ];
  const header: [string, string, string, string, string] = ['metric', 'target', 'bare socket.io', 'Kansoku', ''];
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  const table = [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  return k.crash
    ? `${table}\n\nKansoku was killed with SIGKILL mid-window: its window rows cover the ${n(k.windowS)} s before the kill, the last rows the ${n(k.crash.after.windowS)} s after the restart listened.`
    : table;
}
