/**
 * @module Response headers against sniffing, framing and script injection: every response gets `nosniff` and a
 * Referrer-Policy; HTML pages also get a Content-Security-Policy (scripts only from us, no framing).
 */
import type { MiddlewareHandler } from 'hono';

/**
 * What the built pages need (dist/client): module scripts and stylesheets from /assets; Svelte's `style:` values and
 * chart.js sizes are set as inline styles; Discord avatars are remote images; the watch page opens socket.io here and
 * WebSockets to whatever Sora signaling URLs the event names. No inline or eval'd script is ever needed.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss: https:",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` on same-origin POSTs, and
 * the host's state-changing requests are accepted only with a matching Origin (server/auth/request-origin.ts).
 * The embed bundle (/embed/*) is a script other sites load: CSP and framing rules do not apply to scripts, and no
 * Cross-Origin-Resource-Policy is sent, so it still loads anywhere.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('Content-Security-Policy', PAGE_CSP);
      c.res.headers.set('X-Frame-Options', 'DENY'); // frame-ancestors for browsers without CSP level 2
    }
  };
}
