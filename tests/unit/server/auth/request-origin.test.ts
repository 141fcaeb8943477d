/** Cookie requests from our pages only: reads must not look foreign, writes must prove Sec-Fetch-Site or Origin. */
import { describe, expect, it } from 'vitest';
import { fromOurPages, notCrossOrigin } from '../../../../server/auth/request-origin.ts';

const host = 'kansoku.test:8080';

describe('request origin', () => {
  it('lets reads through unless a header shows another origin', () => {
    expect(fromOurPages({ method: 'GET', host })).toBe(true);
    expect(fromOurPages({ method: 'GET', host, 'sec-fetch-site': 'none' })).toBe(true);
    expect(fromOurPages({ method: 'GET', host, origin: 'http://kansoku.test:8080' })).toBe(true);
    expect(fromOurPages({ method: 'GET', host, origin: 'http://kansoku.test:9090' })).toBe(false);
    expect(fromOurPages({ method: 'GET', host, 'sec-fetch-site': 'same-site' })).toBe(false);
  });

  it('requires a state-changing request to prove it came from our origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(fromOurPages({ method, host }), method).toBe(false);
      expect(fromOurPages({ method, host, origin: 'http://kansoku.test:8080' }), method).toBe(true);
      expect(fromOurPages({ method, host, origin: 'null' }), method).toBe(false);
      // Another port of the same site: SameSite=Strict still sends the cookie, so this is the case that matters.
      expect(fromOurPages({ method, host, origin: 'http://kansoku.test:9090' }), method).toBe(false);
      expect(fromOurPages({ method, host, 'sec-fetch-site': 'same-origin' }), method).toBe(true);
      expect(
        fromOurPages({ method, host, 'sec-fetch-site': 'same-site', origin: 'http://kansoku.test:8080' }),
        method,
      ).toBe(false);
      expect(fromOurPages({ method, host, 'sec-fetch-site': 'none' }), method).toBe(false);
    }
  });

  it('trusts the browser-set Sec-Fetch-Site over a Host a proxy rewrote, and X-Forwarded-Host over Host', () => {
    expect(
      fromOurPages({
        method: 'POST',
        host: '127.0.0.1:8080',
        origin: 'https://kansoku.example',
        'sec-fetch-site': 'same-origin',
      }),
    ).toBe(true);
    expect(
      fromOurPages({
        method: 'POST',
        host: '127.0.0.1:8080',
        'x-forwarded-host': 'kansoku.example',
        origin: 'https://kansoku.example',
      }),
    ).toBe(true);
  });

  it('treats scripts (no browser headers) as not cross-origin, and a malformed Origin as foreign', () => {
    expect(notCrossOrigin({ host })).toBe(true);
    expect(notCrossOrigin({ host, origin: 'null' })).toBe(false);
    expect(notCrossOrigin({ host, origin: '::' })).toBe(false);
    expect(notCrossOrigin({ host, 'sec-fetch-site': 'cross-site' })).toBe(false);
  });
});
