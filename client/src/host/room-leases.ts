/**
 * @module Counts the views that hold an event's `/host` room on one socket, so the room is left only when the last
 * one lets go. Switching the viewed phase replaces one view with another for the same event; whichever order the
 * old view's teardown and the new view's subscribe run in, the dashboard stays in the room.
 */
export class RoomLeases {
  readonly #held = new Map<string, number>();

  take(eventId: string): void {
    this.#held.set(eventId, (this.#held.get(eventId) ?? 0) + 1);
  }

  /** Returns true when this was the last holder: the caller then leaves the room. */
  give(eventId: string): boolean {
    const n = (this.#held.get(eventId) ?? 0) - 1;
    if (n > 0) {
      this.#held.set(eventId, n);
      return false;
    }
    this.#held.delete(eventId);
    return true;
  }

  held(eventId: string): number {
    return this.#held.get(eventId) ?? 0;
  }
}
