/** @module Backfill paging and the gap scheduler (cursor, retries) with an in-memory channel history. */
import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { backfill, type FetchMessagesPage } from '../../../../server/questions/discord-backfill.ts';
import { createBackfillScheduler, type BackfillOutcome } from '../../../../server/questions/discord-gap.ts';
import { apiMessage } from '../../../harness/fake-discord/fake-payloads.ts';
import { waitUntil } from '../../../harness/fake-discord/wait-until.ts';

const author = { id: '1', username: 'alice' };
const history = (channelId: string, ids: number[]): APIMessage[] =>
  ids.map((id) => apiMessage({ id: String(id), channelId, author, content: `m${id}` }));

/** Answers like Discord: the `limit` messages right after `after`, newest first. */
function pagesFrom(channels: Record<string, APIMessage[]>, calls: string[] = []): FetchMessagesPage {
  return async (channelId, after) => {
    calls.push(`${channelId}>${after}`);
    const newer = (channels[channelId] ?? []).filter((m) => BigInt(m.id) > BigInt(after));
    return newer.slice(0, 100).reverse();
  };
}

describe('backfill', () => {
  test('pages forward oldest first across channels and reports the newest id', async () => {
    const calls: string[] = [];
    const ids = Array.from({ length: 250 }, (_, i) => 1_000 + i);
    const seen: string[] = [];
    const result = await backfill({
      channelIds: ['10', '11'],
      after: '999',
      fetchPage: pagesFrom({ '10': history('10', ids), '11': history('11', [5_000]) }, calls),
      onMessage: (m) => void seen.push(m.id),
      signal: new AbortController().signal,
    });
    expect(seen).toEqual([...ids.map(String), '5000']);
    expect(calls).toEqual(['10>999', '10>1099', '10>1199', '11>999']);
    expect(result).toEqual({ messages: 251, newest: '5000', complete: true });
  });

  test('stops at maxPages and says it is incomplete', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => 1_000 + i);
    const result = await backfill({
      channelIds: ['10'],
      after: '0',
      fetchPage: pagesFrom({ '10': history('10', ids) }),
      onMessage: () => {},
      signal: new AbortController().signal,
      maxPages: 2,
    });
    expect(result).toMatchObject({ messages: 200, complete: false });
  });

  test('an aborted signal rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    const run = backfill({
      channelIds: ['10'],
      after: '0',
      fetchPage: pagesFrom({}),
      onMessage: () => {},
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow();
  });
});

describe('gap scheduler', () => {
  afterEach(() => void vi.useRealTimers());

  function scheduler(fetchPage: FetchMessagesPage, initialCursor: string | null = '100') {
    const outcomes: BackfillOutcome[] = [];
    const delivered: string[] = [];
    const gap = createBackfillScheduler({
      initialCursor,
      now: () => Date.UTC(2026, 0, 1),
      retryDelayMs: 5,
      timeoutMs: 1_000,
      channelIds: () => ['10'],
      fetchPage,
      onMessage: (m) => void delivered.push(m.id),
      retryAfterOf: () => 0,
      onOutcome: (outcome) => void outcomes.push(outcome),
    });
    gap.reset();
    return { gap, outcomes, delivered };
  }

  test('a fresh session fetches after the newest message seen', async () => {
    const calls: string[] = [];
    const { gap, outcomes } = scheduler(pagesFrom({ '10': history('10', [150, 160]) }, calls));
    gap.noteMessage('120');
    gap.sessionStarted();
    await waitUntil(() => outcomes.length === 1);
    expect(calls).toEqual(['10>120']);
    expect(outcomes[0]).toEqual({ ok: true, messages: 2, after: '120' });
  });

  test('without a stored cursor it starts at the snowflake of reset() time', async () => {
    const calls: string[] = [];
    const { gap, outcomes } = scheduler(pagesFrom({}, calls), null);
    gap.sessionStarted();
    await waitUntil(() => outcomes.length === 1);
    // (2026-01-01 − Discord epoch) << 22
    expect(calls).toEqual([`10>${((BigInt(Date.UTC(2026, 0, 1)) - 1_420_070_400_000n) << 22n).toString()}`]);
  });

  test('a failed run keeps the gap open and retries from the same cursor', async () => {
    const calls: string[] = [];
    let failures = 1;
    const { gap, outcomes, delivered } = scheduler(async (channelId, after, signal) => {
      if (failures-- > 0) throw new Error('HTTP 503');
      return pagesFrom({ '10': history('10', [130]) }, calls)(channelId, after, signal);
    });
    gap.sessionStarted();
    gap.noteMessage('500'); // live traffic after the new session must not move the gap's start
    await waitUntil(() => outcomes.some((o) => o.ok));
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    expect(calls).toEqual(['10>100']);
    expect(delivered).toEqual(['130']);
    gap.stop();
  });

  test('stop cancels a pending retry', async () => {
    vi.useFakeTimers();
    const fetchPage = vi.fn<FetchMessagesPage>(async () => {
      throw new Error('down');
    });
    const { gap, outcomes } = scheduler(fetchPage);
    gap.sessionStarted();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcomes).toEqual([{ ok: false, error: new Error('down'), retryInMs: 5 }]);
    await vi.advanceTimersByTimeAsync(5);
    expect(fetchPage).toHaveBeenCalledTimes(2);
    gap.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});
