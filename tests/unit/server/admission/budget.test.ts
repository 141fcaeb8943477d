import { describe, expect, it } from 'vitest';
import { createBudget, takeAll } from '../../../../server/admission/budget.ts';

describe('createBudget', () => {
  it('spends a burst, then refills at its rate per key', () => {
    const budget = createBudget({ burst: 3, perMinute: 60 });
    expect([1, 2, 3, 4].map(() => budget.take('a', 0))).toEqual([true, true, true, false]);
    expect(budget.take('b', 0)).toBe(true);
    expect(budget.take('a', 999)).toBe(false);
    expect(budget.take('a', 1_000)).toBe(true);
    budget.refund('a');
    expect(budget.take('a', 1_000)).toBe(true);
  });

  it('forgets the least recently used keys beyond maxKeys', () => {
    const budget = createBudget({ burst: 1, perMinute: 1 }, 2);
    budget.take('a', 0);
    budget.take('b', 0);
    budget.take('c', 0);
    expect(budget.trackedKeys).toBe(2);
    expect(budget.take('a', 0)).toBe(true); // forgotten, so full again
    expect(budget.take('c', 0)).toBe(false);
  });
});

describe('takeAll', () => {
  it('takes from every budget or from none', () => {
    const address = createBudget({ burst: 5, perMinute: 0 });
    const event = createBudget({ burst: 1, perMinute: 0 });
    expect(takeAll(0, [address, '1.2.3.4'], [event, 'ev'])).toBe(true);
    expect(takeAll(0, [address, '1.2.3.4'], [event, 'ev'])).toBe(false);
    // The address was refunded for the refused attempt: 4 left.
    expect([1, 2, 3, 4, 5].map(() => address.take('1.2.3.4', 0))).toEqual([true, true, true, true, false]);
  });
});
