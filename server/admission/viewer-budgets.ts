/**
 * @module What anonymous viewer traffic may spend, per address and per event (docs/protocol.md, "Budgets"). Each
 * budget is a token bucket; a session's own rate limits (questions, reports, beacons) come on top.
 */
import { createBudget, type Budget, type BudgetRate } from './budget.ts';

export type ViewerBudgetRates = {
  tickets: { address: BudgetRate; event: BudgetRate };
  beacons: { address: BudgetRate; event: BudgetRate };
  /** Failure reports, over the socket or as beacons (a beacon spends `beacons` too). */
  failures: { address: BudgetRate; event: BudgetRate };
  questions: { address: BudgetRate; event: BudgetRate };
  problems: { address: BudgetRate; event: BudgetRate };
};

/**
 * Sized for one office behind one NAT address joining at once (hundreds of viewers), and for an event's audience
 * of thousands arriving within minutes; an attacker's ceiling is what docs/protocol.md computes from these.
 */
export const DEFAULT_VIEWER_BUDGETS: ViewerBudgetRates = {
  tickets: { address: { burst: 300, perMinute: 120 }, event: { burst: 5_000, perMinute: 1_200 } },
  beacons: { address: { burst: 500, perMinute: 300 }, event: { burst: 5_000, perMinute: 3_000 } },
  failures: { address: { burst: 300, perMinute: 120 }, event: { burst: 5_000, perMinute: 1_200 } },
  questions: { address: { burst: 20, perMinute: 10 }, event: { burst: 200, perMinute: 120 } },
  problems: { address: { burst: 10, perMinute: 5 }, event: { burst: 100, perMinute: 30 } },
};

export type BudgetPair = { address: Budget; event: Budget };
export type ViewerBudgets = Record<keyof ViewerBudgetRates, BudgetPair>;

export function createViewerBudgets(rates: ViewerBudgetRates = DEFAULT_VIEWER_BUDGETS): ViewerBudgets {
  const pair = (r: { address: BudgetRate; event: BudgetRate }): BudgetPair => ({
    address: createBudget(r.address),
    event: createBudget(r.event, 10_000),
  });
  return {
    tickets: pair(rates.tickets),
    beacons: pair(rates.beacons),
    failures: pair(rates.failures),
    questions: pair(rates.questions),
    problems: pair(rates.problems),
  };
}
