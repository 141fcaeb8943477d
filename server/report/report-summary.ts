/**
 * @module The report's summary: audience and band minutes from the 1 s ticks, join, endings and TTFF from the sessions.
 */
import type { BandMinutes, FailureTally, ReportSummary } from '../../shared/event-report.ts';
import { distribution } from '../../shared/percentile.ts';
import { SESSION_ENDINGS, type Tick } from '../../shared/tick.ts';
import type { FailureCount, SessionFacts } from './report-input.ts';
import { addInputs, emptyInputs, hasAttempted, hasJoined, scoreOf, sessionInputs } from './report-score.ts';
import type { FailuresBySession } from './report-sessions.ts';

const r2 = (x: number): number => Math.round(x * 100) / 100;

function tickTotals(ticks: readonly Tick[]) {
  let peak = 0;
  let viewerSeconds = 0;
  const bands: BandMinutes = { good: 0, fair: 0, poor: 0 };
  for (const tick of ticks) {
    peak = Math.max(peak, tick.viewers.watching, tick.viewers.peak);
    viewerSeconds += tick.viewers.watching;
    bands.good += tick.bands.good;
    bands.fair += tick.bands.fair;
    bands.poor += tick.bands.poor;
  }
  return { peak, viewerSeconds, bands };
}

function failureTallies(failures: readonly FailureCount[]): FailureTally[] {
  const tallies = new Map<FailureTally['category'], FailureTally>();
  for (const f of failures) {
    const tally = tallies.get(f.category) ?? { category: f.category, reports: 0, sessions: 0 };
    tally.reports += f.reports;
    tally.sessions += 1;
    tallies.set(f.category, tally);
  }
  return [...tallies.values()].sort(
    (a, b) => b.sessions - a.sessions || b.reports - a.reports || a.category.localeCompare(b.category),
  );
}

export function summarize(
  ticks: readonly Tick[],
  sessions: readonly SessionFacts[],
  failures: readonly FailureCount[],
  bySession: FailuresBySession,
): ReportSummary {
  const { peak, viewerSeconds, bands } = tickTotals(ticks);
  const graded = bands.good + bands.fair + bands.poor;
  const inputs = emptyInputs();
  const endings: ReportSummary['endings'] = { left: 0, shutdown: 0, lost: 0, 'phase-end': 0, open: 0 };
  let attempts = 0;
  let joined = 0;
  const ttffs: number[] = [];
  for (const s of sessions) {
    const n = bySession.get(s.sessionId) ?? 0;
    addInputs(inputs, sessionInputs(s, n));
    if (hasAttempted(s, n)) attempts += 1;
    if (hasJoined(s)) joined += 1;
    if (s.ttffMs !== null) ttffs.push(s.ttffMs);
    endings[s.ending && (SESSION_ENDINGS as readonly string[]).includes(s.ending) ? s.ending : 'open'] += 1;
  }
  const ttff = distribution(ttffs);
  return {
    score: scoreOf(inputs),
    peakViewers: peak,
    avgViewers: ticks.length > 0 ? r2(viewerSeconds / ticks.length) : null,
    sessions: sessions.length,
    uniqueViewers: joined,
    viewerMinutes: r2(viewerSeconds / 60),
    bandMinutes: { good: r2(bands.good / 60), fair: r2(bands.fair / 60), poor: r2(bands.poor / 60) },
    bandShares:
      graded > 0
        ? { good: r2x(bands.good / graded), fair: r2x(bands.fair / graded), poor: r2x(bands.poor / graded) }
        : null,
    join: { attempts, joined, rate: attempts > 0 ? r2x(joined / attempts) : null, failures: failureTallies(failures) },
    endings,
    ttffMs: ttff ? { p50: ttff.p50, p90: ttff.p90, n: ttff.n } : null,
    from: ticks[0]?.t ?? null,
    to: ticks[ticks.length - 1]?.t ?? null,
  };
}

/** A share to 4 decimals (0.0912 = 9.12 %). */
function r2x(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
