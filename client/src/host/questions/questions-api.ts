/** @module The REST call the questions panel needs beyond the socket: a problem report's snapshot. `fetch` is injected for tests. */
import type { ProblemSnapshot } from '../../../../shared/question.ts';
import { requestJson, type Fetch } from '../../lib/http.ts';

export function createQuestionsApi(fetcher: Fetch = (input, init) => fetch(input, init)) {
  return {
    /** The last 30 s of samples and the browser of a `report` question; 404 for any other question. */
    snapshot: (eventId: string, questionId: string) =>
      requestJson<ProblemSnapshot>(
        fetcher,
        `/api/events/${encodeURIComponent(eventId)}/questions/${encodeURIComponent(questionId)}/snapshot`,
      ),
  };
}

export type QuestionsApi = ReturnType<typeof createQuestionsApi>;
