/**
 * @module Sora's side of each event (pure): event-webhook and auth-webhook counts, per phase like the monitors,
 * so rehearsal numbers never leak into the live event. Memory is bounded per event.
 */
import type { Phase } from '../../shared/event.ts';
import type { SoraSideSummary } from '../../shared/sora-webhook.ts';
import { Tally } from '../live/tally.ts';
import type { ConnectionUpdate } from './event-webhook.ts';

/** Distinct reasons kept per map; the rest are counted under `other`. */
const MAX_REASONS = 30;
const MAX_RECENT_FAILED = 20;

/** Reasons are Sora's (or a client's) strings: counted in a Map, never as object keys (issue 10). */
type Entry = Omit<SoraSideSummary, 'sfu' | 'destroyedReasons' | 'auth'> & {
  destroyedReasons: Tally;
  auth: Omit<SoraSideSummary['auth'], 'deniedReasons'> & { deniedReasons: Tally };
};

const emptyEntry = (phase: Phase): Entry => ({
  phase,
  webhooks: { created: 0, updated: 0, destroyed: 0, failed: 0, lastAt: null },
  destroyedReasons: new Tally(),
  recentFailed: [],
  auth: { attempts: 0, allowed: 0, denied: 0, deniedReasons: new Tally() },
});

function bump(counts: Tally, key: string): void {
  counts.add(counts.get(key) > 0 || counts.size < MAX_REASONS ? key : 'other');
}

export class SoraLedger {
  readonly #entries = new Map<string, Entry>();

  /** The entry for the event's current phase; a phase change starts a fresh one. */
  #entry(eventId: string, phase: Phase): Entry {
    const existing = this.#entries.get(eventId);
    if (existing && existing.phase === phase) return existing;
    const fresh = emptyEntry(phase);
    this.#entries.set(eventId, fresh);
    return fresh;
  }

  recordConnection(eventId: string, phase: Phase, update: ConnectionUpdate): void {
    const entry = this.#entry(eventId, phase);
    const w = entry.webhooks;
    w.lastAt = Math.max(w.lastAt ?? 0, update.t);
    if (update.kind === 'connection.failed') {
      w.failed += 1;
      entry.recentFailed.unshift({ t: update.t, message: update.message ?? '' });
      entry.recentFailed.length = Math.min(entry.recentFailed.length, MAX_RECENT_FAILED);
      return;
    }
    if (!update.viewer) return; // the broadcaster's own connection events only carry the count
    if (update.kind === 'connection.created') w.created += 1;
    else if (update.kind === 'connection.updated') w.updated += 1;
    else {
      w.destroyed += 1;
      bump(entry.destroyedReasons, update.reason ?? 'unknown');
    }
  }

  recordAuth(eventId: string, phase: Phase, allowed: boolean, reason: string | null): void {
    const auth = this.#entry(eventId, phase).auth;
    auth.attempts += 1;
    if (allowed) auth.allowed += 1;
    else {
      auth.denied += 1;
      bump(auth.deniedReasons, reason ?? 'unknown');
    }
  }

  summary(eventId: string, phase: Phase, sfu: SoraSideSummary['sfu']): SoraSideSummary {
    const entry = this.#entries.get(eventId);
    const e = entry && entry.phase === phase ? entry : emptyEntry(phase);
    return {
      phase: e.phase,
      sfu: sfu ? { ...sfu } : null,
      webhooks: { ...e.webhooks },
      destroyedReasons: e.destroyedReasons.toRecord(MAX_REASONS + 1),
      recentFailed: e.recentFailed.map((f) => ({ ...f })),
      auth: { ...e.auth, deniedReasons: e.auth.deniedReasons.toRecord(MAX_REASONS + 1) },
    };
  }

  forget(eventId: string): void {
    this.#entries.delete(eventId);
  }
}
