/** @module Golden tests: real Chromium 156 and Firefox ESR 153 viewer reports → StatsSample (tests/fixtures/expected/summarize-*.json). */
import { readFileSync, writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { summarizeStats } from '../../../../client/src/collector/summarize-stats.ts';
import { StatsSampleSchema } from '../../../../shared/stats-sample.ts';

const fixtures = new URL('../../../fixtures/', import.meta.url);
const recorded = JSON.parse(
  readFileSync(new URL('getstats/chromium-156-loopback-av1-vp8.json', fixtures), 'utf8'),
) as Record<string, Record<string, unknown>>;
/** Firefox's fixture is one report as a list of stats objects, with the connection states in `meta`. */
const firefox = JSON.parse(readFileSync(new URL('getstats/firefox-153-loopback-av1.json', fixtures), 'utf8')) as {
  meta: { connectionState: string };
  report: Array<Record<string, unknown>>;
};
/**
 * `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/client` rewrites the expected files instead of
 * comparing with them. Do it on purpose only, and read the diff before committing it.
 */
const update = process.env.UPDATE_GOLDEN === '1';

/** The fixture stores each report as an object id → stats; the browser hands out a Map. */
const reportOf = (name: string): Map<string, unknown> => {
  const report = recorded[name];
  if (!report) throw new Error(`fixture has no ${name}`);
  return new Map(Object.entries(report));
};

function golden(name: string, actual: unknown): void {
  const file = new URL(`expected/summarize-${name}.json`, fixtures);
  if (update) {
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  expect(actual).toStrictEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('summarizeStats on recorded Chromium 156 reports', () => {
  const cases = ['viewerReport_AV1_withActiveCapture', 'viewerReport_VP8_noCapture'];

  it.each(cases)('%s matches its golden file and the wire schema', (name) => {
    const sample = summarizeStats(reportOf(name), 7, { state: 'connected', visibility: 'v' });
    expect(v.parse(StatsSampleSchema, sample)).toStrictEqual(sample);
    golden(name, sample);
  });

  it('joins AV1 with the dav1d decoder and the selected IPv6 host pair when capture is active', () => {
    const sample = summarizeStats(reportOf('viewerReport_AV1_withActiveCapture'), 1);
    expect(sample.vi).toMatchObject({ ss: 1165818084, c: 'AV1', w: 1280, h: 720, dec: 'dav1d', pe: false });
    expect(sample.au).toMatchObject({ ss: 88063718, c: 'OPUS' });
    expect(sample.ne).toStrictEqual({ rtt: 0.003, lt: 'host', rt: 'host', pr: 'udp', spc: 1 });
    expect(sample.t).toBe(1795460547064);
  });

  it('leaves the decoder out for VP8 without capture and follows selectedCandidatePairId, not the first nominated pair', () => {
    const sample = summarizeStats(reportOf('viewerReport_VP8_noCapture'), 1);
    expect(sample.vi?.c).toBe('VP8');
    expect(sample.vi).not.toHaveProperty('dec');
    expect(sample.vi).not.toHaveProperty('pe');
    // Both pairs are nominated and succeeded; the transport names the one with RTT 0.003 (the other has 0.014).
    expect(sample.ne).toStrictEqual({ rtt: 0.003, lt: 'host', rt: 'host', pr: 'udp', spc: 2 });
  });

  it('accepts the report as an iterable of stats objects or of [id, stats] entries', () => {
    const map = reportOf('viewerReport_VP8_noCapture');
    const fromMap = summarizeStats(map, 3);
    expect(summarizeStats([...map.values()], 3)).toStrictEqual(fromMap);
    expect(summarizeStats([...map.entries()], 3)).toStrictEqual(fromMap);
  });

  it('rounds seconds sums to 3 decimals, audio jitter-buffer delay to 0.1 s, and last-packet age to whole ms', () => {
    const sample = summarizeStats(reportOf('viewerReport_AV1_withActiveCapture'), 1);
    expect(sample.vi?.jbd).toBe(3.53); // 3.530073
    expect(sample.vi?.dt).toBe(0.654); // 0.653698
    expect(sample.au?.jbd).toBe(52483.2);
    expect(sample.vi?.lp).toBe(4); // 1795460547063.893 − 1795460547059.579
    expect(sample.au?.lp).toBe(10); // 1795460547063.893 − 1795460547054.058
  });
});

describe('summarizeStats on a recorded Firefox ESR 153 report', () => {
  const sample = summarizeStats(firefox.report, 7, { state: firefox.meta.connectionState, visibility: 'v' });

  it('matches its golden file and the wire schema', () => {
    expect(v.parse(StatsSampleSchema, sample)).toStrictEqual(sample);
    golden('firefox153_AV1_recvonly', sample);
  });

  it('reads AV1 and Opus with Firefox’s counters, and no decoder (Firefox never exposes it)', () => {
    expect(sample.t).toBe(1796231126089);
    expect(sample.vi).toMatchObject({
      ss: 131842686,
      c: 'AV1',
      by: 4247403,
      pr: 4396,
      fd: 1522,
      w: 1280,
      h: 720,
      fps: 20,
      fz: 3,
      fzd: 0.821,
    });
    expect(sample.vi).not.toHaveProperty('dec');
    expect(sample.vi).not.toHaveProperty('pe');
    expect(sample.au).toMatchObject({ ss: 3376465383, c: 'OPUS', by: 458861, pr: 3951, tsr: 3740640 });
  });

  it('follows transport.selectedCandidatePairId (Firefox 153) to the IPv6 pair, not the other nominated one', () => {
    // Both pairs are nominated and succeeded; the selected one has RTT 0.001 (the other 0.005). No selectedCandidatePairChanges.
    expect(sample.ne).toStrictEqual({ rtt: 0.001, lt: 'host', rt: 'host', pr: 'udp' });
  });

  it('falls back to candidate-pair.selected when the transport is missing (Firefox before 153)', () => {
    const withoutTransport = firefox.report.filter((s) => s.type !== 'transport');
    expect(summarizeStats(withoutTransport, 7).ne).toStrictEqual({ rtt: 0.001, lt: 'host', rt: 'host', pr: 'udp' });
  });
});
