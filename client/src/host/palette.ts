/** @module Which color each series gets (CSS custom properties from lib/theme.css, so both themes apply). */

export const CODEC_ORDER = ['AV1', 'VP9', 'VP8', 'H264', 'H265', 'unknown'] as const;

const CODEC_COLORS: Record<string, string> = {
  AV1: '--c-violet',
  VP9: '--c-blue',
  VP8: '--c-teal',
  H264: '--c-amber',
  H265: '--c-rose',
  unknown: '--c-gray',
};

/** Other categorical series (browsers, OS, failure categories) cycle through these. */
export const CYCLE = [
  '--c-blue',
  '--c-violet',
  '--c-teal',
  '--c-amber',
  '--c-rose',
  '--c-green',
  '--c-sky',
  '--c-gray',
] as const;

export const BAND_COLORS = { good: '--good', fair: '--fair', poor: '--poor' } as const;

export const PERCENTILE_COLORS = { p10: '--c-rose', p50: '--accent', p90: '--c-teal' } as const;

export const codecColor = (codec: string): string =>
  (Object.hasOwn(CODEC_COLORS, codec) ? CODEC_COLORS[codec] : undefined) ?? '--c-gray';
export const cycleColor = (i: number): string => CYCLE[i % CYCLE.length] as string;

/** Position of a codec in the fixed display order (unknown codecs and "other" last). */
export function codecRank(codec: string): number {
  const i = (CODEC_ORDER as readonly string[]).indexOf(codec);
  return i < 0 ? CODEC_ORDER.length : i;
}
