/**
 * @module The precompiled schema path (issue 11) gives valibot's answers: on generated payloads — real model samples,
 * then mutated anywhere (wrong types, NaN, ±Infinity, −0, fractions, out-of-range numbers, long strings, missing and
 * unknown keys, null, arrays for objects) and arbitrary JSON — it accepts exactly what valibot accepts, with the same
 * output (same keys, same order), and refuses with valibot's issues.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { connect, initialState, nextSample } from '../../../server/simulator/sample-model.ts';
import { createRng } from '../../../server/simulator/prng.ts';
import { drawPersona } from '../../../server/simulator/viewer-persona.ts';
import { compiledCheck, precompiled } from '../../../shared/precompiled-schema.ts';
import { StatsBatchSchema, StatsSampleSchema, type StatsSample } from '../../../shared/stats-sample.ts';

const T0 = 1_800_000_000_000;
const FAST = precompiled(StatsBatchSchema);
const CHECK = compiledCheck(StatsBatchSchema);

/** 300 model samples of a few viewers (every field the simulated Chromium sends). */
const MODEL: StatsSample[] = [1, 2, 3].flatMap((seed) => {
  const rng = createRng(seed);
  let state = connect(initialState(drawPersona(rng), T0), rng);
  return Array.from({ length: 100 }, () => {
    const step = nextSample(state, 1_000, rng);
    state = step.state;
    return step.sample;
  });
});

/** JSON with undefined, NaN and −0 kept apart, and key order significant. */
const exact = (x: unknown): string =>
  JSON.stringify(x, (_, value: unknown) =>
    value === undefined ? '<undefined>' : Object.is(value, -0) ? '<-0>' : Number.isNaN(value) ? '<NaN>' : value,
  );

function expectSameAnswer(input: unknown, schema: v.GenericSchema = StatsBatchSchema): boolean {
  const slow = v.safeParse(schema, input);
  const fast = v.safeParse(schema === StatsBatchSchema ? FAST : precompiled(schema), input);
  // The compiled check alone accepts exactly what valibot accepts (not only: its refusals fall back to valibot).
  const check = schema === StatsBatchSchema ? CHECK : compiledCheck(schema);
  expect(check?.(input) !== undefined).toBe(slow.success);
  expect(fast.success).toBe(slow.success);
  expect(exact(fast.output)).toBe(exact(slow.output));
  expect(fast.issues).toEqual(slow.issues);
  return slow.success;
}

const oddValue = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1e14, 1e14 + 1, 2 ** 53, 2 ** 53 - 1, 1e10 + 0.5),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('AV1', 'connected', 'v', 'h', 'relay', 'udp', 'tls', 'x', '', 'constructor'),
  fc.boolean(),
  fc.constantFrom(null, undefined, {}, [], [1], { ss: 1 }),
);

const KEYS = ['seq', 't', 'st', 'vis', 'vi', 'au', 'ne', 'ss', 'c', 'by', 'pr', 'pl', 'fd', 'w', 'h', 'fps', 'fzd'];
const PATHS = fc.oneof(
  fc.constantFrom(...KEYS).map((k) => [k]),
  fc.tuple(
    fc.constantFrom('vi', 'au', 'ne'),
    fc.string({ maxLength: 4 }).map((k) => k || 'j'),
  ),
  fc.tuple(
    fc.constantFrom('vi', 'au', 'ne'),
    fc.constantFrom('ss', 'c', 'by', 'pr', 'pl', 'fd', 'fps', 'j', 'lp', 'dec', 'pe', 'rtt', 'lt', 'pr', 'spc', 'tsr'),
  ),
);
type Mutation = { path: string[]; op: 'set' | 'delete'; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: PATHS,
  op: fc.constantFrom('set', 'set', 'set', 'delete'),
  value: oddValue,
});

function mutate(sample: StatsSample, mutations: Mutation[]): unknown {
  const copy = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
  for (const m of mutations) {
    let node: unknown = copy;
    for (const key of m.path.slice(0, -1)) node = (node as Record<string, unknown> | null)?.[key];
    if (!node || typeof node !== 'object') continue;
    const last = m.path[m.path.length - 1] as string;
    if (m.op === 'delete') delete (node as Record<string, unknown>)[last];
    else (node as Record<string, unknown>)[last] = m.value;
  }
  return copy;
}

describe('precompiled StatsBatchSchema', () => {
  it('compiles the whole batch schema (nothing in it is left to valibot alone)', () => {
    expect(CHECK).not.toBeNull();
    expect(compiledCheck(StatsSampleSchema)).not.toBeNull();
    const unknown = v.pipe(v.string(), v.regex(/x/));
    expect(compiledCheck(unknown)).toBeNull();
    expect(precompiled(unknown)).toBe(unknown);
  });

  it('gives valibot’s answer for each schema kind it compiles, on odd values', () => {
    const schemas: v.GenericSchema[] = [
      v.number(),
      v.string(),
      v.boolean(),
      v.picklist(['a', 'b']),
      v.optional(v.number()),
      v.nullish(v.string()),
      v.array(v.boolean()),
      v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(1)),
      v.pipe(v.pipe(v.string(), v.minLength(1)), v.maxLength(2)),
      v.pipe(v.array(v.number()), v.minLength(1), v.maxLength(2)),
      v.object({ a: v.number(), b: v.optional(v.string()), c: v.nullish(v.boolean()) }),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...schemas), fc.oneof(oddValue, fc.anything()), (schema, x) => {
        expectSameAnswer(x, schema);
        expectSameAnswer({ a: x, b: x, c: x }, schema);
      }),
      { numRuns: 5_000, seed: 13 },
    );
  });

  it('accepts every model batch with valibot’s output', () => {
    for (let i = 0; i + 5 <= MODEL.length; i += 5)
      expect(expectSameAnswer({ samples: MODEL.slice(i, i + 5) })).toBe(true);
    expect(expectSameAnswer({ samples: MODEL.slice(0, 60), extra: 1 })).toBe(true);
  });

  it('gives valibot’s answer on mutated samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(MODEL.length - 1), fc.array(mutation, { maxLength: 3 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (picks) => {
          expectSameAnswer({ samples: picks.map(([i, ms]) => mutate(MODEL[i] as StatsSample, ms)) });
        },
      ),
      { numRuns: 5_000, seed: 11 },
    );
  });

  it('gives valibot’s answer on arbitrary JSON, batch sizes and odd containers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (x) => void expectSameAnswer(x)),
      { numRuns: 2_000, seed: 11 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), oddValue), (x) => void expectSameAnswer({ samples: [x] })),
      { numRuns: 2_000, seed: 12 },
    );
    for (const n of [0, 1, 60, 61]) expectSameAnswer({ samples: MODEL.slice(0, n) });
    for (const samples of [null, undefined, {}, 'x', [[]], [null], Object.assign([MODEL[0]], { x: 1 })])
      expectSameAnswer({ samples });
  });
});
