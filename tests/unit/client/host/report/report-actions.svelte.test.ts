/** ShareState and CompareState against fake APIs: create/revoke a link, pick another event and remember the pick. */
import { describe, expect, it } from 'vitest';
import { CompareState, type ComparePick } from '../../../../../client/src/host/report/compare-state.svelte.ts';
import { ShareState } from '../../../../../client/src/host/report/share-state.svelte.ts';
import type { ShareLink } from '../../../../../shared/event-report.ts';
import type { Phase } from '../../../../../shared/event.ts';
import { fixtureReport } from './report-fixture.ts';

const link: ShareLink = {
  url: 'http://127.0.0.1/share/t',
  apiUrl: 'http://127.0.0.1/api/share/t/report',
  expiresAt: '2030-01-01T00:00:00.000Z',
  phase: 'live',
};

describe('ShareState', () => {
  it('creates a link for the phase, then revokes every link of the event', async () => {
    const calls: string[] = [];
    const share = new ShareState(
      {
        share: async (ref, days) => (calls.push(`share ${ref.eventId} ${ref.phase} ${days}`), link),
        revokeShares: async (id) => (calls.push(`revoke ${id}`), { revoked: 1 }),
      },
      { eventId: 'ev1', phase: 'live' },
    );
    await share.create();
    expect(share.link).toEqual(link);
    await share.revoke();
    expect(share.link).toBeNull();
    expect(share.revoked).toBe(1);
    expect(calls).toEqual(['share ev1 live 30', 'revoke ev1']);
  });

  it('keeps the error of a refused request', async () => {
    const share = new ShareState(
      {
        share: async () => {
          throw new Error('nope');
        },
        revokeShares: async () => ({ revoked: 0 }),
      },
      { eventId: 'e', phase: 'live' },
    );
    await share.create();
    expect(share.error).toBe('nope');
    expect(share.busy).toBe(false);
  });
});

describe('CompareState', () => {
  it('lists events, loads the remembered pick, and clears it', async () => {
    const writes: Array<ComparePick | null> = [];
    const asked: Array<[string, Phase | null]> = [];
    const compare = new CompareState(
      {
        pastEvents: async () => [
          {
            eventId: 'ev2',
            title: 'Last week',
            phase: 'ended',
            date: '2024-01-01T00:00:00Z',
            reportPhase: 'live',
            peakViewers: 3,
            viewerMinutes: 9,
            score: 70,
          },
        ],
        report: async (id, phase) => (asked.push([id, phase]), fixtureReport({ eventId: id, title: 'Last week' })),
      },
      { read: () => ({ eventId: 'ev2', phase: 'rehearsal' }), write: (p) => writes.push(p) },
    );
    await compare.start();
    expect(compare.events).toHaveLength(1);
    expect(compare.other?.title).toBe('Last week');
    expect(asked).toEqual([['ev2', 'rehearsal']]);
    await compare.choose(null);
    expect(compare.other).toBeNull();
    expect(writes.at(-1)).toBeNull();
  });
});
