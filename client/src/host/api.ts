/** @module The host REST API as typed functions (same origin, session cookie). `fetch` is injected for tests. */
import type * as v from 'valibot';
import type { AlertRule, AlertsView } from '../../../shared/alert.ts';
import type { EventCreateSchema, KansokuEvent, Phase } from '../../../shared/event.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import type { HostSessionInfo } from '../../../shared/host-session.ts';
import type { Marker, MarkerCreate } from '../../../shared/marker.ts';
import type { Tick } from '../../../shared/tick.ts';
import { requestJson, type Fetch } from '../lib/http.ts';
import type { HistoryRow, ViewerSummary } from '../../../shared/viewer.ts';

export type EventCreateInput = v.InferInput<typeof EventCreateSchema>;

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
    /** The newest `limit` ticks of the current phase with `t >= since`, oldest first. */
    ticks: (id: string, since: number, limit: number) => get<Tick[]>(`${ev(id)}/ticks?since=${Math.max(0, Math.floor(since))}&limit=${limit}`),
    failures: (id: string, limit = 100) => get<FailureRecord[]>(`${ev(id)}/failures?limit=${limit}`),
    viewers: (id: string) => get<ViewerSummary[]>(`${ev(id)}/viewers`),
    viewerHistory: (id: string, sessionId: string) => get<HistoryRow[]>(`${ev(id)}/viewers/${encodeURIComponent(sessionId)}/history`),
    markers: (id: string) => get<Marker[]>(`${ev(id)}/markers`),
    addMarker: (id: string, marker: Partial<MarkerCreate>) => send<Marker>('POST', `${ev(id)}/markers`, marker),
    alerts: (id: string) => get<AlertsView>(`${ev(id)}/alerts`),
    alertRules: (id: string) => get<{ rules: AlertRule[] }>(`${ev(id)}/alert-rules`),
    setAlertRules: (id: string, rules: AlertRule[]) => send<{ rules: AlertRule[] }>('PUT', `${ev(id)}/alert-rules`, { rules }),
  };
}

export type HostApi = ReturnType<typeof createHostApi>;
