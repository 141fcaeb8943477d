/**
 * @module Multi-process mode (REDIS_URL set, PostgreSQL storage): this process's part in a cluster of any number
 * of Kansoku processes serving the same events. Each second it writes a partial tick of its own viewers to Redis;
 * the holder of an event's lease merges them (./aggregator.ts) and publishes the tick, which every process keeps
 * and sends to its own dashboards. A viewer reconnecting to another process continues its session from the
 * record; the process it left drops its copy when told. Event changes are announced so every catalog stays current.
 */
import type { Phase } from '../../shared/event.ts';
import type { DiscordStatus } from '../../shared/question.ts';
import type { Tick } from '../../shared/tick.ts';
import type { Clock, Timers } from '../clock.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { keepTick, type EventMonitor } from '../live/event-monitor.ts';
import type { LiveService } from '../live/live-service.ts';
import { restoreSession } from '../live/viewer-session.ts';
import type { Logger } from '../logger.ts';
import type { Queries } from '../storage/queries.ts';
import { createAggregator } from './aggregator.ts';
import { parseClusterMessage, type ClusterMessage } from './cluster-message.ts';
import { createLeases } from './lease.ts';
import { createPartialStore } from './partial-store.ts';
import { HOLD_EVERY_MS, type Orphans } from './orphans.ts';
import { buildPartial, type PartialTick } from './partial-tick.ts';
import type { PeerTopic, Peers } from './peers.ts';
import type { RecordReader } from './record-totals.ts';
import type { RedisLink } from './redis-link.ts';

/** The aggregator merges a second this long after its boundary (the processes' partials are written by then). */
export const MERGE_DELAY_MS = 400;
/** An ended event keeps a leader this long (its Discord source stops about an hour after the end). */
const LEAD_ENDED_MS = 2 * 60 * 60_000;
/** How often the leader of a ticking event looks for sessions a dead process left open (./orphans.ts). */
const SWEEP_EVERY_MS = 30_000;

export type ClusterDeps = {
  redis: RedisLink;
  instance: string;
  catalog: EventCatalog;
  live: LiveService;
  queries: Queries;
  record: RecordReader;
  orphans: Orphans;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** The aggregator's tick, to storage. */
  store(tick: Tick): void;
  /** This process wrote its partials of `second` (metrics count them). */
  published(second: number, partials: readonly PartialTick[]): void;
  /** A tick from the aggregator (this process's or another's), to this process's dashboards. */
  deliver(tick: Tick): void;
  /** An event changed in another process (reload it from storage). */
  eventChanged(eventId: string): void;
  /** A host logged out on another process (revoke the session here too). */
  sessionEnded(sessionId: string): void;
};

export type Cluster = Peers & {
  instance: string;
  /** Writes this process's partial of every due event for `second` (the tick loop calls it instead of building ticks). */
  publish(second: number): void;
  /** Brings a session another process (or a restart) left into `m` from the record, and claims it. */
  adopt(m: EventMonitor, sessionId: string): Promise<void>;
  /** Tells the other processes that `eventId` changed. */
  announce(eventId: string): void;
  /** Tells the other processes that a host login session ended. */
  announceLogout(sessionId: string): void;
  close(): Promise<void>;
};

export async function createCluster(deps: ClusterDeps): Promise<Cluster> {
  const { redis, instance, live, clock, logger } = deps;
  const log = logger.child({ module: 'cluster', instance });
  const channel = `${redis.prefix}cluster`;
  const partials = createPartialStore(redis.commands, redis.prefix, log);
  const leases = createLeases(redis.commands, redis.prefix, instance);
  /** A failed Redis command, logged unless Redis is away (./redis-link.ts says so once per outage). */
  const failed = (what: string) => (err: unknown) => {
    if (redis.commands.status === 'ready') log.warn({ err }, what);
  };
  const send = (message: ClusterMessage) => {
    redis.commands.publish(channel, JSON.stringify(message)).catch(failed('publish failed'));
  };
  const aggregator = createAggregator({
    partials,
    record: deps.record,
    clock,
    logger: log,
    emit: (tick) => {
      deps.store(tick);
      send({ type: 'tick', tick });
    },
  });

  const leading = new Set<string>();
  const leadListeners: Array<(eventId: string, leading: boolean) => void> = [];
  const hearing = new Map<PeerTopic, Array<(eventId: string, from: string) => void>>();
  const discordListeners: Array<(eventId: string, status: DiscordStatus, from: string) => void> = [];
  /** Takes or keeps the lease of every event that may need a leader; tells the listeners what changed. */
  const holdLeases = async (eventIds: readonly string[]): Promise<void> => {
    const held = await Promise.all(eventIds.map((id) => leases.hold(id).catch(() => false)));
    const now = new Set(eventIds.filter((_, i) => held[i]));
    for (const id of [...leading].filter((id) => !now.has(id))) {
      leading.delete(id);
      for (const fn of leadListeners) fn(id, false);
    }
    for (const id of [...now].filter((id) => !leading.has(id))) {
      leading.add(id);
      for (const fn of leadListeners) fn(id, true);
    }
  };

  const onMessage = (message: ClusterMessage) => {
    if (message.type === 'tick') {
      const m = live.inMemory(message.tick.eventId, message.tick.phase);
      if (m) keepTick(m, message.tick);
      deps.deliver(message.tick);
    } else if (message.type === 'claim') {
      if (message.instance === instance) return;
      const m = live.inMemory(message.eventId, message.phase);
      const session = m?.viewers.get(message.sessionId);
      if (m && session && !session.connected) m.viewers.delete(message.sessionId);
    } else if (message.instance === instance) {
      return;
    } else if (message.type === 'event') {
      deps.eventChanged(message.eventId);
    } else if (message.type === 'topic') {
      for (const fn of hearing.get(message.topic) ?? []) fn(message.eventId, message.instance);
    } else if (message.type === 'discord-status') {
      for (const fn of discordListeners) fn(message.eventId, message.status, message.instance);
    } else {
      deps.sessionEnded(message.session);
    }
  };
  await redis.subscriber.subscribe(channel);
  redis.subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const parsed = parseClusterMessage(text);
    if (parsed.ok) onMessage(parsed.message);
    else log.warn({ reason: parsed.reason }, 'ignoring a bad cluster message');
  });

  // The aggregator's own clock: a little after each second boundary, never overlapping itself.
  let stopped = false;
  let handle: unknown;
  let heldAt = -Infinity;
  let sweptAt = clock.now(); // a process just started gives the others' viewers time to come back first
  /** Says which sessions this process holds, and (leading) ends the orphans of dead ones; never delays the merge. */
  const housekeeping = (now: number, ticking: ReadonlyArray<{ id: string; phase: Phase }>) => {
    if (now - heldAt >= HOLD_EVERY_MS) {
      heldAt = now;
      deps.orphans.hold(live.current()).catch(failed('announcing held sessions failed'));
    }
    if (now - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now;
    for (const e of ticking) deps.orphans.sweep(e.id, e.phase).catch(failed('ending orphaned sessions failed'));
  };
  const schedule = () => {
    if (stopped) return;
    const now = clock.now();
    handle = deps.timers.setTimeout(run, 1000 - (now % 1000) + MERGE_DELAY_MS);
  };
  const run = () => {
    const now = clock.now();
    const second = now - (now % 1000) - (now % 1000 < MERGE_DELAY_MS ? 1000 : 0);
    const events = deps.catalog
      .list()
      .filter((e) => e.phase !== 'ended' || now - Date.parse(e.updatedAt) < LEAD_ENDED_MS);
    holdLeases(events.map((e) => e.id))
      .then(() => {
        const ticking = events
          .filter((e) => leading.has(e.id) && (e.phase === 'rehearsal' || e.phase === 'live'))
          .map((e): { id: string; phase: Phase } => ({ id: e.id, phase: e.phase }));
        housekeeping(now, ticking);
        return aggregator.run(ticking, second);
      })
      .catch(failed('leading events failed; the next second retries'))
      .finally(schedule);
  };
  schedule();

  return {
    instance,
    publish(second) {
      const now = clock.now();
      const built = live.due(second).map((m) => buildPartial(m, instance, second, now));
      deps.published(second, built);
      partials.write(built).catch(failed('writing partial ticks failed'));
    },
    alone: false,
    leads: (eventId) => leading.has(eventId),
    onLeadChange: (fn) => void leadListeners.push(fn),
    tell: (topic, eventId) => send({ type: 'topic', topic, instance, eventId }),
    hear: (topic, fn) => void hearing.set(topic, [...(hearing.get(topic) ?? []), fn]),
    tellDiscordStatus: (eventId, status) => send({ type: 'discord-status', instance, eventId, status }),
    hearDiscordStatus: (fn) => void discordListeners.push(fn),
    async adopt(m, sessionId) {
      if (!m.viewers.has(sessionId)) {
        const row = await deps.queries.getSession(m.eventId, m.phase, sessionId);
        if (!row || m.viewers.has(sessionId)) return;
        m.viewers.set(sessionId, restoreSession(row, clock.now()));
      }
      deps.orphans.claim(m.eventId, m.phase, sessionId).catch(failed('claiming a session failed'));
      send({ type: 'claim', instance, eventId: m.eventId, phase: m.phase, sessionId });
    },
    announce: (eventId) => send({ type: 'event', instance, eventId }),
    announceLogout: (session) => send({ type: 'logout', instance, session }),
    async close() {
      stopped = true;
      deps.timers.clearTimeout(handle);
      await leases.releaseAll();
    },
  };
}
