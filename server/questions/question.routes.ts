/**
 * @module REST for questions (host only, behind the `/api/events/*` guard): `GET /:id/questions` → QuestionsView,
 * `GET /:id/questions/:questionId/snapshot` → the ProblemSnapshot of a viewer's problem report.
 */
import { Hono } from 'hono';
import type { KansokuEvent } from '../../shared/event.ts';
import { QuestionIdSchema, type ProblemSnapshot, type QuestionsView } from '../../shared/question.ts';
import type { EventCatalog } from '../events/event-catalog.ts';
import { requireEvent } from '../http/require-event.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput } from '../http/validate.ts';
import type { QuestionStore } from './question-store.ts';
import type { StoredSnapshot } from './viewer-questions.ts';

export type QuestionRoutesDeps = {
  catalog: EventCatalog;
  store: Pick<QuestionStore, 'snapshot'>;
  view(event: KansokuEvent): Promise<QuestionsView>;
};

export function questionRoutes(deps: QuestionRoutesDeps): Hono {
  const routes = new Hono();
  routes.get('/:id/questions', async (c) => c.json(await deps.view(requireEvent(deps.catalog, c.req.param('id')))));
  routes.get('/:id/questions/:questionId/snapshot', async (c) => {
    const event = requireEvent(deps.catalog, c.req.param('id'));
    const questionId = parseInput(QuestionIdSchema, c.req.param('questionId'));
    const stored = await deps.store.snapshot(event.id, questionId);
    if (stored === null) throw new HttpError(404, 'not-found', `no problem report with id "${questionId}"`);
    const snapshot: ProblemSnapshot = { questionId, eventId: event.id, ...(JSON.parse(stored) as StoredSnapshot) };
    return c.json(snapshot);
  });
  return routes;
}
