/** @module The host REST API as typed functions (same origin, session cookie). `fetch` is injected for tests. */
import type * as v from 'valibot';
import type { AlertSettings, AlertsView } from '../../../shared/alert.ts';
import type { EventCreateSchema, KansokuEvent, Phase } from '../../../shared/event.ts';
import type { EventReport, EventSummaryRow, ShareLink } from '../../../shared/event-report.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import type { HostSessionInfo } from '../../../shared/host-session.ts';
import type { Marker, MarkerCreate } from '../../../shared/marker.ts';
import type { ViewerTokenInfo } from '../../../shared/sora-webhook.ts';
import type { Tick } from '../../../shared/tick.ts';
import { requestJson, type Fetch } from '../lib/http.ts';
import type { HistoryRow, ViewerSummary } from '../../../shared/viewer.ts';

export type EventCreateInput = v.InferInput<typeof EventCreateSchema>;

/** What every read of recorded data names: the event and the phase whose numbers it wants (they never mix). */
export type PhaseRef = { readonly eventId: string; readonly phase: Phase };

/** `/api/events/:id/<path>?<query>&phase=<phase>`: the one way a read says which phase it means. */
export function phasePath(ref: PhaseRef, path: string, query: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, val] of Object.entries(query)) params.set(k, String(val));
  params.set('phase', ref.phase);
  return `/api/events/${encodeURIComponent(ref.eventId)}/${path}?${params}`;
}

export function createHostApi(fetcher: Fetch = (input, init) => fetch(input, init)) {
  const get = <T>(path: string) => requestJson<T>(fetcher, path);
  const send = <T>(method: string, path: string, body: unknown) => requestJson<T>(fetcher, path, { method, body });
  const ev = (id: string) => `/api/events/${encodeURIComponent(id)}`;
  return {
    session: () => get<HostSessionInfo>('/api/session'),
    login: (secret: string) => send<HostSessionInfo>('POST', '/api/login', { secret }),
    logout: () => send<{ ok: true }>('POST', '/api/logout', {}),
    events: () => get<KansokuEvent[]>('/api/events'),
    createEvent: (input: EventCreateInput) => send<KansokuEvent>('POST', '/api/events', input),
    setPhase: (id: string, phase: Phase) => send<KansokuEvent>('PATCH', ev(id), { phase }),
    /** The newest `limit` ticks of the phase with `t >= since`, oldest first. */
    ticks: (ref: PhaseRef, since: number, limit: number) =>
      get<Tick[]>(phasePath(ref, 'ticks', { since: Math.max(0, Math.floor(since)), limit })),
    /** The phase's latest tick, or null when it has none. */
    live: (ref: PhaseRef) => get<Tick | null>(phasePath(ref, 'live')),
    /** Newest first; only `session`'s when given. */
    failures: (ref: PhaseRef, limit = 100, session?: string) =>
      get<FailureRecord[]>(phasePath(ref, 'failures', session === undefined ? { limit } : { limit, session })),
    /** Every session of the phase, ended ones included. */
    viewers: (ref: PhaseRef) => get<ViewerSummary[]>(phasePath(ref, 'viewers')),
    viewerHistory: (ref: PhaseRef, sessionId: string) =>
      get<HistoryRow[]>(phasePath(ref, `viewers/${encodeURIComponent(sessionId)}/history`)),
    markers: (ref: PhaseRef) => get<Marker[]>(phasePath(ref, 'markers')),
    alerts: (ref: PhaseRef) => get<AlertsView>(phasePath(ref, 'alerts')),
    /** Markers land in the event's current phase (the server stamps it). */
    addMarker: (id: string, marker: Partial<MarkerCreate>) => send<Marker>('POST', `${ev(id)}/markers`, marker),
    alertRules: (id: string) => get<AlertSettings>(`${ev(id)}/alert-rules`),
    /** `webhook`: null removes it. */
    setAlertRules: (id: string, settings: AlertSettings) =>
      send<AlertSettings>('PUT', `${ev(id)}/alert-rules`, settings),
    /** Posts a test message to `url` from the server and says what the endpoint answered. */
    testWebhook: (id: string, url: string) =>
      send<{ ok: true; status: number } | { ok: false; status: number | null; error: string }>(
        'POST',
        `${ev(id)}/alert-webhook/test`,
        { url },
      ),
    /** The watch link with the event's viewer token; 409 when the server has no SORA_WEBHOOK_SECRET. */
    viewerToken: (id: string) => get<ViewerTokenInfo>(`${ev(id)}/viewer-token`),
    /** The post-event report of one phase (docs/report.md); without a phase, the one the event's report opens on. */
    report: (id: string, phase: Phase | null) => get<EventReport>(`${ev(id)}/report${phase ? `?phase=${phase}` : ''}`),
    /** A share link's report: no host session needed. */
    sharedReport: (token: string) => get<EventReport>(`/api/share/${encodeURIComponent(token)}/report`),
    share: (ref: PhaseRef, days = 30) => send<ShareLink>('POST', phasePath(ref, 'share', { days }), {}),
    /** Revokes every share link of the event. */
    revokeShares: (id: string) => send<{ revoked: number }>('DELETE', `${ev(id)}/share`, undefined),
    /** Every event with the figures of the phase its report opens on, latest first. */
    pastEvents: () => get<EventSummaryRow[]>('/api/reports'),
  };
}

export type HostApi = ReturnType<typeof createHostApi>;
