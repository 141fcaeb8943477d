/**
 * @module PublishSession: the publisher page's state. Starts the screen share on the event's Sora channel (with its
 * own watchdog: sora-js-sdk's connect never times out, reference sora.md §1.7), attaches the collector in publisher
 * mode to it, shows the upload as the host sees it (each ack's status), and stops both on request, when the browser's
 * "Stop sharing" ends the capture, or when Sora drops the connection. Browser, SDK and collector are injected.
 */
import type { Timers } from '../../../shared/timers.ts';
import type { PublisherAttached, PublisherAttachOptions } from '../collector/attach-publisher.ts';
import type { AttachTarget } from '../collector/stats-source.ts';
import type { UploadState } from '../host/upload/upload-state.svelte.ts';
import type { Publication, PublishHooks, PublishPlan } from './sora-publisher.ts';

export type PublishStatus = 'idle' | 'starting' | 'live' | 'stopping' | 'ended' | 'failed';

/** How long connecting may take before the attempt is abandoned. */
export const PUBLISH_TIMEOUT_MS = 30_000;

export type PublishDeps = {
  /** Origin of the Kansoku server (the page's own). */
  server: string;
  eventId: string;
  publish(plan: PublishPlan, hooks: PublishHooks): Promise<Publication>;
  attach(target: AttachTarget, options: PublisherAttachOptions): PublisherAttached;
  /** The upload view fed by the acks (the dashboard's Upload panel on this page). */
  upload(attached: PublisherAttached): UploadState;
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  now(): number;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class PublishSession {
  status = $state<PublishStatus>('idle');
  error = $state<string | null>(null);
  /** The server's last refusal of a report (the upload itself goes on). */
  refused = $state<string | null>(null);
  startedAt = $state<number | null>(null);
  upload = $state.raw<UploadState | null>(null);

  readonly #deps: PublishDeps;
  #publication: Publication | null = null;
  #attached: PublisherAttached | null = null;

  constructor(deps: PublishDeps) {
    this.#deps = deps;
  }

  get busy(): boolean {
    return this.status === 'starting' || this.status === 'stopping';
  }

  async start(plan: PublishPlan): Promise<void> {
    if (this.status === 'starting' || this.status === 'live' || this.status === 'stopping') return;
    this.status = 'starting';
    this.error = null;
    this.refused = null;
    const hooks: PublishHooks = {
      onCaptureEnded: () => void this.stop('ended'),
      onDisconnect: (reason) => {
        if (this.status !== 'live') return;
        this.error = reason;
        void this.stop('failed');
      },
    };
    let timer: unknown;
    const attempt = this.#deps.publish(plan, hooks);
    const timeout = new Promise<never>((_, reject) => {
      timer = this.#deps.timers.setTimeout(
        () => reject(new Error(`no connection to Sora within ${PUBLISH_TIMEOUT_MS / 1000} s`)),
        PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      this.#publication = await Promise.race([attempt, timeout]);
    } catch (error) {
      // A late success after the watchdog fired is stopped at once.
      void attempt.then((late) => late.stop()).catch(() => undefined);
      this.status = 'failed';
      this.error = message(error);
      return;
    } finally {
      this.#deps.timers.clearTimeout(timer);
    }
    const attached = this.#deps.attach(this.#publication.connection, {
      role: 'publisher',
      server: this.#deps.server,
      eventId: this.#deps.eventId,
      targetFps: plan.frameRate,
      onStatus: (status) => {
        this.refused = null;
        this.upload?.receive(status);
      },
      onRefused: (failure) => (this.refused = failure.message ?? failure.error),
    });
    this.#attached = attached;
    this.upload = this.#deps.upload(attached);
    this.startedAt = this.#deps.now();
    this.status = 'live';
  }

  /** Ends the publication; `end` is where it lands (`ended` after the browser stopped the capture). */
  async stop(end: 'idle' | 'ended' | 'failed' = 'idle'): Promise<void> {
    if (this.status !== 'live') return;
    this.status = 'stopping';
    const [attached, publication] = [this.#attached, this.#publication];
    this.#attached = null;
    this.#publication = null;
    // The collector's last batch says `end` while the connection's numbers are still readable.
    await attached?.detach().catch(() => undefined);
    await publication?.stop().catch(() => undefined);
    this.status = end;
  }
}
