/**
 * @module Pure list logic of the questions panel: merging pushes by id, search, the three orders with pinned
 * questions on top, the hidden ones apart, and picking the host's language out of two-language advice.
 */
import type { Question, QuestionAction } from '../../../../shared/question.ts';

export const QUESTION_SORTS = ['newest', 'votes', 'unanswered'] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export type QuestionFilter = { sort: QuestionSort; query: string };
export type QuestionLists = {
  /** Not hidden and matching the search: pinned first, then in the chosen order. */
  shown: Question[];
  /** Hidden and matching the search, in the same order. */
  hidden: Question[];
};

const byPosting = (a: Question, b: Question): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `list` (posting order, oldest first) with `question` in it: replaces the one with the same id (edits, votes,
 * tombstones, host actions; a repeated `question:new` after a reconnect), else inserts it by posting time.
 * Returns a new array; `list` is not changed.
 */
export function upsertQuestion(list: readonly Question[], question: Question): Question[] {
  const at = list.findIndex((q) => q.id === question.id);
  if (at !== -1) {
    const next = list.slice();
    next[at] = question;
    return next;
  }
  const last = list.at(-1);
  if (!last || byPosting(last, question) <= 0) return [...list, question];
  return [...list, question].sort(byPosting);
}

/** The list as the server sent it, plus pushes that arrived while it was on its way (those are newer). */
export function mergeQuestions(listed: readonly Question[], pushed: readonly Question[]): Question[] {
  let merged = [...listed].sort(byPosting);
  for (const q of pushed) merged = upsertQuestion(merged, q);
  return merged;
}

/** Case- and width-insensitive (ＡＢＣ = abc), so Japanese and English queries both work. */
export const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase();

// Questions are replaced, never mutated, so the normalized text can be cached by object.
const searchable = new WeakMap<Question, string>();
function haystack(q: Question): string {
  let text = searchable.get(q);
  if (text === undefined) {
    text = normalizeText(`${q.author.name}\n${q.content}`);
    searchable.set(q, text);
  }
  return text;
}

/** True when every word of the query occurs in the name or the content; withdrawn questions never match a query. */
export function matches(q: Question, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  if (q.deleted) return false;
  const text = haystack(q);
  return words.every((w) => text.includes(w));
}

const open = (q: Question): boolean => !q.answered && !q.deleted;

const ORDERS: Record<QuestionSort, (a: Question, b: Question) => number> = {
  newest: (a, b) => byPosting(b, a),
  votes: (a, b) => b.votes - a.votes || byPosting(b, a),
  // A queue: what still needs an answer first, the longest-waiting on top.
  unanswered: (a, b) => Number(open(b)) - Number(open(a)) || byPosting(a, b),
};

export function arrangeQuestions(questions: readonly Question[], filter: QuestionFilter): QuestionLists {
  const words = normalizeText(filter.query).split(/\s+/).filter(Boolean);
  const order = ORDERS[filter.sort];
  const shown: Question[] = [];
  const hidden: Question[] = [];
  for (const q of questions) if (matches(q, words)) (q.hidden ? hidden : shown).push(q);
  shown.sort((a, b) => Number(b.pinned) - Number(a.pinned) || order(a, b));
  hidden.sort(order);
  return { shown, hidden };
}

export const INVERSE_ACTION: Record<QuestionAction, QuestionAction> = {
  answer: 'unanswer',
  unanswer: 'answer',
  pin: 'unpin',
  unpin: 'pin',
  hide: 'unhide',
  unhide: 'hide',
};

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The server's advice is one line per language (English, then Japanese); the host's line, or all of it. */
export function adviceFor(advice: string, lang: 'ja' | 'en'): string {
  const lines = advice.split('\n').filter((l) => l.trim() !== '');
  const pick = lines.find((l) => JAPANESE.test(l) === (lang === 'ja'));
  return pick ?? advice;
}
