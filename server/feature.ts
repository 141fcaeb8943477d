/**
 * @module What a feature gets from the composition root to mount itself: routes, namespaces, live state,
 * storage. Each feature folder exports one `mountX(ctx)`; app.ts calls them in order.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { Admission } from './admission/admission.ts';
import type { UploadReadings } from './alerts/upload-metrics.ts';
import type { HostNamespace, ViewerNamespace } from './app.ts';
import type { HostAuth } from './auth/host-auth.ts';
import type { Clock, Timers } from './clock.ts';
import type { Peers } from './cluster/peers.ts';
import type { Config } from './config.ts';
import type { Storage } from './db/database.ts';
import type { EventCatalog } from './events/event-catalog.ts';
import type { LiveService } from './live/live-service.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { Queries } from './storage/queries.ts';
import type { ViewerDeps } from './viewers/viewer.handlers.ts';

export type FeatureContext = {
  /** The HTTP app; `/api/*` routes mounted here. */
  http: Hono;
  /** Refuses requests without host credentials (401). */
  requireHost: MiddlewareHandler;
  /** Host credentials: the token, the password and login sessions. */
  auth: HostAuth;
  hosts: HostNamespace;
  viewers: ViewerNamespace;
  /** Viewer tickets and the anonymous-traffic budgets. */
  admission: Admission;
  catalog: EventCatalog;
  live: LiveService;
  /** Resolves once every change to the live state made so far is committed (answer a viewer only then). */
  durable(): Promise<void>;
  storage: Storage;
  queries: Queries;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Parsed environment (server/config.ts): features read their own settings from it. */
  config: Config;
  /** The app's Prometheus registry and the hooks the live path feeds (served by server/metrics/). */
  metrics: Metrics;
  /** Runs for each pre-flight result a viewer socket sends (after its funnel step is recorded). */
  onViewerPreflight(fn: NonNullable<ViewerDeps['onPreflight']>): void;
  /** The other processes of a cluster: who leads an event (alerts, Discord run there), telling them of changes. */
  peers: Peers;
  /**
   * The broadcaster's upload per event phase, for the alert rules on it: set by server/publisher/ when it mounts
   * (absent without it, and the upload rules then have no data).
   */
  uploads?: UploadReadings;
  /** Called on shutdown, last registered first. */
  onClose(fn: () => Promise<void> | void): void;
};
