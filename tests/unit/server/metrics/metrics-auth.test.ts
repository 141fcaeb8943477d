import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHostAuth } from '../../../../server/auth/host-auth.ts';
import { systemClock, systemTimers } from '../../../../server/clock.ts';
import { errorHandler } from '../../../../server/http/http-error.ts';
import { requireHost as requireHostOf } from '../../../../server/http/require-host.ts';
import { metricsAuth } from '../../../../server/metrics/metrics-auth.ts';

const HOST = 'host-token-0123456789';
const SCRAPE = 'scrape-token-0123456789';

/** The real host check: the host token (or a session cookie), wrong tokens throttled. */
const requireHost = requireHostOf(createHostAuth({ hostToken: HOST, clock: systemClock, timers: systemTimers }));

function app(metricsToken: string | undefined) {
  const http = new Hono();
  http.onError(errorHandler(pino({ level: 'silent' })));
  http.get('/metrics', metricsAuth(requireHost, metricsToken), (c) => c.text('ok'));
  return http;
}

const get = (http: Hono, token?: string) =>
  http.request('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('metricsAuth', () => {
  it('lets in METRICS_TOKEN and the host token, nothing else', async () => {
    const http = app(SCRAPE);
    expect((await get(http, SCRAPE)).status).toBe(200);
    expect((await get(http, HOST)).status).toBe(200);
    expect((await get(http)).status).toBe(401);
    expect((await get(http, 'wrong-token-0123456789')).status).toBe(401);
  });
  it('takes only the host credentials when no METRICS_TOKEN is configured', async () => {
    const http = app(undefined);
    expect((await get(http, HOST)).status).toBe(200);
    expect((await get(http, SCRAPE)).status).toBe(401);
  });
});
