/**
 * @module REST for questions (host only, behind the `/api/events/*` guard): `GET /:id/questions` → QuestionsView,
 * `GET /:id/questions/:questionId/snapshot` → the ProblemSnapshot of a viewer's problem report.
 */
import { Hono } from 'hono';
import type { KansokuEvent } from '../../shared/event.ts';
import { HOST_API } from '../../shared/host-api.ts';
import { QuestionIdSchema, type QuestionsView } from '../../shared/question.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { HttpError } from '../http/http-error.ts';
import { serve } from '../http/serve.ts';
import { parseInput } from '../http/validate.ts';
import type { QuestionStore } from './question-store.ts';
import type { StoredSnapshot } from './viewer-questions.ts';

export type QuestionRoutesDeps = {
  catalog: EventCatalog;
  store: Pick<QuestionStore, 'snapshot'>;
  view(event: KansokuEvent): Promise<QuestionsView>;
};

const BASE = '/api/events';

export function questionRoutes(deps: QuestionRoutesDeps): Hono {
  const routes = new Hono();
  serve(routes, BASE, HOST_API.questions, async (_c, { params, reply }) =>
    reply(await deps.view(requireEvent(deps.catalog, params.id))),
  );
  serve(routes, BASE, HOST_API.snapshot, async (_c, { params, reply }) => {
    const event = requireEvent(deps.catalog, params.id);
    const questionId = parseInput(QuestionIdSchema, params.questionId);
    const stored = await deps.store.snapshot(event.id, questionId);
    if (stored === null) throw new HttpError(404, 'not-found', `no problem report with id "${questionId}"`);
    return reply({ questionId, eventId: event.id, ...(JSON.parse(stored) as StoredSnapshot) });
  });
  return routes;
}
