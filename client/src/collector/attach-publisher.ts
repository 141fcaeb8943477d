/**
 * @module `attach(sendonlyConnection, { role: 'publisher', server, eventId })`: the collector's publisher mode for the
 * broadcaster's own page. It reports the upload over the host socket (the page must be a host's: the dashboard's
 * session cookie, or `token`), and hands the status the dashboards see to `onStatus`.
 */
import type { PublisherStatus } from '../../../shared/publisher-status.ts';
import type { Failure } from '../../../shared/result.ts';
import { createPublisherCollector, type PublisherCollector } from './publisher-collector.ts';
import { statsSource, type AttachTarget } from './stats-source.ts';
import { connectPublisherSocket, newPublisherId, type PublisherHostSocket } from './publisher-socket.ts';

export type PublisherAttachOptions = {
  role: 'publisher';
  /** Origin of the Kansoku server, e.g. `https://kansoku.example.com`. */
  server: string;
  eventId: string;
  /** The host token, for a page that is not on Kansoku's origin (otherwise the dashboard's session cookie is used). */
  token?: string;
  /** The frame rate the page asked the screen capture for (judged against when the media source reports none). */
  targetFps?: number;
  /** Every acknowledged batch's status: what the host's dashboard shows of this upload right now. */
  onStatus?: (status: PublisherStatus) => void;
  /** A batch the server refused (rate-limited, unavailable, invalid). */
  onRefused?: (failure: Failure) => void;
};

export type PublisherAttached = {
  collector: PublisherCollector;
  /** This attach's publisher id (a reload or a second attach reports as another publisher). */
  publisherId: string;
  socket: PublisherHostSocket;
  /** Stops reporting: sends what is left marked as the end of the upload, then closes the socket. */
  detach(): Promise<void>;
};

export function attachPublisher(target: AttachTarget, options: PublisherAttachOptions): PublisherAttached {
  const socket = connectPublisherSocket({ server: options.server, token: options.token });
  const publisherId = newPublisherId();
  const collector = createPublisherCollector({
    ...statsSource(target),
    socket,
    eventId: options.eventId,
    publisherId,
    targetFps: options.targetFps,
    onStatus: options.onStatus,
    onRefused: options.onRefused,
  });
  collector.start();
  return {
    collector,
    publisherId,
    socket,
    async detach() {
      await collector.stop();
      socket.disconnect();
    },
  };
}
