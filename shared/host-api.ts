/**
 * @module The host REST contract (README "REST API"): every endpoint the dashboard and the report page call, with
 * the body it sends and the JSON it gets. Host credentials (token or session cookie) are needed for all but login.
 */
import { WebhookTestSchema, AlertRulesSchema, type AlertSettings, type AlertsView } from './alert.ts';
import type { WebhookResult } from './alert.ts';
import type { PreflightSummary } from './beacon.ts';
import { EventCreateSchema, EventPatchSchema, type KansokuEvent, type Phase } from './event.ts';
import type { EventReport, EventSummaryRow, ExportFile, ShareLink } from './event-report.ts';
import type { FailureRecord } from './funnel.ts';
import { LoginSchema, type HostSessionInfo } from './host-session.ts';
import { MarkerCreateSchema, type Marker } from './marker.ts';
import type { PublisherView } from './publisher-status.ts';
import type { ProblemSnapshot, QuestionsView } from './question.ts';
import { typed, type Endpoint } from './rest.ts';
import type { SoraSideSummary, ViewerTokenInfo } from './sora-webhook.ts';
import type { Tick } from './tick.ts';
import type { HistoryRow, ViewerSummary } from './viewer.ts';

/** `?phase=` on reads of recorded data; the server's `defaultViewPhase` when absent. */
export type PhaseQuery = { phase?: Phase };

const EVENT = '/api/events/:id';

export const HOST_API = {
  session: { method: 'GET', path: '/api/session', answer: typed<HostSessionInfo>() },
  login: { method: 'POST', path: '/api/login', body: LoginSchema, answer: typed<HostSessionInfo>() },
  logout: { method: 'POST', path: '/api/logout', answer: typed<{ ok: true }>() },

  events: { method: 'GET', path: '/api/events', answer: typed<KansokuEvent[]>() },
  createEvent: { method: 'POST', path: '/api/events', body: EventCreateSchema, answer: typed<KansokuEvent>() },
  event: { method: 'GET', path: EVENT, answer: typed<KansokuEvent>() },
  updateEvent: { method: 'PATCH', path: EVENT, body: EventPatchSchema, answer: typed<KansokuEvent>() },

  /** The phase's latest tick, or null before its first. */
  live: { method: 'GET', path: `${EVENT}/live`, query: typed<PhaseQuery>(), answer: typed<Tick | null>() },
  /** The newest `limit` ticks with `t >= since`, oldest first. */
  ticks: {
    method: 'GET',
    path: `${EVENT}/ticks`,
    query: typed<PhaseQuery & { since?: number; limit?: number }>(),
    answer: typed<Tick[]>(),
  },
  /** Newest first; one session's with `session`. */
  failures: {
    method: 'GET',
    path: `${EVENT}/failures`,
    query: typed<PhaseQuery & { limit?: number; session?: string }>(),
    answer: typed<FailureRecord[]>(),
  },
  viewers: { method: 'GET', path: `${EVENT}/viewers`, query: typed<PhaseQuery>(), answer: typed<ViewerSummary[]>() },
  viewerHistory: {
    method: 'GET',
    path: `${EVENT}/viewers/:sessionId/history`,
    query: typed<PhaseQuery>(),
    answer: typed<HistoryRow[]>(),
  },

  markers: { method: 'GET', path: `${EVENT}/markers`, query: typed<PhaseQuery>(), answer: typed<Marker[]>() },
  /** Lands in the event's current phase (the server stamps it). */
  addMarker: { method: 'POST', path: `${EVENT}/markers`, body: MarkerCreateSchema, answer: typed<Marker>() },
  alerts: { method: 'GET', path: `${EVENT}/alerts`, query: typed<PhaseQuery>(), answer: typed<AlertsView>() },
  alertRules: { method: 'GET', path: `${EVENT}/alert-rules`, answer: typed<AlertSettings>() },
  setAlertRules: {
    method: 'PUT',
    path: `${EVENT}/alert-rules`,
    body: AlertRulesSchema,
    answer: typed<AlertSettings>(),
  },
  testWebhook: {
    method: 'POST',
    path: `${EVENT}/alert-webhook/test`,
    body: WebhookTestSchema,
    answer: typed<WebhookResult>(),
  },

  /** The broadcaster's upload: the status now and the phase's one-second points, oldest first. */
  publisher: {
    method: 'GET',
    path: `${EVENT}/publisher`,
    query: typed<PhaseQuery>(),
    answer: typed<PublisherView>(),
  },

  /** 409 when the server has no SORA_WEBHOOK_SECRET. */
  viewerToken: { method: 'GET', path: `${EVENT}/viewer-token`, answer: typed<ViewerTokenInfo>() },
  sora: { method: 'GET', path: `${EVENT}/sora`, answer: typed<SoraSideSummary>() },
  preflight: {
    method: 'GET',
    path: `${EVENT}/preflight`,
    query: typed<{ limit?: number }>(),
    answer: typed<PreflightSummary>(),
  },
  questions: { method: 'GET', path: `${EVENT}/questions`, answer: typed<QuestionsView>() },
  /** A `report` question's last 30 s of samples and browser; 404 for any other question. */
  snapshot: {
    method: 'GET',
    path: `${EVENT}/questions/:questionId/snapshot`,
    answer: typed<ProblemSnapshot>(),
  },

  report: { method: 'GET', path: `${EVENT}/report`, query: typed<PhaseQuery>(), answer: typed<EventReport>() },
  /** A download (CSV, Parquet or JSON), linked rather than fetched. */
  exportFile: {
    method: 'GET',
    path: `${EVENT}/export/:file`,
    query: typed<PhaseQuery>(),
    answer: typed<Blob>(),
    params: typed<{ file: ExportFile }>(),
  },
  share: {
    method: 'POST',
    path: `${EVENT}/share`,
    query: typed<PhaseQuery & { days?: number }>(),
    answer: typed<ShareLink>(),
  },
  revokeShares: { method: 'DELETE', path: `${EVENT}/share`, answer: typed<{ revoked: number }>() },
  /** Every event with the figures of the phase its report opens on, latest first. */
  pastEvents: { method: 'GET', path: '/api/reports', answer: typed<EventSummaryRow[]>() },
} as const satisfies Record<string, Endpoint>;

export type HostApiContract = typeof HOST_API;
