/**
 * @module The host REST API as the dashboard's functions: each calls an endpoint of the contract
 * (shared/host-api.ts), so paths, bodies and answers are typed from one source. `fetch` is injected for tests.
 */
import type * as v from 'valibot';
import type { AlertSettings } from '../../../shared/alert.ts';
import type { EventCreateSchema, Phase } from '../../../shared/event.ts';
import { HOST_API } from '../../../shared/host-api.ts';
import type { MarkerCreate } from '../../../shared/marker.ts';
import { SHARED_REPORT } from '../../../shared/public-api.ts';
import type { Fetch } from '../lib/http.ts';
import { restClient } from '../lib/rest-client.ts';

export type EventCreateInput = v.InferInput<typeof EventCreateSchema>;

/** What every read of recorded data names: the event and the phase whose numbers it wants (they never mix). */
export type PhaseRef = { readonly eventId: string; readonly phase: Phase };

const A = HOST_API;
const of = (ref: PhaseRef) => ({ params: { id: ref.eventId }, query: { phase: ref.phase } });
const event = (id: string) => ({ params: { id } });

export function createHostApi(fetcher: Fetch = (input, init) => fetch(input, init)) {
  const call = restClient(fetcher);
  return {
    session: () => call(A.session),
    login: (secret: string) => call(A.login, { body: { secret } }),
    logout: () => call(A.logout),
    events: () => call(A.events),
    createEvent: (input: EventCreateInput) => call(A.createEvent, { body: input }),
    setPhase: (id: string, phase: Phase) => call(A.updateEvent, { ...event(id), body: { phase } }),
    /** The newest `limit` ticks of the phase with `t >= since`, oldest first. */
    ticks: (ref: PhaseRef, since: number, limit: number) =>
      call(A.ticks, {
        params: { id: ref.eventId },
        query: { since: Math.max(0, Math.floor(since)), limit, phase: ref.phase },
      }),
    /** The phase's latest tick, or null when it has none. */
    live: (ref: PhaseRef) => call(A.live, of(ref)),
    /** Newest first; only `session`'s when given. */
    failures: (ref: PhaseRef, limit = 100, session?: string) =>
      call(A.failures, { params: { id: ref.eventId }, query: { limit, session, phase: ref.phase } }),
    /** Every session of the phase, ended ones included. */
    viewers: (ref: PhaseRef) => call(A.viewers, of(ref)),
    viewerHistory: (ref: PhaseRef, sessionId: string) =>
      call(A.viewerHistory, { params: { id: ref.eventId, sessionId }, query: { phase: ref.phase } }),
    markers: (ref: PhaseRef) => call(A.markers, of(ref)),
    alerts: (ref: PhaseRef) => call(A.alerts, of(ref)),
    /** Markers land in the event's current phase (the server stamps it). */
    addMarker: (id: string, marker: Partial<MarkerCreate>) => call(A.addMarker, { ...event(id), body: marker }),
    alertRules: (id: string) => call(A.alertRules, event(id)),
    /** `webhook`: null removes it. */
    setAlertRules: (id: string, settings: AlertSettings) => call(A.setAlertRules, { ...event(id), body: settings }),
    /** Posts a test message to `url` from the server and says what the endpoint answered. */
    testWebhook: (id: string, url: string) => call(A.testWebhook, { ...event(id), body: { url } }),
    /** The watch link with the event's viewer token; 409 when the server has no SORA_WEBHOOK_SECRET. */
    viewerToken: (id: string) => call(A.viewerToken, event(id)),
    /** The post-event report of one phase (docs/report.md); without a phase, the one the event's report opens on. */
    report: (id: string, phase: Phase | null) => call(A.report, { ...event(id), query: { phase: phase ?? undefined } }),
    /** A share link's report: no host session needed. */
    sharedReport: (token: string) => call(SHARED_REPORT, { params: { token } }),
    share: (ref: PhaseRef, days = 30) =>
      call(A.share, { params: { id: ref.eventId }, query: { days, phase: ref.phase } }),
    /** Revokes every share link of the event. */
    revokeShares: (id: string) => call(A.revokeShares, event(id)),
    /** Every event with the figures of the phase its report opens on, latest first. */
    pastEvents: () => call(A.pastEvents),
    /** A `report` question's last 30 s of samples and browser; 404 for any other question. */
    snapshot: (eventId: string, questionId: string) => call(A.snapshot, { params: { id: eventId, questionId } }),
  };
}

export type HostApi = ReturnType<typeof createHostApi>;
