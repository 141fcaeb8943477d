/**
 * @module Host login: `POST /api/login` sets an HttpOnly, SameSite=Strict session cookie; `POST /api/logout` ends the
 * session (and disconnects its dashboards); `GET /api/session` answers 200 or 401. Expired sessions are swept each
 * minute. Logins are held longer after each failure (never refused); a browser on another origin can neither log in nor
 * out.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { HOST_API } from '../../shared/host-api.ts';
import type { FeatureContext } from '../feature.ts';
import { HttpError } from '../http/http-error.ts';
import { authHeaders, CROSS_ORIGIN_MESSAGE, requestAddress } from '../http/require-host.ts';
import { serve } from '../http/serve.ts';
import { SESSION_COOKIE, sessionIdFrom } from './host-auth.ts';
import { fromOurPages, notCrossOrigin } from './request-origin.ts';

const SWEEP_MS = 60_000;

/**
 * Secure only when the page was served over HTTPS (directly or behind a proxy), so plain-HTTP LAN setups still work.
 */
const overHttps = (c: Context): boolean =>
  c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';

export function mountAuth(ctx: FeatureContext): void {
  const { http, auth, hosts, clock } = ctx;
  const log = ctx.logger.child({ module: 'auth' });
  /** Closes the dashboards of a login session, on every process of a cluster (fetchSockets asks them all). */
  const disconnectSession = (id: string): void => {
    hosts.fetchSockets().then(
      (sockets) => {
        for (const socket of sockets) {
          if ((socket.data as { hostSession?: string }).hostSession === id) socket.disconnect(true);
        }
      },
      (err: unknown) => ctx.logger.warn({ err }, 'could not reach every dashboard of an ended login'),
    );
  };

  serve(http, '', HOST_API.login, async (c, { body, reply }) => {
    // Another site's page must not be able to log a browser in (or guess through it); scripts send no Origin.
    if (!notCrossOrigin(authHeaders(c))) throw new HttpError(403, 'unauthorized', 'refused: login from another origin');
    const address = requestAddress(auth, c);
    const { secret } = await body();
    // Held before the check, right or wrong, so the answer's timing does not tell a correct secret early.
    await auth.guesses.hold(address);
    if (!auth.verifySecret(secret)) {
      auth.guesses.failed(address);
      log.warn({ address }, 'failed host login');
      throw new HttpError(401, 'unauthorized', 'wrong host token or password');
    }
    auth.guesses.succeeded(address);
    const session = auth.startSession();
    setCookie(c, SESSION_COOKIE, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: overHttps(c),
      maxAge: Math.floor((session.expiresAt - session.createdAt) / 1000),
    });
    log.info({ address }, 'host logged in');
    return reply({ via: 'session', expiresAt: session.expiresAt });
  });

  serve(http, '', HOST_API.logout, (c, { reply }) => {
    const id = sessionIdFrom(c.req.header('cookie'));
    if (id !== undefined && !fromOurPages(authHeaders(c)))
      throw new HttpError(403, 'unauthorized', CROSS_ORIGIN_MESSAGE);
    if (id !== undefined) {
      auth.endSession(id);
      disconnectSession(id);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c) });
    return reply({ ok: true });
  });

  serve(http, '', HOST_API.session, (c, { reply }) => {
    const who = auth.identify(authHeaders(c));
    if (!who) throw new HttpError(401, 'unauthorized', 'not logged in');
    return reply(
      who.via === 'session' ? { via: 'session', expiresAt: who.session.expiresAt } : { via: 'token', expiresAt: null },
    );
  });

  const sweep = ctx.timers.setInterval(() => {
    for (const id of auth.sessions.purge(clock.now())) disconnectSession(id);
  }, SWEEP_MS);
  ctx.onClose(() => ctx.timers.clearInterval(sweep));
}
