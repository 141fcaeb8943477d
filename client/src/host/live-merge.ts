/**
 * @module Merging what REST returns with what the socket already delivered (pure). The socket may be ahead of a
 * REST answer that was sent earlier, so neither side simply replaces the other.
 */
import type { AlertNotice } from '../../../shared/alert.ts';
import type { FailureRecord } from '../../../shared/funnel.ts';
import type { Marker } from '../../../shared/marker.ts';

/** Union by id, oldest first. */
export function mergeMarkers(a: readonly Marker[], b: readonly Marker[]): Marker[] {
  const byId = new Map<number, Marker>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.t - y.t || x.id - y.id);
}

/** Identity of a notice / failure in lists (and their keyed `{#each}`). */
export const noticeKey = (n: AlertNotice): string => `${n.ruleId}|${n.kind}|${n.t}`;
export const failureKey = (f: FailureRecord): string => `${f.sessionId}|${f.category}|${f.t}`;

function unionNewestFirst<T>(
  a: readonly T[],
  b: readonly T[],
  key: (x: T) => string,
  t: (x: T) => number,
  limit: number,
): T[] {
  const byKey = new Map<string, T>();
  for (const x of [...a, ...b]) byKey.set(key(x), x);
  return [...byKey.values()].sort((x, y) => t(y) - t(x)).slice(0, limit);
}

export const mergeAlertLog = (a: readonly AlertNotice[], b: readonly AlertNotice[], limit: number): AlertNotice[] =>
  unionNewestFirst(a, b, noticeKey, (n) => n.t, limit);

export const mergeFailures = (
  a: readonly FailureRecord[],
  b: readonly FailureRecord[],
  limit: number,
): FailureRecord[] => unionNewestFirst(a, b, failureKey, (f) => f.t, limit);

/** Alerts up now: per rule the newest notice wins (a clear at the same time as a raise wins). */
export function activeAlerts(known: readonly AlertNotice[], log: readonly AlertNotice[]): AlertNotice[] {
  const latest = new Map<string, AlertNotice>();
  for (const n of [...known, ...log]) {
    const current = latest.get(n.ruleId);
    if (!current || n.t > current.t || (n.t === current.t && n.kind === 'cleared')) latest.set(n.ruleId, n);
  }
  return [...latest.values()].filter((n) => n.kind === 'raised').sort((a, b) => a.t - b.t);
}
