/**
 * @module What a problem report says about the viewer's browser: user agent, language and screen, within the server's
 * limits.
 */
import type { BrowserInfo } from '../../../../shared/question.ts';

export type BrowserFacts = {
  userAgent: string;
  language?: string;
  screen?: { width: number; height: number };
  pixelRatio?: number;
};

const LANGUAGE = /^[A-Za-z0-9-]{1,35}$/;

/** `BrowserInfo` from `navigator` and `screen`; anything the server would refuse is left out. */
export function browserInfo(facts: BrowserFacts): BrowserInfo {
  const info: BrowserInfo = { userAgent: facts.userAgent.slice(0, 512) };
  if (facts.language && LANGUAGE.test(facts.language)) info.language = facts.language;
  const s = facts.screen;
  if (s && Number.isFinite(s.width) && Number.isFinite(s.height)) {
    const clamp = (x: number) => Math.min(100_000, Math.max(0, Math.round(x)));
    info.screen = { width: clamp(s.width), height: clamp(s.height) };
    const ratio = facts.pixelRatio;
    if (ratio !== undefined && Number.isFinite(ratio) && ratio > 0)
      info.screen.pixelRatio = Math.min(16, Math.round(ratio * 100) / 100);
  }
  return info;
}
