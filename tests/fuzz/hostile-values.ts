/**
 * @module fast-check arbitraries for hostile input: prototype names, odd unicode, injection strings, huge and
 * negative numbers, random JSON, and samples that are almost right (plausible counters with one field forged).
 */
import fc from 'fast-check';
import { FAILURE_CATEGORIES, FUNNEL_STAGES, PREFLIGHT_ITEMS } from '../../shared/funnel.ts';
import { CANDIDATE_TYPES, PEER_STATES } from '../../shared/stats-sample.ts';

export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  'then',
];

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  "'; DROP TABLE viewer_sessions;--",
  '%s%n%x',
  'AV1',
  'VP9',
  'OPUS',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  'x'.repeat(600),
  'ä'.repeat(300),
  '=cmd|calc',
  '{"a":1}',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Numbers JSON can carry (NaN and ±Infinity arrive as null), from plausible to absurd. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 100_000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      -1,
      -0.5,
      0,
      0.5,
      1e15,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 2,
      1e-300,
      4_294_967_296,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

/** Any JSON value, small, with hostile keys and leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A field's value: usually the right kind, sometimes anything. */
const either = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: scalar }, { weight: 1, arbitrary: hostileJson });

/** Overrides applied to a plausible sample: a few fields, forged. */
export const samplePatch: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    st: either(fc.constantFrom(...PEER_STATES)),
    vis: either(fc.constantFrom('v', 'h')),
    seq: hostileNumber,
    t: hostileNumber,
    'vi.c': either(hostileString),
    'vi.dec': either(hostileString),
    'vi.by': hostileNumber,
    'vi.pr': hostileNumber,
    'vi.fd': hostileNumber,
    'vi.w': hostileNumber,
    'vi.h': hostileNumber,
    'vi.fps': hostileNumber,
    'vi.jbd': hostileNumber,
    'vi.ss': hostileNumber,
    'au.c': either(hostileString),
    'au.tsr': hostileNumber,
    'au.cs': hostileNumber,
    'ne.rtt': hostileNumber,
    'ne.lt': either(fc.constantFrom(...CANDIDATE_TYPES)),
    extra: hostileJson,
  },
  { requiredKeys: [] },
);

/** One sample of a batch: plausible (counters advancing at `rate`× the usual pace, then `patch`), or random JSON. */
export type SampleSpec =
  { kind: 'plausible'; rate: number; patch: Record<string, unknown> } | { kind: 'random'; value: unknown };

export const sampleSpec: fc.Arbitrary<SampleSpec> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('plausible' as const),
      rate: fc.oneof(fc.constant(1), fc.constant(1), fc.constantFrom(0, 0.001, 50, 1e6)),
      patch: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: samplePatch }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), value: hostileJson }) },
);

/** A viewer timestamp: usually a few seconds around now (an offset the sender adds to its clock), sometimes absurd. */
export const nearNow = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -60_000, max: 5_000 }) },
  { weight: 1, arbitrary: hostileNumber },
);

/** A `/viewer` message: the event (known, or not) and its payload (well-formed-ish or hostile). */
export type ViewerMessage =
  | { event: 'viewer:stats'; samples: { specs: SampleSpec[] } | { raw: unknown } }
  | { event: string; payload: unknown; ack: boolean };

const timed = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc.record({ ...fields, t: nearNow }, { requiredKeys: [] });

export const viewerMessage: fc.Arbitrary<ViewerMessage> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      event: fc.constant('viewer:stats' as const),
      samples: fc.oneof(
        { weight: 5, arbitrary: fc.record({ specs: fc.array(sampleSpec, { minLength: 1, maxLength: 6 }) }) },
        { weight: 1, arbitrary: fc.record({ raw: hostileJson }) },
      ),
    }),
  },
  ...(
    [
      ['viewer:funnel', timed({ stage: either(fc.constantFrom(...FUNNEL_STAGES)) })],
      [
        'viewer:failure',
        timed({
          category: either(fc.constantFrom(...FAILURE_CATEGORIES)),
          stage: either(fc.constantFrom(...FUNNEL_STAGES)),
          code: hostileNumber,
          reason: hostileString,
          title: hostileString,
          message: hostileString,
        }),
      ],
      [
        'viewer:preflight',
        timed({
          items: either(
            fc.array(
              fc.record(
                {
                  id: either(fc.constantFrom(...PREFLIGHT_ITEMS)),
                  status: either(fc.constantFrom('pass', 'warn', 'fail')),
                  detail: hostileString,
                },
                { requiredKeys: [] },
              ),
              { maxLength: 8 },
            ),
          ),
        }),
      ],
      ['viewer:sfu-count', timed({ recvonly: hostileNumber })],
      ['viewer:question', timed({ name: either(hostileString), content: either(hostileString) })],
      [
        'viewer:problem',
        timed({
          description: either(hostileString),
          samples: either(fc.array(hostileJson, { maxLength: 3 })),
          browser: either(fc.record({ userAgent: hostileString, language: hostileString }, { requiredKeys: [] })),
        }),
      ],
      ['viewer:hello', hostileJson],
    ] as const
  ).map(([event, payload]) => ({
    weight: 2,
    arbitrary: fc.record({ event: fc.constant(event), payload, ack: fc.boolean() }),
  })),
  {
    weight: 1,
    arbitrary: fc.record({
      event: fc.oneof(
        hostileString,
        fc.constantFrom('disconnect', 'connect', 'error', 'host:subscribe', 'newListener'),
      ),
      payload: hostileJson,
      ack: fc.boolean(),
    }),
  },
);
