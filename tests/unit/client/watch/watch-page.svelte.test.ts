/** WatchPage: which events reach the join code at all. */
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../../../client/src/watch/public-event.ts';
import { parseRoute, type WatchRoute } from '../../../../client/src/watch/route.ts';
import { WatchPage } from '../../../../client/src/watch/watch-page.svelte.ts';
import type { WatchSession } from '../../../../client/src/watch/watch-session.svelte.ts';
import type { PublicEvent } from '../../../../shared/sora-webhook.ts';
import { publicEvent } from './public-event-fixture.ts';

const EVENT: PublicEvent = publicEvent();

async function loaded(result: LoadResult, path = '/watch/ev'): Promise<{ page: WatchPage; started: number }> {
  let started = 0;
  const fakeSession = { start: async () => void (started += 1), stop: () => undefined } as unknown as WatchSession;
  const page = new WatchPage(parseRoute(path, '') as WatchRoute, {
    load: async () => result,
    createSession: () => fakeSession,
  });
  await page.load();
  return { page, started };
}

describe('WatchPage', () => {
  it('starts a session for a configured event', async () => {
    const { page, started } = await loaded({ ok: true, event: EVENT });
    expect(page.status).toBe('ready');
    expect(started).toBe(1);
  });

  it('never reaches the join code for missing, unconfigured or ended events', async () => {
    expect((await loaded({ ok: false, reason: 'not-found' })).page.status).toBe('not-found');
    expect((await loaded({ ok: false, reason: 'load-error' })).page.status).toBe('load-error');
    expect((await loaded({ ok: true, event: { ...EVENT, sora: null } })).page.status).toBe('not-configured');
    const ended = await loaded({ ok: true, event: { ...EVENT, phase: 'ended' } });
    expect(ended.page.status).toBe('event-ended');
    expect(ended.started).toBe(0);
  });

  it('still checks after the event ended (viewers test ahead of the next one)', async () => {
    const { page, started } = await loaded({ ok: true, event: { ...EVENT, phase: 'ended' } }, '/check/ev');
    expect(page.status).toBe('ready');
    expect(started).toBe(1);
  });
});
