/**
 * @module `POST /api/beacon`: viewer reports sent with `navigator.sendBeacon` when the socket is down
 * (a text/plain JSON body, so no CORS preflight). The payload is what the socket event would carry.
 * Also the stored pre-flight summary the host reads.
 */
import * as v from 'valibot';
import { EventIdSchema } from './event.ts';
import { ViewerAuthSchema } from './events.ts';
import { FailureReportSchema, FunnelStepSchema, PreflightSchema, type Preflight } from './funnel.ts';

/** Beacons are small; anything bigger is refused before parsing. */
export const MAX_BEACON_BYTES = 8 * 1024;

/** The same ticket the socket handshake takes: a beacon speaks for the session the ticket was minted for. */
const envelope = {
  eventId: EventIdSchema,
  sessionId: ViewerAuthSchema.entries.sessionId,
  ticket: ViewerAuthSchema.entries.ticket,
};

/** The page is going away (pagehide): the session ends now instead of after the reconnect grace. */
export const LeaveSchema = v.object({ t: v.pipe(v.number(), v.minValue(0), v.maxValue(1e14)) });
export type Leave = v.InferOutput<typeof LeaveSchema>;

export const BeaconSchema = v.variant('kind', [
  v.object({ ...envelope, kind: v.literal('failure'), payload: FailureReportSchema }),
  v.object({ ...envelope, kind: v.literal('funnel'), payload: FunnelStepSchema }),
  v.object({ ...envelope, kind: v.literal('preflight'), payload: PreflightSchema }),
  v.object({ ...envelope, kind: v.literal('leave'), payload: LeaveSchema }),
]);
export type Beacon = v.InferOutput<typeof BeaconSchema>;

type WithoutEnvelope<B> = B extends unknown ? Omit<B, keyof typeof envelope> : never;
/** A beacon without its envelope: the `kind` and the `payload` the socket event would carry. */
export type BeaconMessage = WithoutEnvelope<Beacon>;

type PreflightItemId = Preflight['items'][number]['id'];

/** `GET /api/events/:id/preflight` (host only): stored pre-flight results of the event's current phase. */
export type PreflightSummary = {
  /** Sessions that sent a pre-flight result. */
  sessions: number;
  /** Per check: how many sessions passed, warned or failed it. */
  items: Partial<Record<PreflightItemId, { pass: number; warn: number; fail: number }>>;
  /** The newest sessions with at least one failed check. */
  failing: Array<{ sessionId: string; t: number; browser: string; os: string; items: Preflight['items'] }>;
};
