/** @module Hand-sized inputs for the report builder tests: sessions, history aggregates and ticks with overrides. */
import {
  emptyHistory,
  type HistoryAggregate,
  type ReportInput,
  type SessionFacts,
} from '../../../../server/report/report-input.ts';
import type { Tick } from '../../../../shared/tick.ts';
import { makeTick } from '../../../helpers/tick-factory.ts';

export const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);

export function history(patch: Partial<HistoryAggregate> = {}): HistoryAggregate {
  return { ...emptyHistory(), ...patch };
}

export function session(sessionId: string, patch: Partial<SessionFacts> = {}): SessionFacts {
  return {
    sessionId,
    browser: 'Chrome',
    browserVersion: '156',
    os: 'Windows',
    codec: 'AV1',
    decoder: null,
    connection: 'srflx/udp',
    firstSeen: T0,
    lastSeen: T0 + 600_000,
    endedAt: null,
    ending: null,
    connects: 1,
    ttffMs: null,
    stage: null,
    failure: null,
    history: null,
    ...patch,
  };
}

/** `n` ticks, one a second from T0, each made by `patch(i)`. */
export function ticks(n: number, patch: (i: number) => Partial<Tick> = () => ({})): Tick[] {
  return Array.from({ length: n }, (_, i) => makeTick(T0 + i * 1000, patch(i)));
}

export function input(patch: Partial<ReportInput> = {}): ReportInput {
  return {
    event: { id: 'ev-1', title: 'Launch', discord: { guildId: null, channelId: null, registrationPattern: null } },
    phase: 'live',
    ticks: [],
    sessions: [],
    failures: [],
    markers: [],
    alerts: [],
    questions: [],
    registrations: 0,
    ...patch,
  };
}

/** Every number anywhere in `value` (to prove there is no NaN or Infinity). */
export function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}
