/** @module The REST call the upload panel needs: the phase's upload status and history. `fetch` is injected for tests. */
import type { Phase } from '../../../../shared/event.ts';
import { HOST_API } from '../../../../shared/host-api.ts';
import type { Fetch } from '../../lib/http.ts';
import { restClient } from '../../lib/rest-client.ts';

export type UploadRef = { readonly eventId: string; readonly phase: Phase };

export function createUploadApi(fetcher: Fetch = (input, init) => fetch(input, init)) {
  const call = restClient(fetcher);
  return {
    /** The status now and the phase's points, oldest first. */
    view: (ref: UploadRef) => call(HOST_API.publisher, { params: { id: ref.eventId }, query: { phase: ref.phase } }),
  };
}

export type UploadApi = ReturnType<typeof createUploadApi>;
