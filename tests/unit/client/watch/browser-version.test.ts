/** Browser family and major version from the UA string and client hints. */
import { describe, expect, it } from 'vitest';
import { identifyBrowser } from '../../../../client/src/watch/preflight/browser-version.ts';

describe('identifyBrowser', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'chromium',
      'Chrome',
      120,
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/121.0.0.0',
      'chromium',
      'Edge',
      121,
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'chromium',
      'Chrome',
      156,
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'safari',
      'Safari',
      17,
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0 Mobile/15E148 Safari/604.1',
      'safari',
      'Chrome (iOS)',
      122,
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'firefox', 'Firefox', 128],
    ['curl/8.0', 'other', 'unknown', null],
  ])('%s', (ua, family, name, major) => {
    expect(identifyBrowser(ua)).toEqual({ family, name, major });
  });

  it('prefers client-hint brands over the frozen UA string', () => {
    const brands = [
      { brand: 'Not A(Brand', version: '8' },
      { brand: 'Chromium', version: '132' },
      { brand: 'Google Chrome', version: '132' },
    ];
    expect(identifyBrowser('Mozilla/5.0 Chrome/100.0.0.0', brands)).toEqual({
      family: 'chromium',
      name: 'Chrome',
      major: 132,
    });
  });
});
