/** @module The audience mix: codecs, resolutions, bitrates, lossy viewers, RTT and user agents the server can read. */
import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '../../../../shared/user-agent.ts';
import { createRng } from '../../../../server/simulator/prng.ts';
import { SIM_BROWSERS } from '../../../../server/simulator/user-agents.ts';
import { drawPersona, SIM_HEIGHTS, type Persona } from '../../../../server/simulator/viewer-persona.ts';

const crowd = (n: number, seed = 1): Persona[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => drawPersona(rng));
};
const share = (people: Persona[], pred: (p: Persona) => boolean): number => people.filter(pred).length / people.length;

describe('drawPersona', () => {
  const people = crowd(10_000);

  it('is deterministic for a seed', () => {
    expect(crowd(50, 7)).toStrictEqual(crowd(50, 7));
  });

  it('receives the event’s codec, AV1 by default; a few browsers cannot decode AV1 (Safari without hardware)', () => {
    expect(people.every((p) => p.codec === 'AV1')).toBe(true);
    const cannot = people.filter((p) => !p.decodes);
    expect(cannot.length / people.length).toBeGreaterThan(0.005);
    expect(cannot.length / people.length).toBeLessThan(0.05);
    // Modern Chromium and Firefox always decode AV1; the old Chrome (turned away by its version anyway) never does.
    for (const p of cannot)
      expect(p.browser.browser === 'Safari' || p.browser.os === 'Android' || p.browser.outdated).toBe(true);
    const vp9 = Array.from(
      { length: 2_000 },
      (
        (rng) => () =>
          drawPersona(rng, 'VP9')
      )(createRng(2)),
    );
    expect(vp9.every((p) => p.codec === 'VP9')).toBe(true);
    expect(vp9.filter((p) => !p.decodes).length / vp9.length).toBeLessThan(0.02);
  });

  it('covers 1080/720/480/360 with bitrates inside 300–3000 kbps', () => {
    for (const h of SIM_HEIGHTS) expect(share(people, (p) => p.height === h)).toBeGreaterThan(0.05);
    expect(Math.min(...people.map((p) => p.videoKbps))).toBeGreaterThanOrEqual(300);
    expect(Math.max(...people.map((p) => p.videoKbps))).toBeLessThanOrEqual(3000);
  });

  it('has a few lossy viewers (2–8 % loss) and RTTs of 10–300 ms', () => {
    const lossy = people.filter((p) => p.lossRate >= 0.02);
    expect(lossy.length / people.length).toBeGreaterThan(0.03);
    expect(lossy.length / people.length).toBeLessThan(0.1);
    expect(lossy.every((p) => p.lossRate <= 0.08)).toBe(true);
    const rtts = people.map((p) => p.rttMs);
    expect(Math.min(...rtts)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...rtts)).toBeLessThanOrEqual(300);
    expect(share(people, (p) => p.rttMs > 150)).toBeGreaterThan(0.01);
  });

  it('arrives with Chrome, Edge, Firefox and Safari on Windows, macOS, Linux, Android and iOS', () => {
    const browsers = new Set(people.map((p) => p.browser.browser));
    const systems = new Set(people.map((p) => p.browser.os));
    expect([...browsers].sort()).toStrictEqual(['Chrome', 'Firefox', 'Microsoft Edge', 'Safari']);
    expect([...systems].sort()).toStrictEqual(['Android', 'Linux', 'Windows', 'iOS', 'macOS']);
  });
});

describe('SIM_BROWSERS', () => {
  it.each(SIM_BROWSERS.map((b) => [b.browser, b.os, b] as const))(
    '%s on %s: the server reads the user agent as declared',
    (_b, _os, entry) => {
      const parsed = parseUserAgent(entry.ua);
      expect({ browser: parsed.browser, os: parsed.os }).toStrictEqual({ browser: entry.browser, os: entry.os });
      if (entry.outdated) expect(parsed.browserMajor).toBeLessThan(90);
    },
  );
});
