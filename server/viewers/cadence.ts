/**
 * @module The cadence viewers are asked to send at (pure): the audience rule (2 s, 5 s above BIG_AUDIENCE_VIEWERS)
 * stretched by what the server measures each second — event-loop delay and how long the record's commits take.
 * Under pressure it steps up (×2, ×4, ×8 of the audience cadence, at most MAX_SEND_INTERVAL_MS) after a few bad
 * seconds in a row, and back down one step after a healthy stretch, so an overload degrades cadence instead of
 * collapsing, and the cadence does not flap. Samples are still polled every second: fewer, bigger batches.
 */
import {
  BIG_AUDIENCE_SEND_INTERVAL_MS,
  BIG_AUDIENCE_VIEWERS,
  DEFAULT_SEND_INTERVAL_MS,
  MAX_SEND_INTERVAL_MS,
} from '../../shared/limits.ts';

/** Event-loop delay (p99 over the last second) above which a second counts as under pressure. */
export const LOOP_DELAY_PRESSURE_MS = 200;
/** A record commit slower than this counts as pressure (acks wait for commits). */
export const COMMIT_PRESSURE_MS = 750;
/** Bad seconds in a row before one step up, and healthy seconds in a row before one step down. */
export const STEP_UP_AFTER_S = 3;
export const STEP_DOWN_AFTER_S = 30;
/** Multipliers of the audience cadence, one per pressure level. */
export const PRESSURE_FACTORS = [1, 2, 4, 8] as const;

export type Health = { loopDelayMs: number; commitMs: number | null };

export type Cadence = {
  /** One second's measurements (called once per tick). */
  observe(health: Health): void;
  /** The interval to ask a viewer of an event with `audience` open sessions for. */
  intervalFor(audience: number, bigAudience?: number): number;
  /** 0 when healthy, up to PRESSURE_FACTORS.length − 1. */
  readonly level: number;
};

export function createCadence(): Cadence {
  let level = 0;
  let bad = 0;
  let good = 0;
  return {
    observe({ loopDelayMs, commitMs }) {
      const pressured = loopDelayMs > LOOP_DELAY_PRESSURE_MS || (commitMs !== null && commitMs > COMMIT_PRESSURE_MS);
      bad = pressured ? bad + 1 : 0;
      good = pressured ? 0 : good + 1;
      if (bad >= STEP_UP_AFTER_S && level < PRESSURE_FACTORS.length - 1) {
        level += 1;
        bad = 0;
      } else if (good >= STEP_DOWN_AFTER_S && level > 0) {
        level -= 1;
        good = 0;
      }
    },
    intervalFor(audience, bigAudience = BIG_AUDIENCE_VIEWERS) {
      const base = audience > bigAudience ? BIG_AUDIENCE_SEND_INTERVAL_MS : DEFAULT_SEND_INTERVAL_MS;
      return Math.min(MAX_SEND_INTERVAL_MS, base * (PRESSURE_FACTORS[level] ?? 1));
    },
    get level() {
      return level;
    },
  };
}
