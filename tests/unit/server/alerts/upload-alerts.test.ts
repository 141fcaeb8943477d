/**
 * The default upload rules against a simulated broadcaster (the demo's publisher model, summarized by the real
 * collector code and folded by the real PublisherTrack, second by second): quiet while the upload is healthy, whether
 * or not anyone watches; raised by an encoder short of CPU, a congested uplink with loss, and a publisher page that
 * falls silent; cleared when the upload recovers.
 */
import { describe, expect, it } from 'vitest';
import { isUploadMetric } from '../../../../shared/alert.ts';
import { DEFAULT_ALERT_RULES } from '../../../../shared/alert-defaults.ts';
import { evaluateRules, type EngineState } from '../../../../server/alerts/alert-engine.ts';
import { metricValue } from '../../../../server/alerts/alert-metrics.ts';
import { PublisherTrack } from '../../../../server/publisher/publisher-track.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import {
  conditionAt,
  createPublisherModel,
  type UploadCondition,
} from '../../../../server/simulator/publisher-model.ts';
import { summarizeOutbound } from '../../../../client/src/collector/summarize-outbound.ts';
import { makeTick } from '../../../helpers/tick-factory.ts';

const UPLOAD_RULES = DEFAULT_ALERT_RULES.filter((r) => isUploadMetric(r.metric));
const T0 = 1_800_000_000_000;

type Change = { ruleId: string; kind: 'raised' | 'cleared'; atSec: number };

/**
 * `seconds` of a publisher in `condition`, reporting every second (none while `silent(sec)`), with the upload rules
 * evaluated once a second on a tick with `watching` viewers.
 */
function run(
  seconds: number,
  condition: (ms: number) => UploadCondition,
  silent = (_sec: number) => false,
  watching = 0,
) {
  const model = createPublisherModel(createRng(7), T0, condition);
  const track = new PublisherTrack('ev-1', 'live');
  let state: EngineState = {};
  const changes: Change[] = [];
  for (let sec = 1; sec <= seconds; sec++) {
    const now = T0 + sec * 1000;
    if (!silent(sec))
      track.apply('publisher-sim', [summarizeOutbound(model.report(now), sec, { state: 'connected' })], now + 200);
    const tick = makeTick(now, { viewers: { ...makeTick(now).viewers, watching } });
    const input = { tick, history: [tick], viewerKbps: () => [], upload: () => track.alertReading(now + 200) };
    const result = evaluateRules(UPLOAD_RULES, state, (rule) => metricValue(rule, input), now);
    state = result.state;
    for (const r of result.raised) changes.push({ ruleId: r.rule.id, kind: 'raised', atSec: sec });
    for (const r of result.cleared) changes.push({ ruleId: r.rule.id, kind: 'cleared', atSec: sec });
  }
  return changes;
}

describe('upload alert rules', () => {
  it('stay quiet for ten minutes of a healthy upload, with no audience and with one', () => {
    const healthy = () => conditionAt(0);
    expect(run(600, healthy)).toEqual([]);
    expect(run(600, healthy, undefined, 200)).toEqual([]);
  });

  it('rise and clear with the demo’s CPU shortage and congested uplink', () => {
    const changes = run(600, (ms) => conditionAt(ms));
    const raised = changes.filter((c) => c.kind === 'raised');
    expect(raised.map((c) => c.ruleId)).toEqual(['upload-cpu', 'upload-bandwidth', 'upload-loss']);
    // CPU from 3:00: up once it has held 20 s; the congestion from 6:40.
    expect(raised[0]!.atSec).toBeGreaterThanOrEqual(195);
    expect(raised[0]!.atSec).toBeLessThan(215);
    expect(raised.slice(1).every((c) => c.atSec > 400 && c.atSec < 440)).toBe(true);
    expect(
      changes
        .filter((c) => c.kind === 'cleared')
        .map((c) => c.ruleId)
        .sort(),
    ).toEqual(['upload-bandwidth', 'upload-cpu', 'upload-loss']);
  });

  it('raise a stall when the publisher page falls silent, and clear it when it reports again', () => {
    const changes = run(
      120,
      () => conditionAt(0),
      (sec) => sec > 30 && sec <= 60,
    );
    expect(changes).toEqual([
      { ruleId: 'upload-stalled', kind: 'raised', atSec: expect.any(Number) as number },
      { ruleId: 'upload-stalled', kind: 'cleared', atSec: expect.any(Number) as number },
    ]);
    const [up, down] = changes;
    expect(up!.atSec).toBeGreaterThanOrEqual(40);
    expect(up!.atSec).toBeLessThanOrEqual(42);
    expect(down!.atSec).toBeGreaterThan(60);
  });

  it('have no value while nobody publishes through Kansoku', () => {
    const tick = makeTick(T0);
    for (const rule of UPLOAD_RULES)
      expect(metricValue(rule, { tick, history: [tick], viewerKbps: () => [], upload: () => null })).toBeNull();
  });
});
