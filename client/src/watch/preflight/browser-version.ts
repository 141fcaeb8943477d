/**
 * @module Which browser family and major version the viewer runs (pure). User-Agent Client Hints brands win over
 * the UA string when present (the UA string of Chromium browsers is frozen and can lie).
 */

export type BrowserFamily = 'chromium' | 'firefox' | 'safari' | 'other';
export type BrowserId = { family: BrowserFamily; name: string; major: number | null };

export type Brand = { brand: string; version: string };

const CHROMIUM_BRANDS = ['Google Chrome', 'Microsoft Edge', 'Opera', 'Brave', 'Chromium'];

function fromBrands(brands: readonly Brand[]): BrowserId | null {
  for (const name of CHROMIUM_BRANDS) {
    const brand = brands.find((b) => b.brand === name);
    if (brand)
      return {
        family: 'chromium',
        name: name === 'Google Chrome' ? 'Chrome' : name,
        major: Number.parseInt(brand.version, 10) || null,
      };
  }
  return null;
}

const major = (match: RegExpExecArray | null): number | null => (match?.[1] ? Number.parseInt(match[1], 10) : null);

export function identifyBrowser(userAgent: string, brands: readonly Brand[] = []): BrowserId {
  const hinted = fromBrands(brands);
  if (hinted) return hinted;
  const edge = /\bEdg(?:e|A|iOS)?\/(\d+)/.exec(userAgent);
  if (edge) return { family: 'chromium', name: 'Edge', major: major(edge) };
  // Chrome on iOS is WebKit underneath: it is judged as Safari.
  if (/\bCriOS\//.test(userAgent))
    return { family: 'safari', name: 'Chrome (iOS)', major: major(/\bCriOS\/(\d+)/.exec(userAgent)) };
  const chrome = /\b(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/.exec(userAgent);
  if (chrome) return { family: 'chromium', name: 'Chrome', major: major(chrome) };
  const firefox = /\b(?:Firefox|FxiOS)\/(\d+)/.exec(userAgent);
  if (firefox) return { family: 'firefox', name: 'Firefox', major: major(firefox) };
  const safari = /\bVersion\/(\d+)[\d.]*.*\bSafari\//.exec(userAgent);
  if (safari) return { family: 'safari', name: 'Safari', major: major(safari) };
  return { family: 'other', name: 'unknown', major: null };
}
