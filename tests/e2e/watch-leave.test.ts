/**
 * Closing the watch page ends the viewing session as "left" at once: the page's pagehide sends the collector's
 * `leave` beacon (while its socket is still connected), so the host sees a viewer who left, not a lost connection
 * 30 s later and never a failure. Real watch page, real sora-js-sdk, fake Sora, headless Chromium; loopback only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tick } from '../../shared/tick.ts';
import type { ViewerTokenInfo } from '../../shared/sora-webhook.ts';
import type { ViewerSummary } from '../../shared/viewer.ts';
import { poll, startE2eEnv, type E2eEnv } from '../harness/fake-sora/e2e-env.ts';

let env: E2eEnv;

beforeAll(async () => {
  env = await startE2eEnv();
});
afterAll(async () => {
  await env?.close();
});

const read = async <T>(path: string): Promise<T> => (await (await env.server.api(path)).json()) as T;

describe('watch page leaving', () => {
  it('ends the session as "left" as soon as the page closes', async () => {
    const event = await env.soraEvent('e2e-leave', { auth: true });
    const { watchPath } = await read<ViewerTokenInfo>(`/api/events/${event.id}/viewer-token`);
    const { page, log } = await env.newPage();
    await page.goto(`${env.server.url}${watchPath}&lang=en`);
    await page
      .getByText('Watching', { exact: true })
      .waitFor({ timeout: 30_000 })
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${log.join('\n')}`);
      });
    const open = await poll(
      async () => {
        const rows = await read<ViewerSummary[]>(`/api/events/${event.id}/viewers`);
        return rows.length === 1 && rows[0]?.state === 'watching' ? rows[0] : undefined;
      },
      20_000,
      'one watching viewer',
    );
    expect(open.ending).toBeNull();

    const closedAt = Date.now();
    await page.close({ runBeforeUnload: true });
    // Well inside the server's 30 s reconnect grace: only the beacon can have ended it this soon.
    const gone = await poll(
      async () => {
        const rows = await read<ViewerSummary[]>(`/api/events/${event.id}/viewers`);
        return rows[0]?.ending ? rows[0] : undefined;
      },
      15_000,
      'the session to end',
    );
    expect(gone.sessionId).toBe(open.sessionId);
    expect(gone.ending).toBe('left');
    expect(gone.endedAt).toBeGreaterThanOrEqual(closedAt - 1_000);
    const tick = await poll(
      async () => {
        const t = await read<Tick | null>(`/api/events/${event.id}/live`);
        return t && t.endings.left === 1 ? t : undefined;
      },
      15_000,
      'a tick counting one viewer who left',
    );
    expect(tick.viewers.total).toBe(0);
    expect(tick.failures).toEqual({});
  });
});
