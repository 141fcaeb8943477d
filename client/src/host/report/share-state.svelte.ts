/**
 * @module The report's share link: create one (`POST /api/events/:id/share`, the link and its expiry shown with a
 * copy button) and revoke every link of the event (`DELETE`).
 */
import type { ShareLink } from '../../../../shared/event-report.ts';
import type { HostApi, PhaseRef } from '../api.ts';

export class ShareState {
  link = $state.raw<ShareLink | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Links revoked by the last "Revoke", or null before any. */
  revoked = $state<number | null>(null);
  readonly #api: Pick<HostApi, 'share' | 'revokeShares'>;
  readonly #ref: PhaseRef;

  constructor(api: Pick<HostApi, 'share' | 'revokeShares'>, ref: PhaseRef) {
    this.#api = api;
    this.#ref = ref;
  }

  create(days = 30): Promise<void> {
    return this.#run(async () => {
      this.link = await this.#api.share(this.#ref, days);
      this.revoked = null;
    });
  }

  revoke(): Promise<void> {
    return this.#run(async () => {
      this.revoked = (await this.#api.revokeShares(this.#ref.eventId)).revoked;
      this.link = null;
    });
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.busy = false;
  }
}
