/**
 * @module QuestionBook: one event's questions and registrations, folded from normalized question events (pure: no I/O,
 * no clock).
 */
import { QUESTION_ACTION_PATCHES, type Question, type QuestionAction } from '../../shared/question.ts';
import { compareMessageIds, discordQuestionId, type MessageSnapshot, type QuestionEvent } from './question-event.ts';

/** What an applied event changed; `new` / `updated` map to the `question:new` / `question:updated` broadcasts. */
export type BookChange =
  | { kind: 'none' }
  | { kind: 'new'; question: Question }
  | { kind: 'updated'; question: Question }
  | { kind: 'registrations'; count: number };

/**
 * One stored registration: a matching message (`messageId`) or an explicit one (`messageId` null), per person `key`.
 */
export type Registration = { key: string; messageId: string | null };

export type QuestionBookOptions = {
  eventId: string;
  /** Regular expression source (see `compileRegistrationPattern`); matching messages are registrations. */
  registrationPattern: string | null;
  /** Questions restored from storage. Their stored votes become a floor, since voters are not stored. */
  initial?: readonly Question[];
  /** Registrations restored from storage. */
  initialRegistrations?: readonly Registration[];
};

export type QuestionBook = {
  apply(event: QuestionEvent): BookChange;
  /** Adds a question that did not come from chat (`web`, `report`); `none` when its id is already known. */
  add(question: Question): BookChange;
  /** Applies a host action; null when the question is unknown. */
  act(questionId: string, action: QuestionAction): Question | null;
  get(questionId: string): Question | null;
  /** Questions in posting order (oldest first), tombstones and hidden ones included. */
  list(): Question[];
  /** Distinct people who registered (by message or by an explicit `registration` event). */
  registrations(): number;
  /** Every registration behind `registrations()`, for storage. */
  registrationEntries(): Registration[];
  /** Highest message id ever applied; a backfill cursor after a restart. */
  latestMessageId(): string | null;
};

type Entry = { question: Question; voters: Map<string, Set<string>>; voteFloor: number };

const NONE: BookChange = { kind: 'none' };

/** Compiles a host-supplied pattern (case-insensitive, unicode). Throws SyntaxError when it is invalid. */
export function compileRegistrationPattern(source: string | null): RegExp | null {
  return source === null || source.trim() === '' ? null : new RegExp(source, 'iu');
}

export function createQuestionBook(options: QuestionBookOptions): QuestionBook {
  const pattern = compileRegistrationPattern(options.registrationPattern);
  const entries = new Map<string, Entry>();
  /** Registration message id → registrant key. */
  const registrationMessages = new Map<string, string>();
  const explicitRegistrants = new Set<string>();
  /** Ids deleted before we saw them, so a late replay or backfill cannot bring them back. */
  const unknownDeleted = new Set<string>();
  let latest: string | null = null;

  for (const question of options.initial ?? []) {
    entries.set(question.id, { question, voters: new Map(), voteFloor: question.votes });
    if (question.messageId !== null) noteMessageId(question.messageId);
  }
  for (const { key, messageId } of options.initialRegistrations ?? []) {
    if (messageId === null) explicitRegistrants.add(key);
    else {
      registrationMessages.set(messageId, key);
      noteMessageId(messageId);
    }
  }

  function noteMessageId(messageId: string): void {
    if (latest === null || compareMessageIds(messageId, latest) > 0) latest = messageId;
  }

  function registrations(): number {
    return new Set([...registrationMessages.values(), ...explicitRegistrants]).size;
  }

  function entryFor(messageId: string): Entry | undefined {
    return entries.get(discordQuestionId(messageId));
  }

  function countVotes(entry: Entry): number {
    return Math.max(entry.voteFloor, entry.voters.size);
  }

  /** Replaces the entry's question with a patched copy (questions handed out are never mutated). */
  function patch(entry: Entry, changes: Partial<Question>): BookChange {
    const next = { ...entry.question, ...changes, votes: countVotes(entry) };
    const changed = (Object.keys(next) as (keyof Question)[]).some((key) => next[key] !== entry.question[key]);
    if (!changed) return NONE;
    entry.question = next;
    return { kind: 'updated', question: next };
  }

  function onMessage(message: MessageSnapshot): BookChange {
    noteMessageId(message.messageId);
    if (unknownDeleted.has(message.messageId) || registrationMessages.has(message.messageId)) return NONE;
    const entry = entryFor(message.messageId);
    if (entry === undefined) return create(message);
    if (entry.question.deleted) return NONE;
    entry.voteFloor = Math.max(entry.voteFloor, message.voteFloor);
    const stored = entry.question.editedAt;
    const newer = message.editedAt !== null && (stored === null || message.editedAt > stored);
    if (!newer) return patch(entry, {});
    return patch(entry, { content: message.content, editedAt: message.editedAt });
  }

  function create(message: MessageSnapshot): BookChange {
    if (pattern?.test(message.content)) {
      registrationMessages.set(message.messageId, `discord:${message.author.id}`);
      return { kind: 'registrations', count: registrations() };
    }
    const question: Question = {
      id: discordQuestionId(message.messageId),
      eventId: options.eventId,
      source: 'discord',
      messageId: message.messageId,
      author: { name: message.author.name, avatarUrl: message.author.avatarUrl },
      content: message.content,
      createdAt: message.createdAt,
      editedAt: message.editedAt,
      deleted: false,
      votes: message.voteFloor,
      answered: false,
      pinned: false,
      hidden: false,
    };
    entries.set(question.id, { question, voters: new Map(), voteFloor: message.voteFloor });
    return { kind: 'new', question };
  }

  function onDeleted(messageId: string): BookChange {
    if (registrationMessages.delete(messageId)) return { kind: 'registrations', count: registrations() };
    const entry = entryFor(messageId);
    if (entry === undefined) {
      unknownDeleted.add(messageId);
      return NONE;
    }
    if (entry.question.deleted) return NONE;
    // Privacy: the author withdrew it, so the name and avatar go with the text; the tombstone only says "withdrawn".
    return patch(entry, { deleted: true, content: '', author: { name: '', avatarUrl: null } });
  }

  function onReaction(messageId: string, update: (entry: Entry) => void): BookChange {
    const entry = entryFor(messageId);
    if (entry === undefined || entry.question.deleted) return NONE;
    update(entry);
    return patch(entry, {});
  }

  function removeEmoji(voters: Map<string, Set<string>>, userId: string, emoji: string): void {
    const emojis = voters.get(userId);
    emojis?.delete(emoji);
    if (emojis?.size === 0) voters.delete(userId);
  }

  function apply(event: QuestionEvent): BookChange {
    switch (event.type) {
      case 'created':
      case 'updated':
        return onMessage(event.message);
      case 'deleted':
        return onDeleted(event.messageId);
      case 'reaction-added':
        if (event.bot) return NONE;
        return onReaction(event.messageId, ({ voters }) => {
          voters.set(event.userId, (voters.get(event.userId) ?? new Set()).add(event.emoji));
        });
      case 'reaction-removed':
        return onReaction(event.messageId, ({ voters }) => removeEmoji(voters, event.userId, event.emoji));
      case 'reactions-cleared':
        return onReaction(event.messageId, (entry) => {
          if (event.emoji === null) {
            entry.voters.clear();
            entry.voteFloor = 0;
          } else {
            for (const userId of [...entry.voters.keys()]) removeEmoji(entry.voters, userId, event.emoji);
          }
        });
      case 'registration': {
        if (explicitRegistrants.has(event.key)) return NONE;
        explicitRegistrants.add(event.key);
        return { kind: 'registrations', count: registrations() };
      }
    }
  }

  return {
    apply,
    add(question) {
      if (entries.has(question.id)) return NONE;
      entries.set(question.id, { question, voters: new Map(), voteFloor: question.votes });
      return { kind: 'new', question };
    },
    act(questionId, action) {
      const entry = entries.get(questionId);
      if (entry === undefined) return null;
      patch(entry, QUESTION_ACTION_PATCHES[action]);
      return entry.question;
    },
    get: (questionId) => entries.get(questionId)?.question ?? null,
    list: () =>
      [...entries.values()]
        .map((entry) => entry.question)
        .sort((a, b) => a.createdAt - b.createdAt || compareMessageIds(a.id, b.id)),
    registrations,
    registrationEntries: () => [
      ...[...registrationMessages].map(([messageId, key]) => ({ key, messageId })),
      ...[...explicitRegistrants].map((key) => ({ key, messageId: null })),
    ],
    latestMessageId: () => latest,
  };
}
