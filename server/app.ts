/**
 * @module Composition root: createApp(deps) wires HTTP routes, socket.io namespaces, the live state, the
 * tick loop and storage. It does no I/O of its own beyond what the given dependencies do.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Server, type Namespace } from 'socket.io';
import { HOST_NAMESPACE, VIEWER_NAMESPACE } from '../shared/events.ts';
import type { HostClientEvents, HostServerEvents, ViewerClientEvents, ViewerServerEvents } from '../shared/events.ts';
import { MAX_REST_BODY_BYTES, TICK_HISTORY_LIMIT } from '../shared/limits.ts';
import { createAdmission, type Admission } from './admission/admission.ts';
import { mountAdmission } from './admission/mount-admission.ts';
import { mountAlerts } from './alerts/mount-alerts.ts';
import { createHostAuth } from './auth/host-auth.ts';
import { clusterAdapter, joinCluster } from './cluster/join-cluster.ts';
import { soloPeers } from './cluster/peers.ts';
import type { RedisLink } from './cluster/redis-link.ts';
import { mountAuth } from './auth/mount-auth.ts';
import { mountBeacon } from './beacon/mount-beacon.ts';
import type { Clock, Timers } from './clock.ts';
import { loadConfig, type Config } from './config.ts';
import type { Storage } from './db/database.ts';
import { createEventCatalog } from './events/event-catalog.ts';
import { createEventStore } from './events/event-store.ts';
import { eventRoutes } from './events/event.routes.ts';
import type { FeatureContext } from './feature.ts';
import { hostAuthenticator, registerHostNamespace } from './host/host.handlers.ts';
import { eventRoom } from './socket/rooms.ts';
import { requireHost } from './http/require-host.ts';
import { errorHandler, HttpError } from './http/http-error.ts';
import { securityHeaders } from './http/security-headers.ts';
import { mountClient } from './http/static-client.ts';
import { createLiveService, type MonitorLoader } from './live/live-service.ts';
import { liveRoutes } from './live/live.routes.ts';
import { startTickLoop } from './live/tick-loop.ts';
import type { Logger } from './logger.ts';
import { mountMarkers } from './markers/mount-markers.ts';
import { createMetrics } from './metrics/metrics.ts';
import { mountMetrics } from './metrics/mount-metrics.ts';
import { mountPublisher } from './publisher/mount-publisher.ts';
import { mountQuestions } from './questions/mount-questions.ts';
import { mountReport } from './report/mount-report.ts';
import { SOCKET_SERVER_OPTIONS } from './socket-options.ts';
import { createAddressCap } from './socket/address-cap.ts';
import { mountSora } from './sora/mount-sora.ts';
import { batchSize, collectRecord, type RecordBatch } from './record/record-batch.ts';
import { createRecorder } from './record/recorder.ts';
import { createWorkerWriter } from './record/worker-writer.ts';
import { createQueries, type Queries } from './storage/queries.ts';
import { createWriter } from './storage/write-batch.ts';
import { registerCadenceGauge } from './metrics/cadence-gauge.ts';
import { createCadence } from './viewers/cadence.ts';
import { createHealthSampler } from './viewers/health-sampler.ts';
import { registerViewerNamespace, type ViewerDeps, type ViewerLimits } from './viewers/viewer.handlers.ts';

/** Feature folders that mount themselves on the shared context, in order. */
const FEATURES: ReadonlyArray<(ctx: FeatureContext) => void> = [
  mountAdmission,
  mountSora,
  mountBeacon,
  mountAuth,
  mountMarkers,
  mountAlerts,
  mountQuestions,
  mountReport,
  mountMetrics,
  mountPublisher,
];

export type AppDeps = {
  storage: Storage;
  logger: Logger;
  clock: Clock;
  timers: Timers;
  hostToken: string;
  version: string;
  /** Directory of the built client (dist/client). */
  clientDir: string;
  /** Settings features read (defaults when omitted, as in tests). */
  config?: Config;
  /** Idle deadline and big-audience threshold of the viewer namespace (defaults from shared/limits.ts). */
  viewerLimits?: ViewerLimits;
  /** Key of the viewer tickets (server/admission/ticket-key.ts); a random one when omitted (tickets die with the app). */
  ticketKey?: Buffer;
  /** Write the record of a SQLite file on the main thread instead of a thread of its own (a test that limits its own connection). */
  recordInProcess?: boolean;
  /** Multi-process mode (server/cluster/): the Redis link, and this process's name in the cluster. */
  cluster?: { redis: RedisLink; instance: string };
};

export type HostNamespace = Namespace<HostClientEvents, HostServerEvents>;
export type ViewerNamespace = Namespace<ViewerClientEvents, ViewerServerEvents>;

export type App = {
  server: HttpServer;
  io: Server;
  /** Viewer tickets: the demo's simulator signs its own with it. */
  admission: Admission;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
};

/**
 * What storage holds of an event phase: the seed a restarted server continues from. A process of a cluster takes
 * only the ticks: its sessions come to it one by one as their viewers connect (server/cluster/cluster.ts `adopt`).
 */
const storedPhase =
  (queries: Queries, clustered: boolean): MonitorLoader =>
  async (eventId, phase) => ({
    eventId,
    phase,
    sessions: clustered ? [] : await queries.listSessions(eventId, phase),
    failures: clustered ? {} : await queries.failureCounts(eventId, phase),
    ticks: await queries.ticks(eventId, phase, 0, TICK_HISTORY_LIMIT),
  });

export async function createApp(deps: AppDeps): Promise<App> {
  const { storage, logger, clock } = deps;
  const queries = createQueries(storage.db);
  const writer = createWriter(storage.db);
  const catalog = await createEventCatalog(createEventStore(storage.db), clock);
  const live = createLiveService(
    catalog,
    clock,
    storedPhase(queries, deps.cluster !== undefined),
    logger.child({ module: 'live' }),
    () => recorder.owedSince(), // asked only from the ticks, once the recorder below exists
  );
  await live.restoreActive();
  const metrics = createMetrics({ clock });
  // A SQLite file is written from a thread of its own; PostgreSQL (network I/O) and in-memory SQLite in-process.
  const recordWriter =
    storage.file && !deps.recordInProcess
      ? createWorkerWriter(storage.file, logger.child({ module: 'record-writer' }))
      : null;
  const health = createHealthSampler();
  const cadence = createCadence();
  registerCadenceGauge(metrics.registry, cadence);
  const writeBatch = async (batch: RecordBatch): Promise<void> => {
    const started = clock.now();
    try {
      await (recordWriter ? recordWriter.write(batch) : writer.writeBatch(batch));
    } finally {
      health.commitTook(clock.now() - started);
    }
  };
  const recorder = createRecorder({
    collect: (now, final) => collectRecord(live.all(), now, final),
    write: metrics.timedWrite(writeBatch, batchSize),
    clock,
    timers: deps.timers,
    logger: logger.child({ module: 'record' }),
  });
  const durable = () => recorder.durable();

  const config = deps.config ?? loadConfig({});
  const ticketKey = deps.ticketKey ?? randomBytes(32);
  const admission = createAdmission({ key: ticketKey, trustProxy: config.trustProxy });
  /** Set once the cluster is up: tells the other processes a host logged out. */
  let announceLogout: ((sessionId: string) => void) | undefined;
  const auth = createHostAuth({
    hostToken: deps.hostToken,
    hostPassword: deps.config?.hostPassword,
    clock,
    timers: deps.timers,
    trustProxy: deps.config?.trustProxy,
    maxDelayMs: deps.config?.loginMaxDelayMs,
    // Logins are signed with a key derived from the ticket key, so every process of a cluster accepts them.
    sessionKey: createHmac('sha256', ticketKey).update('kansoku host session').digest(),
    onSessionEnd: (id) => announceLogout?.(id),
  });
  const hostOnly = requireHost(auth);
  const http = new Hono();
  http.onError(errorHandler(logger.child({ module: 'http' })));
  http.use('*', securityHeaders());
  http.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_REST_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, 'payload-too-large', `body over ${MAX_REST_BODY_BYTES} bytes`);
      },
    }),
  );
  http.get('/api/health', (c) => c.json({ ok: true, version: deps.version }));
  http.use('/api/events/*', hostOnly);
  http.use('/api/events', hostOnly);
  http.route('/api/events', eventRoutes(catalog));
  http.route('/api/events', liveRoutes(catalog, live, clock, queries, { clustered: deps.cluster !== undefined }));

  const server = createServer(getRequestListener(http.fetch));
  const addressCap = createAddressCap(config.maxConnectionsPerAddress, config.trustProxy);
  const io = new Server(server, {
    ...SOCKET_SERVER_OPTIONS,
    allowRequest: addressCap.allowRequest,
    ...(deps.cluster && clusterAdapter(deps.cluster.redis)),
  });
  addressCap.watch(io);
  const hosts: HostNamespace = io.of(HOST_NAMESPACE);
  const viewers: ViewerNamespace = io.of(VIEWER_NAMESPACE);
  const cluster =
    deps.cluster &&
    (await joinCluster({
      link: deps.cluster,
      catalog,
      live,
      queries,
      db: storage.db,
      clock,
      timers: deps.timers,
      logger,
      store: (tick) => recorder.addTicks([tick]),
      published: (second, partials) => metrics.ticked(second, partials),
      deliver: (tick) => hosts.local.to(eventRoom(tick.eventId)).emit('tick', tick),
      revoke: (id) => auth.sessions.revoke(id, clock.now()),
    }));
  if (cluster) announceLogout = (id) => cluster.announceLogout(id);
  const preflightHooks: Array<NonNullable<ViewerDeps['onPreflight']>> = [];
  registerViewerNamespace(viewers, {
    catalog,
    live,
    clock,
    logger,
    durable,
    admission,
    timers: deps.timers,
    limits: deps.viewerLimits,
    cadence,
    adopt: cluster ? (m, sessionId) => cluster.adopt(m, sessionId) : undefined,
    onPreflight: (...args) => {
      for (const hook of preflightHooks) hook(...args);
    },
    onFailure: (failure, eventId) => hosts.to(eventRoom(eventId)).emit('failure:new', failure),
  });
  registerHostNamespace(hosts, {
    catalog,
    live,
    clock,
    logger,
    authenticate: hostAuthenticator(auth),
    storedTicks: (eventId, phase, limit) => queries.ticks(eventId, phase, 0, limit),
  });
  catalog.onChange((event) => hosts.to(eventRoom(event.id)).emit('event:updated', event));

  const closers: Array<() => Promise<void> | void> = [];
  const ctx: FeatureContext = {
    http,
    requireHost: hostOnly,
    auth,
    hosts,
    viewers,
    admission,
    catalog,
    live,
    durable,
    storage,
    queries,
    clock,
    timers: deps.timers,
    logger,
    config,
    onViewerPreflight: (fn) => preflightHooks.push(fn),
    peers: cluster ?? soloPeers(),
    metrics,
    onClose: (fn) => closers.unshift(fn),
  };
  for (const mount of FEATURES) mount(ctx);
  mountClient(http, deps.clientDir); // last: its catch-all serves the page shells

  const loop = startTickLoop({
    // A process of a cluster writes its partial; the event's aggregator builds, stores and sends the tick.
    build: cluster ? (second) => (cluster.publish(second), []) : (second) => live.tick(second),
    clock,
    timers: deps.timers,
    logger,
    publish: (tick) => hosts.to(eventRoom(tick.eventId)).emit('tick', tick),
    afterTick: (now, ticks) => {
      cadence.observe(health.read());
      recorder.addTicks(ticks);
      if (!cluster) metrics.ticked(now, ticks); // a cluster's process counts its partials (`published`)
    },
  });

  return {
    server,
    io,
    admission,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    async close() {
      loop.stop();
      await cluster?.close();
      health.stop();
      await recorder.close();
      await recordWriter?.close();
      for (const close of closers) await close();
      await io.close();
      server.closeAllConnections?.();
    },
  };
}
