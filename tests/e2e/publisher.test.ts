/**
 * The broadcaster's upload end to end: a real Chromium opens /publish/:eventId, shares its (fake) screen and
 * microphone to the fake Sora with the real sora-js-sdk (sendonly, admitted by Kansoku's auth webhook with the
 * publisher token), and its collector's samples reach the dashboard's Upload panel. Then the page's reports are cut
 * off (its host socket drops `publisher:sample`): the upload-stalled alert rises on the dashboard, and clears when
 * they flow again; Stop ends the upload as "stopped". Screenshots: the panel in English/dark and Japanese/light, the
 * alert, the publisher page. Runs inside a loopback-only network namespace (tests/loopback-only.sh).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublisherView } from '../../shared/publisher-status.ts';
import { ARTIFACTS, poll, startE2eEnv, type E2eEnv } from '../harness/fake-sora/e2e-env.ts';
import { E2E_HOST_TOKEN } from './support/server-process.ts';
import { waitForExpression } from './support/wait-expression.ts';

let env: E2eEnv;

beforeAll(async () => {
  env = await startE2eEnv();
});
afterAll(async () => {
  await env?.close();
});

/** A page of the host's, signed in through the REST login (the cookie is the context's) in `lang` and `theme`. */
async function hostPage(
  url: string,
  lang: 'en' | 'ja',
  theme: 'dark' | 'light',
): Promise<{ page: Page; log: string[] }> {
  const { page, log } = await env.newPage();
  const login = await page.request.post(`${env.server.url}/api/login`, { data: { secret: E2E_HOST_TOKEN } });
  expect(login.status()).toBe(200);
  await page.goto(`${env.server.url}/reports`);
  await page.evaluate(
    (prefs) => {
      localStorage.setItem('kansoku.lang', prefs.lang);
      localStorage.setItem('kansoku.theme', prefs.theme);
    },
    { lang, theme },
  );
  await page.goto(url);
  return { page, log };
}

const upload = async (eventId: string): Promise<PublisherView> =>
  (await (await env.server.api(`/api/events/${eventId}/publisher`)).json()) as PublisherView;

/** Waits until the dashboard's upload pill is in `state`. */
const bandState = (page: Page, state: string) =>
  waitForExpression(
    page,
    `document.querySelector('[data-testid="upload-band"]')?.dataset.state === ${JSON.stringify(state)}`,
  );

describe('the publisher page reports the broadcaster’s upload to the dashboard', () => {
  it('publishes through the fake Sora, fills the Upload panel, alerts on a silent publisher, and stops', async () => {
    const event = await env.soraEvent('e2e-publish', { auth: true });
    const dashboardUrl = `${env.server.url}/?event=${event.id}`;
    const dashboard = await hostPage(dashboardUrl, 'en', 'dark');
    await dashboard.page.getByTestId('panel-upload').waitFor();
    await bandState(dashboard.page, 'none');
    expect(await dashboard.page.getByTestId('upload-publish-link').getAttribute('href')).toBe(`/publish/${event.id}`);

    // The publisher's page, with a switch that swallows its reports on the way out (its socket stays up).
    const publisher = await hostPage(`${env.server.url}/publish/${event.id}`, 'en', 'dark');
    let cutOff = false;
    await publisher.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (!(cutOff && String(message).includes('"publisher:sample"'))) server.send(message);
      });
      server.onMessage((message) => ws.send(message));
    });
    await publisher.page.reload();
    await publisher.page.getByTestId('publish-start').click();
    await waitForExpression(
      publisher.page,
      `document.querySelector('[data-testid="publish-state"]')?.dataset.state === 'live'`,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${publisher.log.join('\n')}`);
    });
    // The fake marks the connection once its answer is applied, which may land just after the page says live.
    const sent = await poll(
      async () => env.sora.connections.find((c) => c.channelId === 'e2e-publish' && c.state === 'connected'),
      10_000,
      'the broadcaster’s connection at the fake Sora',
    );
    expect(sent.role).toBe('sendonly');

    // The samples arrive: the REST view and the dashboard's panel show the real encoder's numbers.
    const view = await poll(
      async () => {
        const v = await upload(event.id);
        return v.status.state === 'live' && v.points.length >= 3 && (v.status.reading?.videoKbps ?? 0) > 0
          ? v
          : undefined;
      },
      45_000,
      'three upload points with a bitrate',
    );
    expect(view.status.reading).toMatchObject({ codec: 'AV1', peerState: 'connected' });
    expect(view.status.reading?.encoder).toBeTruthy();
    expect(view.status.reading?.captureWidth).toBeGreaterThan(0);
    await bandState(dashboard.page, 'live');
    expect(await dashboard.page.getByTestId('upload-encoder').textContent()).toContain('AV1');
    expect(await dashboard.page.getByTestId('upload-resolution').textContent()).toMatch(/^\d+×\d+$/);
    expect(await dashboard.page.getByTestId('upload-kbps').textContent()).toMatch(/\d/);
    // The publisher page shows the same status, from its own acks.
    await bandState(publisher.page, 'live');

    await dashboard.page.waitForTimeout(4_000); // a few more points for the sparkline
    await dashboard.page.getByTestId('panel-upload').screenshot({ path: join(ARTIFACTS, 'upload-panel-en-dark.png') });
    await publisher.page.screenshot({ path: join(ARTIFACTS, 'publisher-page.png') });
    const ja = await hostPage(dashboardUrl, 'ja', 'light');
    await bandState(ja.page, 'live');
    await ja.page.waitForTimeout(1_000);
    await ja.page.getByTestId('panel-upload').screenshot({ path: join(ARTIFACTS, 'upload-panel-ja-light.png') });
    await ja.page.close();

    // The page falls silent: stale on the panel, and the upload-stalled rule (10 s) raises its alert.
    cutOff = true;
    await bandState(dashboard.page, 'stale');
    await dashboard.page.locator('[data-testid="alert-active"]', { hasText: 'Upload stalled' }).waitFor();
    await dashboard.page.screenshot({ path: join(ARTIFACTS, 'upload-alert.png') });
    cutOff = false;
    await bandState(dashboard.page, 'live');
    await dashboard.page
      .locator('[data-testid="alert-active"]', { hasText: 'Upload stalled' })
      .waitFor({ state: 'detached' });

    // Stop: the last report says `end`, and the dashboard shows a stop, not a stall.
    await publisher.page.getByTestId('publish-stop').click();
    await bandState(dashboard.page, 'stopped');
    expect((await upload(event.id)).status).toMatchObject({ state: 'stopped', stalledSec: null });
    await publisher.page.close();
    await dashboard.page.close();
  });
});
