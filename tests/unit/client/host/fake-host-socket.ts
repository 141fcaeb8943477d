/** @module A fake host socket for the dashboard's state classes: records listeners and emits, and acks them. */
import type { Phase } from '../../../../shared/event.ts';
import type { HostClientEvents, HostSnapshot } from '../../../../shared/events.ts';
import type { Result } from '../../../../shared/result.ts';

type Listener = (...args: never[]) => void;
type Pending = { event: string; payload: unknown; ack: (result: unknown) => void };

/**
 * The test plays the server with `serverEmit`. Emits are acked at once, or held (`hold = true`) until `release()`;
 * `host:subscribe` is answered with `snapshot`, anything else with `answer` (by default `{ ok: true, data: null }`).
 */
export class FakeHostSocket {
  connected = false;
  hold = false;
  readonly emitted: Array<{ event: string; payload: unknown }> = [];
  snapshot: (eventId: string, phase: Phase | undefined) => Result<HostSnapshot> = () => ({
    ok: false,
    error: 'not-found',
  });
  readonly #held: Pending[] = [];
  readonly #listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  emit<E extends keyof HostClientEvents>(event: E, ...args: Parameters<HostClientEvents[E]>): this {
    const [payload, ack] = args as unknown as [unknown, (r: unknown) => void];
    this.emitted.push({ event, payload });
    const pending = { event, payload, ack };
    if (this.hold) this.#held.push(pending);
    else this.#respond(pending);
    return this;
  }

  /** Answers every held emit, in order. */
  release(): void {
    for (const p of this.#held.splice(0)) this.#respond(p);
  }

  serverEmit(event: string, ...args: unknown[]): void {
    for (const fn of this.#listeners.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }

  connect(): void {
    this.connected = true;
    this.serverEmit('connect');
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** The payloads emitted as `event`, oldest first. */
  of(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.payload);
  }

  /** The ack for an emit other than `host:subscribe`; subclasses answer their own events. */
  protected answer(_event: string, _payload: unknown): unknown {
    return { ok: true, data: null };
  }

  #respond({ event, payload, ack }: Pending): void {
    if (event === 'host:subscribe') {
      const { eventId, phase } = payload as { eventId: string; phase?: Phase };
      ack(this.snapshot(eventId, phase));
    } else ack(this.answer(event, payload));
  }
}
