/** @module Browser and OS from a user-agent string (no raw UA or IP is stored). */
import Bowser from 'bowser';

export type ClientInfo = { browser: string; browserVersion: string; browserMajor: number | null; os: string };

export function parseUserAgent(ua: string | undefined): ClientInfo {
  if (!ua) return { browser: 'unknown', browserVersion: '', browserMajor: null, os: 'unknown' };
  const parsed = Bowser.parse(ua.slice(0, 512));
  const version = parsed.browser.version ?? '';
  const major = Number.parseInt(version, 10);
  return {
    browser: parsed.browser.name ?? 'unknown',
    browserVersion: version,
    browserMajor: Number.isFinite(major) ? major : null,
    os: parsed.os.name ?? 'unknown',
  };
}
