/**
 * @module The browsers a simulated audience arrives with: real user-agent strings (sent as the handshake's
 * `User-Agent`, which the server parses), weighted roughly like a Japanese developer-event audience.
 */
import type { SimVideoCodec } from './fixture-profile.ts';

export type SimBrowser = {
  ua: string;
  /** What `shared/user-agent.ts` must read from `ua` (checked by the unit tests). */
  browser: string;
  os: string;
  mobile: boolean;
  /** Share of the audience, relative to the other entries. */
  weight: number;
  /**
   * Chance that a visitor's browser can decode each codec. A one-publisher Sora channel sends every viewer the
   * event's codec; a browser that cannot decode it fails pre-flight as `codec-unsupported` (docs/failures.md).
   */
  decodes: Readonly<Record<SimVideoCodec, number>>;
  /** Older than the event's minimum Chrome version: fails pre-flight as `unsupported-browser`. */
  outdated?: boolean;
};

const CHROME = '156.0.0.0';
// Chromium decodes AV1 in software (libdav1d) from version 90; Safari only where the device has an AV1 hardware
// decoder (Apple M3 / A17 Pro and later), so a share of Safari visitors cannot watch an AV1 event.
const CHROMIUM_DECODES = { AV1: 1, VP9: 1, VP8: 1, H264: 1 } as const;
const SAFARI_DECODES = { AV1: 0.9, VP9: 0.95, VP8: 1, H264: 1 } as const;
const FIREFOX_DECODES = { AV1: 1, VP9: 1, VP8: 1, H264: 1 } as const;

export const SIM_BROWSERS: readonly SimBrowser[] = [
  {
    ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'Windows',
    mobile: false,
    weight: 30,
    decodes: CHROMIUM_DECODES,
  },
  {
    ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'macOS',
    mobile: false,
    weight: 22,
    decodes: CHROMIUM_DECODES,
  },
  {
    ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36 Edg/156.0.0.0`,
    browser: 'Microsoft Edge',
    os: 'Windows',
    mobile: false,
    weight: 10,
    decodes: CHROMIUM_DECODES,
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
    browser: 'Safari',
    os: 'macOS',
    mobile: false,
    weight: 8,
    decodes: SAFARI_DECODES,
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0',
    browser: 'Firefox',
    os: 'Windows',
    mobile: false,
    weight: 5,
    decodes: FIREFOX_DECODES,
  },
  {
    ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0',
    browser: 'Firefox',
    os: 'Linux',
    mobile: false,
    weight: 3,
    decodes: FIREFOX_DECODES,
  },
  {
    ua: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'Linux',
    mobile: false,
    weight: 4,
    decodes: CHROMIUM_DECODES,
  },
  {
    ua: `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Mobile Safari/537.36`,
    browser: 'Chrome',
    os: 'Android',
    mobile: true,
    weight: 7,
    // Low-end phones may lack the CPU for software AV1, so a few cannot take it.
    decodes: { AV1: 0.97, VP9: 1, VP8: 1, H264: 1 },
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
    browser: 'Safari',
    os: 'iOS',
    mobile: true,
    weight: 9,
    decodes: SAFARI_DECODES,
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.190 Safari/537.36',
    browser: 'Chrome',
    os: 'Windows',
    mobile: false,
    weight: 1,
    // Chrome 88 has no AV1 in WebRTC (it fails the browser check first anyway).
    decodes: { AV1: 0, VP9: 1, VP8: 1, H264: 1 },
    outdated: true,
  },
];
