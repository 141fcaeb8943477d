/**
 * @module Number and time formatting for dashboards: every value with its unit, locale-aware grouping, and `–`
 * for missing data. `*Parts` functions split value and unit so big figures can show the unit smaller.
 */

export type Parts = { value: string; unit: string };

const DASH = '–';
const formats = new Map<string, Intl.NumberFormat>();

/** A cached Intl.NumberFormat for the locale and options (the key names them). */
function cachedFormat(key: string, locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formats.get(`${locale}|${key}`);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formats.set(`${locale}|${key}`, f);
  }
  return f;
}

/** 0…`digits` fraction digits. */
const numberFormat = (locale: string, digits: number): Intl.NumberFormat =>
  cachedFormat(`digits${digits}`, locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });

const missing = (x: number | null | undefined): x is null | undefined =>
  x === null || x === undefined || !Number.isFinite(x);

export const join = (p: Parts): string => (p.unit ? `${p.value} ${p.unit}` : p.value);

/** Whole numbers with grouping: 1,234. */
export function formatInt(x: number | null | undefined, locale = 'en'): string {
  return missing(x) ? DASH : numberFormat(locale, 0).format(Math.round(x));
}

/**
 * A count to two figures from a thousand on, for a note beside a figure (a count that moves by a few every second
 * would change its text every second): 987, 1.2K, 9.9K, 14K (ja: 1200, 1.4万).
 */
export function formatCompact(x: number | null | undefined, locale = 'en'): string {
  if (missing(x) || Math.abs(x) < 1000) return formatInt(x, locale);
  return cachedFormat('compact2', locale, { notation: 'compact', maximumSignificantDigits: 2 }).format(x);
}

/** Fewer decimals for bigger numbers: 0.123 → 0.12, 4.56 → 4.6, 123.4 → 123. */
export function formatNumber(x: number | null | undefined, locale = 'en'): string {
  if (missing(x)) return DASH;
  const abs = Math.abs(x);
  return numberFormat(locale, abs >= 100 ? 0 : abs >= 10 ? 1 : 2).format(x);
}

/** kbit/s below 1,000, Mbit/s above: 850 kbps, 1.25 Mbps. */
export function bitrateParts(kbps: number | null | undefined, locale = 'en'): Parts {
  if (missing(kbps)) return { value: DASH, unit: '' };
  if (Math.abs(kbps) >= 1000)
    return { value: numberFormat(locale, kbps >= 10_000 ? 1 : 2).format(kbps / 1000), unit: 'Mbps' };
  return { value: numberFormat(locale, 0).format(kbps), unit: 'kbps' };
}
export const formatBitrate = (kbps: number | null | undefined, locale = 'en'): string =>
  join(bitrateParts(kbps, locale));

export function percentParts(pct: number | null | undefined, locale = 'en', digits?: number): Parts {
  if (missing(pct)) return { value: DASH, unit: '' };
  const d = digits ?? (Math.abs(pct) >= 10 ? 0 : 1);
  return { value: numberFormat(locale, d).format(pct), unit: '%' };
}
/** Percent without a space (12.5%), as both English and Japanese write it. */
export function formatPercent(pct: number | null | undefined, locale = 'en', digits?: number): string {
  const p = percentParts(pct, locale, digits);
  return p.value + p.unit;
}

/** Milliseconds below 1 s, seconds above: 45 ms, 1.2 s. */
export function msParts(ms: number | null | undefined, locale = 'en'): Parts {
  if (missing(ms)) return { value: DASH, unit: '' };
  if (Math.abs(ms) >= 1000)
    return { value: numberFormat(locale, Math.abs(ms) >= 10_000 ? 0 : 1).format(ms / 1000), unit: 's' };
  return { value: numberFormat(locale, Math.abs(ms) >= 10 ? 0 : 1).format(ms), unit: 'ms' };
}
export const formatMs = (ms: number | null | undefined, locale = 'en'): string => join(msParts(ms, locale));

export const formatFps = (fps: number | null | undefined, locale = 'en'): string =>
  missing(fps) ? DASH : `${numberFormat(locale, 1).format(fps)} fps`;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock time of day, 24 h: 19:04:05 (or 19:04 without seconds). */
export function formatClock(t: number | null | undefined, seconds = true): string {
  if (missing(t)) return DASH;
  const d = new Date(t);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** A duration as h:mm:ss or m:ss. Negative durations get a leading minus. */
export function formatDuration(ms: number | null | undefined): string {
  if (missing(ms)) return DASH;
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}` : `${sign}${m}:${pad(s)}`;
}

/** Frame height as a resolution name: 1080p. */
export const formatHeight = (h: number | null | undefined): string => (missing(h) ? DASH : `${Math.round(h)}p`);

/**
 * A number format as data — which formatter, with which arguments — for the charts' axes and tooltips, which are drawn
 * in a worker (chart-draw.ts) where a function cannot be sent.
 */
export type ValueFormat =
  | { kind: 'int' | 'bitrate' | 'ms' | 'fps'; locale: string }
  /** `template`: the text around the number, which stands for `{n}` (e.g. `{n} /min`). */
  | { kind: 'number'; locale: string; template?: string }
  /** `fine`: the fraction digits below 10 % (default 1) when `digits` is not given. */
  | { kind: 'percent'; locale: string; digits?: number; fine?: number }
  | { kind: 'height' };

export function formatValue(f: ValueFormat, x: number | null | undefined): string {
  switch (f.kind) {
    case 'int':
      return formatInt(x, f.locale);
    case 'number':
      return f.template && !missing(x)
        ? f.template.replace('{n}', formatNumber(x, f.locale))
        : formatNumber(x, f.locale);
    case 'bitrate':
      return formatBitrate(x, f.locale);
    case 'ms':
      return formatMs(x, f.locale);
    case 'fps':
      return formatFps(x, f.locale);
    case 'percent':
      return formatPercent(x, f.locale, f.digits ?? (!missing(x) && Math.abs(x) < 10 ? (f.fine ?? 1) : 0));
    case 'height':
      return formatHeight(x);
  }
}
