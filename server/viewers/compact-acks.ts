/**
 * @module The form of a socket's `viewer:stats` acks (pure, takes `now`). A socket whose hello asked for compact acks
 * gets the bare `ackSeq` while the cadence is the one it was last told, and the full `{ ackSeq, sendIntervalMs }`
 * when the cadence changed — and at least every CADENCE_REFRESH_MS, so a collector that gave up on the ack that
 * carried a change (an ack later than its timeout is dropped) learns it soon after. Others always get the full form.
 */
import type { StatsAck } from '../../shared/events.ts';

/** The longest a compact socket goes without being told its cadence again. */
export const CADENCE_REFRESH_MS = 30_000;

export type AckForm = {
  compact: boolean;
  /** The cadence last sent to the socket (hello answer or full ack), and when. */
  told: number;
  toldAt: number;
};

/** Before any hello: full acks. */
export const fullAcks = (): AckForm => ({ compact: false, told: 0, toldAt: 0 });

/** The socket said hello (`compact`: it asked for compact acks) and its answer carries `sendIntervalMs`. */
export function welcomed(form: AckForm, compact: boolean, sendIntervalMs: number, now: number): void {
  form.compact = compact;
  form.told = sendIntervalMs;
  form.toldAt = now;
}

/** The ack data for a stored `ackSeq` with the cadence `sendIntervalMs` in force. */
export function statsAck(form: AckForm, ackSeq: number, sendIntervalMs: number, now: number): StatsAck {
  if (form.compact && sendIntervalMs === form.told && now - form.toldAt < CADENCE_REFRESH_MS) return ackSeq;
  form.told = sendIntervalMs;
  form.toldAt = now;
  return { ackSeq, sendIntervalMs };
}
