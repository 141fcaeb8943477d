/** @module Timers as a dependency of both sides: the port, and the real ones, replaced by fakes in tests. */

/** Handles are opaque: browsers return numbers, Node returns objects, fakes return whatever they like. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
};

type Handle = ReturnType<typeof globalThis.setTimeout>;

/** The real timers. Wrapped, because calling `setTimeout` as a method of another object throws in browsers. */
export function globalTimers(): Timers {
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as Handle),
    setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as Handle),
  };
}
