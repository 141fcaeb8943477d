/**
 * @module Whether a browser request comes from our own pages (pure). A session cookie only counts from them, and a
 * state-changing request with the cookie must *prove* it (`Sec-Fetch-Site: same-origin`, else a matching `Origin`):
 * SameSite=Strict still sends the cookie from another origin of the same site (another port or subdomain).
 */

/** The request headers that matter (lower-case names). */
export type OriginHeaders = {
  method?: string;
  origin?: string;
  host?: string;
  'x-forwarded-host'?: string;
  'sec-fetch-site'?: string;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const changesState = (method: string | undefined): boolean =>
  method !== undefined && !SAFE_METHODS.has(method.toUpperCase());

function originMatchesHost(headers: OriginHeaders): boolean {
  const ours = headers['x-forwarded-host'] ?? headers.host;
  try {
    return ours !== undefined && new URL(headers.origin as string).host === ours;
  } catch {
    return false; // includes Origin: null (sandboxed frames, opaque redirects)
  }
}

/**
 * True when nothing shows the request came from another origin's page. The browser sets Sec-Fetch-Site itself
 * (pages cannot forge it, and it survives proxies that rewrite Host); it is only sent to HTTPS or localhost, so
 * plain-HTTP LAN setups fall back to Origin. Requests with neither header are scripts (or very old browsers).
 */
export function notCrossOrigin(headers: OriginHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return headers.origin === undefined || originMatchesHost(headers);
}

/** A state-changing request must show it came from our pages; a read only must not show it came from elsewhere. */
export function fromOurPages(headers: OriginHeaders): boolean {
  if (!changesState(headers.method)) return notCrossOrigin(headers);
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return headers.origin !== undefined && originMatchesHost(headers);
}
