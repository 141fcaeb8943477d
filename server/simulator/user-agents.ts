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
  /** Video codecs this browser ends up receiving, with relative odds (the channel prefers AV1). */
  codecs: ReadonlyArray<readonly [SimVideoCodec, number]>;
  /** Older than the event's minimum Chrome version: fails pre-flight as `unsupported-browser`. */
  outdated?: boolean;
};

const CHROME = '156.0.0.0';
const CHROMIUM_CODECS = [
  ['AV1', 90],
  ['VP9', 5],
  ['H264', 3],
  ['VP8', 2],
] as const;
const SAFARI_CODECS = [
  ['H264', 55],
  ['AV1', 35],
  ['VP9', 10],
] as const;
const FIREFOX_CODECS = [
  ['AV1', 75],
  ['VP9', 10],
  ['VP8', 10],
  ['H264', 5],
] as const;

export const SIM_BROWSERS: readonly SimBrowser[] = [
  {
    ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'Windows',
    mobile: false,
    weight: 30,
    codecs: CHROMIUM_CODECS,
  },
  {
    ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'macOS',
    mobile: false,
    weight: 22,
    codecs: CHROMIUM_CODECS,
  },
  {
    ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36 Edg/156.0.0.0`,
    browser: 'Microsoft Edge',
    os: 'Windows',
    mobile: false,
    weight: 10,
    codecs: CHROMIUM_CODECS,
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15',
    browser: 'Safari',
    os: 'macOS',
    mobile: false,
    weight: 8,
    codecs: SAFARI_CODECS,
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0',
    browser: 'Firefox',
    os: 'Windows',
    mobile: false,
    weight: 5,
    codecs: FIREFOX_CODECS,
  },
  {
    ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0',
    browser: 'Firefox',
    os: 'Linux',
    mobile: false,
    weight: 3,
    codecs: FIREFOX_CODECS,
  },
  {
    ua: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Safari/537.36`,
    browser: 'Chrome',
    os: 'Linux',
    mobile: false,
    weight: 4,
    codecs: CHROMIUM_CODECS,
  },
  {
    ua: `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME} Mobile Safari/537.36`,
    browser: 'Chrome',
    os: 'Android',
    mobile: true,
    weight: 7,
    codecs: [
      ['AV1', 60],
      ['VP9', 20],
      ['H264', 20],
    ],
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1',
    browser: 'Safari',
    os: 'iOS',
    mobile: true,
    weight: 9,
    codecs: SAFARI_CODECS,
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.190 Safari/537.36',
    browser: 'Chrome',
    os: 'Windows',
    mobile: false,
    weight: 1,
    codecs: [['VP8', 1]],
    outdated: true,
  },
];
