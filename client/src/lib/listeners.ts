/**
 * @module Typing helper for the socket subsets state classes accept: one overload per event, so a real typed
 * socket.io `Socket` fits and a test fake can be a plain object.
 */

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** `on(event, listener)` (or `off`) overloaded for every event of the map. */
export type ListenerMethod<M> = UnionToIntersection<{ [E in keyof M]: (event: E, listener: M[E]) => unknown }[keyof M]>;
