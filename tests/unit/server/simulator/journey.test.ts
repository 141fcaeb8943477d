/** @module Page visits: ordered funnel steps, a realistic failure share, and evidence the server accepts. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FailureReportSchema, FUNNEL_STAGES, PreflightSchema } from '../../../../shared/funnel.ts';
import { JOIN_FAILURE_RATE, planJourney, planRejoin, preflightItems } from '../../../../server/simulator/journey.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import { SIM_BROWSERS } from '../../../../server/simulator/user-agents.ts';
import { drawPersona } from '../../../../server/simulator/viewer-persona.ts';

describe('planJourney', () => {
  const rng = createRng(3);
  const visits = Array.from({ length: 20_000 }, () => {
    const persona = drawPersona(rng, 'AV1', SIM_BROWSERS[0]);
    return { persona, journey: planJourney(persona, rng) };
  });

  it('reaches stages in funnel order with increasing times; a clean join ends playing within seconds', () => {
    for (const { journey } of visits) {
      const ranks = journey.steps.map((s) => FUNNEL_STAGES.indexOf(s.stage));
      expect(ranks).toStrictEqual(ranks.map((_, i) => i));
      const times = journey.steps.map((s) => s.atMs);
      expect([...times].sort((a, b) => a - b)).toStrictEqual(times);
      if (!journey.failure) expect(journey.steps.at(-1)).toMatchObject({ stage: 'playing' });
      if (!journey.failure) expect(journey.steps.at(-1)?.atMs).toBeLessThan(5_000);
    }
  });

  it('fails about JOIN_FAILURE_RATE of visits, with every category’s evidence valid on the wire', () => {
    const failed = visits.filter((x) => x.journey.failure);
    expect(failed.length / visits.length).toBeCloseTo(JOIN_FAILURE_RATE, 1);
    const categories = new Set(failed.map((x) => x.journey.failure?.evidence.category));
    expect(categories.size).toBe(8); // every category of a browser that decodes the event's codec
    expect(categories.has('codec-unsupported')).toBe(false);
    for (const { journey } of failed) {
      const f = journey.failure as NonNullable<typeof journey.failure>;
      expect(v.safeParse(FailureReportSchema, { ...f.evidence, t: 1_795_460_547_064 }).success).toBe(true);
      // The failure comes after the stage it names; only autoplay-blocked is recovered from (playing comes later).
      const named = journey.steps.find((s) => s.stage === f.evidence.stage);
      expect(f.atMs).toBeGreaterThanOrEqual(named?.atMs ?? Infinity);
      if (f.evidence.category === 'autoplay-blocked') expect(journey.steps.at(-1)?.atMs).toBeGreaterThan(f.atMs);
      else expect(journey.steps.at(-1)?.stage).toBe(f.evidence.stage);
    }
  });

  it('turns outdated browsers away at pre-flight, for good', () => {
    const outdated = SIM_BROWSERS.find((b) => b.outdated);
    const persona = drawPersona(rng, 'AV1', outdated);
    const journey = planJourney(persona, rng);
    expect(journey.failure?.evidence).toMatchObject({ category: 'unsupported-browser', stage: 'preflight' });
    expect(journey.failure?.ends).toBe(true);
    const items = preflightItems(persona, journey.failure?.evidence ?? null);
    expect(v.safeParse(PreflightSchema, { t: 1, items }).success).toBe(true);
    expect(items.find((i) => i.id === 'browser')?.status).toBe('fail');
  });

  it('turns a browser that cannot decode the event’s codec away at pre-flight as codec-unsupported', () => {
    const safari = SIM_BROWSERS.find((b) => b.browser === 'Safari') as (typeof SIM_BROWSERS)[number];
    const persona = { ...drawPersona(rng, 'AV1', safari), decodes: false };
    const journey = planJourney(persona, rng);
    expect(journey.failure?.evidence).toMatchObject({
      category: 'codec-unsupported',
      stage: 'preflight',
      message: 'video/av1 not in receiver capabilities',
    });
    expect(journey.failure?.ends).toBe(true);
    expect(journey.steps.map((s) => s.stage)).toEqual(['page', 'preflight']);
    const items = preflightItems(persona, journey.failure?.evidence ?? null);
    expect(items.find((i) => i.id === 'av1')).toEqual({
      id: 'av1',
      status: 'fail',
      detail: 'video/av1 not in receiver capabilities',
    });
    expect(preflightItems({ ...persona, decodes: true }, null).find((i) => i.id === 'av1')?.status).toBe('pass');
    expect(planRejoin(persona, rng).failure?.evidence.stage).not.toBe('preflight');
  });

  it('a rejoin never fails at pre-flight again', () => {
    const outdated = drawPersona(
      rng,
      'AV1',
      SIM_BROWSERS.find((b) => b.outdated),
    );
    for (let i = 0; i < 200; i++) expect(planRejoin(outdated, rng).failure?.evidence.stage).not.toBe('preflight');
  });
});
