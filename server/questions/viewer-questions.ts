/**
 * @module Questions from the watch page (pure, take `now` and an id): `viewer:question` → a `web` question,
 * `viewer:problem` → a `report` question plus its stored snapshot; and the per-session rate limit for both.
 */
import {
  DEFAULT_REPORT_CONTENT,
  REPORT_WINDOW_MS,
  UNTOUCHED_QUESTION,
  type ProblemReport,
  type ProblemSnapshot,
  type Question,
  type ViewerQuestion,
} from '../../shared/question.ts';
import { parseUserAgent } from '../../shared/user-agent.ts';

type Origin = { eventId: string; sessionId: string; id: string; now: number };

/** What the `snapshot` column holds; the REST route adds the question and event ids. */
export type StoredSnapshot = Omit<ProblemSnapshot, 'questionId' | 'eventId'>;

function base(origin: Origin, source: 'web' | 'report', name: string, content: string): Question {
  return {
    id: `${source}-${origin.id}`,
    eventId: origin.eventId,
    source,
    messageId: null,
    author: { name, avatarUrl: null },
    content,
    createdAt: origin.now,
    ...UNTOUCHED_QUESTION,
  };
}

/** A `web` question; an absent or blank name stays '' (the dashboard shows it as anonymous). */
export function webQuestion(input: ViewerQuestion, origin: Origin): Question {
  return base(origin, 'web', input.name ?? '', input.content);
}

/**
 * A `report` question: its author is the reporting browser (e.g. `Chrome 126 on Windows`), its content the
 * description or `DEFAULT_REPORT_CONTENT`. Only samples within `REPORT_WINDOW_MS` of the newest are kept, oldest
 * first; of the user agent only the parsed browser, version and OS are kept.
 */
export function problemQuestion(
  report: ProblemReport,
  origin: Origin,
): { question: Question; snapshot: StoredSnapshot } {
  const client = parseUserAgent(report.browser.userAgent);
  const newest = Math.max(...report.samples.map((sample) => sample.t));
  const samples = report.samples.filter((sample) => sample.t >= newest - REPORT_WINDOW_MS).sort((a, b) => a.t - b.t);
  const version = client.browserMajor === null ? '' : ` ${client.browserMajor}`;
  const name = `${client.browser}${version} on ${client.os}`.slice(0, 100);
  const content =
    report.description !== undefined && report.description !== '' ? report.description : DEFAULT_REPORT_CONTENT;
  return {
    question: base(origin, 'report', name, content),
    snapshot: {
      sessionId: origin.sessionId,
      t: report.t,
      receivedAt: origin.now,
      samples,
      browser: {
        browser: client.browser,
        browserVersion: client.browserVersion,
        os: client.os,
        language: report.browser.language ?? null,
        screen: report.browser.screen ?? null,
      },
    },
  };
}

export type SessionLimiter = {
  /** True (and the time is taken) when `key` last succeeded at least `intervalMs` ago. */
  allow(key: string, now: number): boolean;
  /** Milliseconds until `key` may try again (0 when it may now). */
  waitMs(key: string, now: number): number;
};

/** One success per `intervalMs` per key (e.g. per viewing session); forgets keys once their interval has passed. */
export function createSessionLimiter(intervalMs: number, maxKeys = 10_000): SessionLimiter {
  const last = new Map<string, number>();
  const waitMs = (key: string, now: number): number => {
    const at = last.get(key);
    return at === undefined ? 0 : Math.max(0, at + intervalMs - now);
  };
  return {
    allow(key, now) {
      if (waitMs(key, now) > 0) return false;
      if (last.size >= maxKeys) for (const [k, at] of last) if (now - at >= intervalMs) last.delete(k);
      last.set(key, now);
      return true;
    },
    waitMs,
  };
}
