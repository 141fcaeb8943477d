/**
 * @module fast-check arbitraries for hostile HTTP requests: beacons, host REST bodies and query strings, Sora webhooks.
 */
import fc from 'fast-check';
import { FAILURE_CATEGORIES, FUNNEL_STAGES } from '../../shared/funnel.ts';
import { SORA_CONNECTION_EVENTS } from '../../shared/sora-webhook.ts';
import { hostileJson, hostileNumber, hostileString, nearNow } from './hostile-values.ts';

/** Which ticket a request carries: the session's own, none, a forged one, or another session's. */
export const TICKET_KINDS = ['valid', 'valid', 'valid', 'none', 'forged', 'other-session'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

const either = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: hostileJson });

export type BeaconSpec = { ticket: TicketKind; body: unknown; raw: string | null };
export const beaconSpec: fc.Arbitrary<BeaconSpec> = fc.record({
  ticket: fc.constantFrom(...TICKET_KINDS),
  body: fc.oneof(
    fc.record({
      kind: fc.constant('failure'),
      payload: either(
        fc.record(
          {
            category: either(fc.constantFrom(...FAILURE_CATEGORIES)),
            t: nearNow,
            reason: hostileString,
            message: hostileString,
          },
          { requiredKeys: ['category', 't'] },
        ),
      ),
    }),
    fc.record({
      kind: fc.constant('funnel'),
      payload: either(
        fc.record({ stage: either(fc.constantFrom(...FUNNEL_STAGES)), t: nearNow }, { requiredKeys: ['t'] }),
      ),
    }),
    fc.record({ kind: fc.constant('leave'), payload: fc.record({ t: nearNow }) }),
    fc.record({ kind: fc.constantFrom('leave', 'preflight'), payload: hostileJson }),
    fc.record({ kind: either(hostileString), payload: hostileJson, extra: hostileJson }, { requiredKeys: [] }),
  ),
  // Sometimes not JSON at all, or far too big.
  raw: fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.oneof(hostileString, fc.constant('{'.repeat(5_000)), fc.constant('x'.repeat(9_000))) },
  ),
});

/** Percent-encodes `q`; a lone surrogate (not encodable) becomes invalid UTF-8, which is hostile input too. */
const encodeQuery = (q: string): string =>
  [...q].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');

export type RestSpec = { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; path: string; body: unknown };

/** `{scratch}` and `{fuzz}` are replaced by the scratch and fuzzed event ids; host REST uses the right host token. */
export const restSpec: fc.Arbitrary<RestSpec> = fc.oneof(
  fc.record({
    method: fc.constant('PATCH' as const),
    path: fc.constant('/api/events/{scratch}'),
    body: fc.oneof(
      hostileJson,
      fc.record(
        {
          title: either(hostileString),
          phase: either(fc.constantFrom('rehearsal', 'live', 'scheduled')),
          sora: hostileJson,
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({
    method: fc.constant('POST' as const),
    path: fc.constant('/api/events'),
    body: fc.oneof(hostileJson, fc.record({ phase: hostileJson, sora: hostileJson, discord: hostileJson })),
  }),
  fc.record({
    method: fc.constant('POST' as const),
    path: fc.constant('/api/events/{scratch}/markers'),
    body: fc.oneof(
      hostileJson,
      fc.record({ kind: either(hostileString), label: either(hostileString), t: hostileNumber }, { requiredKeys: [] }),
    ),
  }),
  fc.record({
    method: fc.constant('PUT' as const),
    path: fc.constant('/api/events/{scratch}/alert-rules'),
    body: fc.oneof(
      hostileJson,
      fc.record({
        rules: fc.array(
          fc.record(
            {
              id: hostileString,
              metric: hostileString,
              direction: hostileString,
              threshold: hostileNumber,
              clearAt: hostileNumber,
              forSec: hostileNumber,
              clearForSec: hostileNumber,
              action: hostileString,
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
      }),
    ),
  }),
  fc.record({
    method: fc.constant('POST' as const),
    path: fc.constant('/api/public/events/{fuzz}/ticket'),
    body: fc.oneof(hostileJson, fc.record({ ticket: hostileString })),
  }),
  fc.record({
    method: fc.constant('GET' as const),
    path: fc
      .tuple(
        fc.constantFrom(
          '/api/events/{fuzz}/ticks?since=',
          '/api/events/{fuzz}/viewers?phase=',
          '/api/events/{fuzz}/failures?limit=',
          '/api/events/{fuzz}/live?phase=',
          '/api/events/',
          '/api/events/{fuzz}/viewers/',
          '/api/public/events/',
        ),
        hostileString,
      )
      .map(([p, q]) => `${p}${encodeQuery(q)}`),
    body: fc.constant(null),
  }),
);

export type HookSpec = { path: 'event-webhook' | 'auth-webhook'; secret: boolean; body: unknown };

/** `{channel}` is replaced by the fuzzed event's Sora channel. */
export const hookSpec: fc.Arbitrary<HookSpec> = fc.record({
  path: fc.constantFrom('event-webhook' as const, 'auth-webhook' as const),
  secret: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  body: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record(
        {
          type: either(fc.constantFrom(...SORA_CONNECTION_EVENTS)),
          channel_id: either(fc.constantFrom('{channel}', '{channel}', 'other-channel')),
          role: either(fc.constantFrom('recvonly', 'sendonly', 'sendrecv')),
          connection_id: hostileString,
          timestamp: either(fc.constantFrom('{now}', '2000-01-01T00:00:00Z', '2999-01-01T00:00:00Z')),
          metadata: fc.oneof(hostileJson, fc.record({ kansoku_token: hostileString })),
          channel_recvonly_connections: hostileNumber,
          data: fc.record(
            {
              channel_recvonly_connections: hostileNumber,
              type_disconnect_reason: hostileString,
              reason: hostileString,
              message: hostileString,
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ['channel_id'] },
      ),
    },
    { weight: 1, arbitrary: hostileJson },
  ),
});
