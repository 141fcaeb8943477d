/** @module Reads the viewer page's address: `/watch/:eventId` or `/check/:eventId`, plus its query options. */

export type WatchRoute = {
  mode: 'watch' | 'check';
  eventId: string;
  /** Per-event viewer token (`?token=`), put into Sora metadata for the auth webhook. */
  token: string | null;
  /** Overrides of the server's timeouts, for tests and troubleshooting (`?joinTimeout=ms`, `?noMediaTimeout=ms`). */
  joinTimeoutMs: number | null;
  noMediaTimeoutMs: number | null;
  lang: string | null;
};

/** Accepts whole milliseconds between 1 s and 5 min; anything else is ignored. */
function millis(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const ms = Number(value);
  return ms >= 1_000 && ms <= 300_000 ? ms : null;
}

export function parseRoute(pathname: string, search: string): WatchRoute | null {
  const match = /^\/(watch|check)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (!match) return null;
  const query = new URLSearchParams(search);
  const token = query.get('token');
  return {
    mode: match[1] === 'check' ? 'check' : 'watch',
    eventId: match[2] as string,
    token: token && token.length <= 512 ? token : null,
    joinTimeoutMs: millis(query.get('joinTimeout')),
    noMediaTimeoutMs: millis(query.get('noMediaTimeout')),
    lang: query.get('lang'),
  };
}
