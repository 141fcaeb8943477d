/**
 * @module What a feature may ask of the other processes of a cluster (server/cluster/): whether this process leads an
 * event (once-per-event work: alerts, the Discord gateway), hearing when that changes, telling the others of an event
 * (a change in storage, a wish of its leader, a lead let go), and sharing the Discord status of the events it leads
 * (the gateway runs on the leader only; every process's dashboards show it). One process on its own leads everything
 * and has nobody to tell.
 */
import type { DiscordStatus } from '../../shared/question.ts';

/**
 * What changed of an event in storage, for processes that keep it in memory (`questions`, `alert-settings`;
 * `publisher`: new upload samples), what a process wants of the event's leader (`discord-status-wanted`: a dashboard
 * subscribed where the leader's status has not been heard yet), or that a process stopped leading it
 * (`discord-released`: the status it told is no longer true).
 */
export const PEER_TOPICS = [
  'questions',
  'publisher',
  'alert-settings',
  'discord-status-wanted',
  'discord-released',
] as const;
export type PeerTopic = (typeof PEER_TOPICS)[number];

export type Peers = {
  /** True for one process on its own (nobody to tell). */
  alone: boolean;
  /** True where once-per-event work runs: always for one process, the event's lease holder in a cluster. */
  leads(eventId: string): boolean;
  /** `fn` runs when this process starts or stops leading an event. */
  onLeadChange(fn: (eventId: string, leading: boolean) => void): void;
  /** Tells the other processes `topic` of `eventId` (PEER_TOPICS: a change in storage, a wish, a lead let go). */
  tell(topic: PeerTopic, eventId: string): void;
  /** `fn` runs when another process (`from`, its instance id) tells `topic`. */
  hear(topic: PeerTopic, fn: (eventId: string, from: string) => void): void;
  /** Tells the other processes the Discord status of an event this process leads. */
  tellDiscordStatus(eventId: string, status: DiscordStatus): void;
  /** `fn` runs when another process (`from`, its instance id) tells an event's Discord status. */
  hearDiscordStatus(fn: (eventId: string, status: DiscordStatus, from: string) => void): void;
};

export const soloPeers = (): Peers => ({
  alone: true,
  leads: () => true,
  onLeadChange: () => undefined,
  tell: () => undefined,
  hear: () => undefined,
  tellDiscordStatus: () => undefined,
  hearDiscordStatus: () => undefined,
});
