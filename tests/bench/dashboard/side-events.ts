/**
 * @module What a live dashboard receives besides ticks and failures, on a fixed schedule (pure, recording time): a
 * question every 20 s (200 asked before the page opens), a host marker every 10 minutes, and every 5 minutes a
 * Poor-viewers alert that stays up for two minutes — re-sent every second with its current reading, as the server does.
 */
import type { AlertNotice } from '../../../shared/alert.ts';
import type { Marker, MarkerKind } from '../../../shared/marker.ts';
import type { Question } from '../../../shared/question.ts';
import type { ReplayStream } from './stream.ts';

const QUESTION_EVERY_MS = 20_000;
const QUESTIONS_BEFORE = 200;
const MARKER_EVERY_MS = 600_000;
const ALERT_EVERY_MS = 300_000;
const ALERT_UP_MS = 120_000;
/** The first alert goes up this long after the page opens, inside a short run too. */
const ALERT_OFFSET_MS = 45_000;

export function questionAt(s: ReplayStream, n: number, shift: number): Question {
  const t = s.openMs + (n - QUESTIONS_BEFORE) * QUESTION_EVERY_MS;
  return {
    id: `bench-q-${n}`,
    eventId: s.eventId,
    source: n % 3 === 0 ? 'discord' : 'web',
    messageId: n % 3 === 0 ? String(1_200_000_000_000_000_000n + BigInt(n)) : null,
    author: { name: `Viewer ${n + 1}`, avatarUrl: null },
    content: `Question ${n + 1}: does the demo work with ${['AV1', 'VP9', 'H.264'][n % 3]} on older laptops?`,
    createdAt: t + shift,
    editedAt: null,
    deleted: false,
    votes: n % 7,
    answered: n < QUESTIONS_BEFORE && n % 2 === 0,
    pinned: n === 3,
    hidden: false,
  };
}

/** Questions asked up to `at` (posting order), and the index of the next one. */
export function questionsUpTo(s: ReplayStream, at: number): number {
  return Math.max(0, QUESTIONS_BEFORE + Math.floor((at - s.openMs) / QUESTION_EVERY_MS) + 1);
}

const KINDS: readonly MarkerKind[] = ['start', 'demo', 'qa', 'break', 'note'];

/** Markers dropped up to `at`, oldest first. */
export function markersUpTo(s: ReplayStream, at: number, shift: number): Marker[] {
  const out: Marker[] = [];
  for (let t = s.startMs, id = 1; t <= at; t += MARKER_EVERY_MS, id += 1) {
    const kind = KINDS[(id - 1) % KINDS.length] as MarkerKind;
    out.push({ id, eventId: s.eventId, phase: 'live', t: t + shift, kind, label: `${kind} ${id}` });
  }
  return out;
}

function notice(s: ReplayStream, kind: AlertNotice['kind'], t: number, value: number, now: number): AlertNotice {
  return {
    eventId: s.eventId,
    phase: 'live',
    ruleId: 'poor-viewers',
    metric: 'poor-share',
    direction: 'above',
    kind,
    t,
    value,
    ...(kind === 'raised' ? { current: { t: now, value: value + ((now / 1000) % 5), count: null } } : {}),
    threshold: 10,
    kbps: null,
    action: 'check-viewer-network',
  };
}

/** The alert notices of the replay up to `at`: the log (newest first), what is up, and what `at`'s second sends. */
export function alertsAt(
  s: ReplayStream,
  at: number,
  shift: number,
): { log: AlertNotice[]; active: AlertNotice[]; now: AlertNotice[] } {
  const log: AlertNotice[] = [];
  let active: AlertNotice[] = [];
  let now: AlertNotice[] = [];
  for (let raise = s.openMs + ALERT_OFFSET_MS - ALERT_EVERY_MS * 12; raise <= at; raise += ALERT_EVERY_MS) {
    const up = notice(s, 'raised', raise + shift, 12, at + shift);
    log.unshift(up);
    if (raise + ALERT_UP_MS <= at) {
      const cleared = notice(s, 'cleared', raise + ALERT_UP_MS + shift, 4, at + shift);
      log.unshift(cleared);
      active = [];
      now = at - (raise + ALERT_UP_MS) < 1_000 ? [cleared] : [];
    } else {
      active = [up];
      now = [up];
    }
  }
  return { log, active, now };
}
