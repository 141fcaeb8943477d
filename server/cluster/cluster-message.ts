/**
 * @module What processes of a cluster tell each other over the Redis channel: an event's merged tick, a session
 * claimed by the process its viewer reconnected to, an event changed, an event's Discord status (from the process
 * that runs its gateway), a host login session ended. Checked on arrival like any network payload;
 * a tick is checked where it is used (its key fields), the dashboards get it as the aggregator built it.
 */
import * as v from 'valibot';
import { PHASES } from '../../shared/event.ts';
import { DiscordStatusSchema, type DiscordStatus } from '../../shared/question.ts';
import type { Tick } from '../../shared/tick.ts';
import { PEER_TOPICS, type PeerTopic } from './peers.ts';

/** The largest message accepted (a tick with full breakdowns is ~5 KB). */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

const TickKeySchema = v.looseObject({
  t: v.pipe(v.number(), v.integer(), v.minValue(0)),
  eventId: id,
  phase: v.picklist(PHASES),
  viewers: v.looseObject({ total: v.number(), peak: v.number() }),
});

const MessageSchema = v.variant('type', [
  v.object({ type: v.literal('tick'), tick: TickKeySchema }),
  v.object({ type: v.literal('claim'), instance: id, eventId: id, phase: v.picklist(PHASES), sessionId: id }),
  v.object({ type: v.literal('event'), instance: id, eventId: id }),
  v.object({ type: v.literal('topic'), topic: v.picklist(PEER_TOPICS), instance: id, eventId: id }),
  v.object({ type: v.literal('discord-status'), instance: id, eventId: id, status: DiscordStatusSchema }),
  v.object({ type: v.literal('logout'), instance: id, session: v.pipe(v.string(), v.maxLength(256)) }),
]);

export type ClusterMessage =
  | { type: 'tick'; tick: Tick }
  | { type: 'claim'; instance: string; eventId: string; phase: Tick['phase']; sessionId: string }
  | { type: 'event'; instance: string; eventId: string }
  | { type: 'topic'; topic: PeerTopic; instance: string; eventId: string }
  | { type: 'discord-status'; instance: string; eventId: string; status: DiscordStatus }
  | { type: 'logout'; instance: string; session: string };

export function parseClusterMessage(
  text: string,
): { ok: true; message: ClusterMessage } | { ok: false; reason: string } {
  if (text.length > MAX_MESSAGE_BYTES) return { ok: false, reason: 'too large' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = v.safeParse(MessageSchema, json);
  if (!result.success) return { ok: false, reason: result.issues.map((i) => i.message).join('; ') };
  return { ok: true, message: result.output as ClusterMessage };
}
