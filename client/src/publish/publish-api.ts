/** @module The REST calls of the publisher page: the event (its Sora settings) and the event's publisher token. */
import { HOST_API } from '../../../shared/host-api.ts';
import { HttpError, type Fetch } from '../lib/http.ts';
import { restClient } from '../lib/rest-client.ts';

export function createPublishApi(fetcher: Fetch = (input, init) => fetch(input, init)) {
  const call = restClient(fetcher);
  return {
    event: (eventId: string) => call(HOST_API.event, { params: { id: eventId } }),
    /**
     * The token Kansoku's Sora auth webhook expects from this event's publisher, or null when the server has no
     * webhook secret (409: Sora then does not ask Kansoku).
     */
    async publisherToken(eventId: string): Promise<string | null> {
      try {
        return (await call(HOST_API.viewerToken, { params: { id: eventId } })).publisherToken;
      } catch (error) {
        if (error instanceof HttpError && error.status === 409) return null;
        throw error;
      }
    },
  };
}

export type PublishApi = ReturnType<typeof createPublishApi>;
