/** @module Builds one second's Tick from an event monitor (pure; cost grows with viewers, not dashboards). */
import { distribution } from '../../shared/percentile.ts';
import {
  VIEWER_DISTS,
  type Dist,
  type QualityBand,
  type Tick,
  type ViewerDistKey,
  type ViewerState,
} from '../../shared/tick.ts';
import { monitorSfuCount } from '../sora/sfu-count.ts';
import type { EventMonitor } from './event-monitor.ts';
import { Tally } from './tally.ts';
import { viewerState } from './viewer-session.ts';

export function resolutionClass(height: number): string {
  if (height >= 1080) return '1080p';
  if (height >= 720) return '720p';
  if (height >= 480) return '480p';
  if (height >= 360) return '360p';
  return '<360p';
}

/** What one pass over a monitor's open sessions counts; `add` receives each watching viewer's metric values. */
export type ViewerFold = {
  states: Record<ViewerState, number>;
  codecs: Tally;
  decoders: Tally;
  resolutions: Tally;
  browsers: Tally;
  os: Tally;
  bands: Record<QualityBand, number>;
  reasons: Tick['reasons'];
};

/** One pass over the open sessions: states, breakdowns and bands; metric values go to `add` (arrays or sketches). */
export function foldViewers(m: EventMonitor, now: number, add: (key: ViewerDistKey, x: number) => void): ViewerFold {
  const states: Record<ViewerState, number> = { connected: 0, joining: 0, watching: 0, failed: 0 };
  // Labels come from browsers (decoder, user agent): counted in Maps, never as object keys (issue 10).
  const fold: ViewerFold = {
    states,
    codecs: new Tally(),
    decoders: new Tally(),
    resolutions: new Tally(),
    browsers: new Tally(),
    os: new Tally(),
    bands: { good: 0, fair: 0, poor: 0 },
    reasons: Object.create(null) as Tick['reasons'],
  };
  const put = (key: ViewerDistKey, x: number | null | undefined): void => {
    if (x !== null && x !== undefined) add(key, x);
  };
  for (const session of m.viewers.values()) {
    if (session.ending) continue;
    const state = viewerState(session, now);
    states[state] += 1;
    fold.browsers.add(session.client.browser);
    fold.os.add(session.client.os);
    if (state !== 'watching') continue;
    const cur = session.current;
    const latest = session.latest;
    fold.codecs.add(cur?.codec ?? 'unknown');
    if (latest?.vi?.dec) fold.decoders.add(latest.vi.dec);
    if (cur?.height) fold.resolutions.add(resolutionClass(cur.height));
    put('bitrateKbps', cur?.kbps);
    put('lossPct', cur?.lossPct);
    put('jitterMs', cur?.jitterMs);
    put('jitterBufferMs', cur?.jitterBufferMs);
    put('rttMs', cur?.rttMs);
    put('fps', cur?.fps);
    put('height', cur?.height);
    const w = session.window;
    if (w) put('freezesPerMin', (w.freezes * 60_000) / w.dtMs);
    if (session.grade) {
      fold.bands[session.grade.band] += 1;
      const reason = session.grade.reason;
      if (reason) fold.reasons[reason] = (fold.reasons[reason] ?? 0) + 1;
    }
  }
  return fold;
}

/** The viewer counts of a tick from its states, the phase's peak and Sora's count. */
export function tickViewers(states: Record<ViewerState, number>, peak: number, sfu: number | null): Tick['viewers'] {
  return {
    ...states,
    total: states.connected + states.joining + states.watching + states.failed,
    peak,
    sfu,
    sfuGap: sfu === null ? null : sfu - (states.watching + states.joining),
  };
}

export function buildTick(m: EventMonitor, now: number): Tick {
  const values = Object.fromEntries(VIEWER_DISTS.map((k) => [k, [] as number[]])) as Record<ViewerDistKey, number[]>;
  const fold = foldViewers(m, now, (key, x) => values[key].push(x));
  m.peak = Math.max(m.peak, fold.states.watching);
  return {
    t: now - (now % 1000),
    eventId: m.eventId,
    phase: m.phase,
    viewers: tickViewers(fold.states, m.peak, monitorSfuCount(m, now)?.recvonly ?? null),
    codecs: fold.codecs.toRecord(),
    decoders: fold.decoders.toRecord(),
    resolutions: fold.resolutions.toRecord(),
    browsers: fold.browsers.toRecord(),
    os: fold.os.toRecord(),
    ...(Object.fromEntries(VIEWER_DISTS.map((k) => [k, distribution(values[k])])) as Record<ViewerDistKey, Dist>),
    bands: fold.bands,
    reasons: fold.reasons,
    funnel: { ...m.funnel },
    failures: { ...m.failures },
    endings: { ...m.endings },
    // Sorting every TTFF each second is wasted work: it only changes when a viewer reaches its first frame.
    ttffMs: (m.ttffDist ??= distribution([...m.ttffMs])),
    ingest: { ...m.ingest },
  };
}
