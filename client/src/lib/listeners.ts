/**
 * @module Typing helper for the socket subsets state classes accept: one overload per event, so a real typed
 * socket.io `Socket` fits and a test fake can be a plain object.
 */

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** `on(event, listener)` (or `off`) overloaded for every event of the map. */
export type ListenerMethod<M> = UnionToIntersection<{ [E in keyof M]: (event: E, listener: M[E]) => unknown }[keyof M]>;

type LooseMethod = (event: string, listener: unknown) => unknown;

/**
 * Adds every listener in `handlers` to `socket` and returns the function that removes exactly those, so a state
 * class lists its events once. `M` is the socket's event map (named explicitly: it cannot be inferred from overloads).
 */
export function listen<M>(socket: { on: ListenerMethod<M>; off: ListenerMethod<M> }, handlers: Partial<M>): () => void {
  const entries = Object.entries(handlers) as Array<[string, unknown]>;
  for (const [event, listener] of entries) (socket.on as unknown as LooseMethod).call(socket, event, listener);
  return () => {
    for (const [event, listener] of entries) (socket.off as unknown as LooseMethod).call(socket, event, listener);
  };
}
