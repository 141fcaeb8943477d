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

export function buildTick(m: EventMonitor, now: number): Tick {
  const states: Record<ViewerState, number> = { connected: 0, joining: 0, watching: 0, failed: 0 };
  // Labels come from browsers (decoder, user agent): counted in Maps, never as object keys (issue 10).
  const codecs = new Tally();
  const decoders = new Tally();
  const resolutions = new Tally();
  const browsers = new Tally();
  const os = new Tally();
  const bands: Record<QualityBand, number> = { good: 0, fair: 0, poor: 0 };
  const reasons: Tick['reasons'] = Object.create(null) as Tick['reasons'];
  const values = Object.fromEntries(VIEWER_DISTS.map((k) => [k, [] as number[]])) as Record<ViewerDistKey, number[]>;
  const add = (key: ViewerDistKey, x: number | null | undefined): void => {
    if (x !== null && x !== undefined) values[key].push(x);
  };

  for (const session of m.viewers.values()) {
    if (session.ending) continue;
    const state = viewerState(session, now);
    states[state] += 1;
    browsers.add(session.client.browser);
    os.add(session.client.os);
    if (state !== 'watching') continue;
    const cur = session.current;
    const latest = session.ring[session.ring.length - 1];
    codecs.add(cur?.codec ?? 'unknown');
    if (latest?.vi?.dec) decoders.add(latest.vi.dec);
    if (cur?.height) resolutions.add(resolutionClass(cur.height));
    add('bitrateKbps', cur?.kbps);
    add('lossPct', cur?.lossPct);
    add('jitterMs', cur?.jitterMs);
    add('jitterBufferMs', cur?.jitterBufferMs);
    add('rttMs', cur?.rttMs);
    add('fps', cur?.fps);
    add('height', cur?.height);
    const w = session.window;
    if (w) add('freezesPerMin', (w.freezes * 60_000) / w.dtMs);
    if (session.grade) {
      bands[session.grade.band] += 1;
      if (session.grade.reason) reasons[session.grade.reason] = (reasons[session.grade.reason] ?? 0) + 1;
    }
  }

  m.peak = Math.max(m.peak, states.watching);
  const sfu = monitorSfuCount(m, now)?.recvonly ?? null;
  return {
    t: now - (now % 1000),
    eventId: m.eventId,
    phase: m.phase,
    viewers: {
      ...states,
      total: states.connected + states.joining + states.watching + states.failed,
      peak: m.peak,
      sfu,
      sfuGap: sfu === null ? null : sfu - (states.watching + states.joining),
    },
    codecs: codecs.toRecord(),
    decoders: decoders.toRecord(),
    resolutions: resolutions.toRecord(),
    browsers: browsers.toRecord(),
    os: os.toRecord(),
    ...(Object.fromEntries(VIEWER_DISTS.map((k) => [k, distribution(values[k])])) as Record<ViewerDistKey, Dist>),
    bands,
    reasons,
    funnel: { ...m.funnel },
    failures: { ...m.failures },
    endings: { ...m.endings },
    // Sorting every TTFF each second is wasted work: it only changes when a viewer reaches its first frame.
    ttffMs: (m.ttffDist ??= distribution([...m.ttffMs])),
    ingest: { ...m.ingest },
  };
}
