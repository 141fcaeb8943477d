/** @module Time as a dependency: the real clock and timers, replaced by fakes in tests. */
import { globalTimers, type Timers } from '../shared/timers.ts';

export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

export type { Timers } from '../shared/timers.ts';

export const systemTimers: Timers = globalTimers();
