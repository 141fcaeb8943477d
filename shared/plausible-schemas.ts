/**
 * @module Wire schemas with the plausibility checks on top (shared/plausibility.ts): what the server parses viewer
 * reports with. `now` is the server clock; an implausible value is an `invalid-payload` naming its field.
 */
import * as v from 'valibot';
import { checkStatsBatch, checkTimestamp, type Implausible } from './plausibility.ts';
import { precompiled } from './precompiled-schema.ts';
import { StatsBatchSchema, type StatsSample } from './stats-sample.ts';

/** The path of `field` (`samples.3.vi.by`) inside `value`, as valibot issues carry it (so `getDotPath` names it). */
function pathOf(value: unknown, field: string): [v.IssuePathItem, ...v.IssuePathItem[]] | undefined {
  const items: v.IssuePathItem[] = [];
  let node = value;
  for (const part of field.split('.')) {
    if (Array.isArray(node)) {
      const key = Number(part);
      items.push({ type: 'array', origin: 'value', input: node, key, value: node[key] });
      node = node[key];
    } else if (typeof node === 'object' && node !== null) {
      const input = node as Record<string, unknown>;
      items.push({ type: 'object', origin: 'value', input, key: part, value: input[part] });
      node = input[part];
    } else return undefined;
  }
  const [first, ...rest] = items;
  return first ? [first, ...rest] : undefined;
}

/** `schema`, then `check` on its output: the first implausible value becomes the issue. */
export function plausible<S extends v.GenericSchema>(
  schema: S,
  check: (value: v.InferOutput<S>) => Implausible | null,
) {
  return v.pipe(
    schema,
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const issue = check(dataset.value);
      if (!issue) return;
      const path = pathOf(dataset.value, issue.field);
      addIssue({ message: `${issue.field} ${issue.message}`, ...(path ? { path } : {}) });
    }),
  );
}

/** Reads the number at dot path `field` of a parsed payload (a timestamp), if there is one. */
function numberAt(value: unknown, field: string): number | undefined {
  let node = value;
  for (const part of field.split('.'))
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'number' ? node : undefined;
}

/** `schema` whose timestamp at `field` (default `t`) must be within the clock skew of `now()`. */
export function clockChecked<S extends v.GenericSchema>(schema: S, now: () => number, field = 't') {
  return plausible(schema, (value) => {
    const t = numberAt(value, field);
    return t === undefined ? null : checkTimestamp(t, now(), field);
  });
}

/**
 * The sample batch schema with its generated fast path (the server parses ~2,000 batches a second at 10,000 viewers),
 * built on first use: pages that import this module never generate code (their CSP forbids it).
 */
let statsBatch: typeof StatsBatchSchema | undefined;

/** `viewer:stats` as the server takes it: `previous()` is the session's newest stored sample, when it has one. */
export function plausibleStatsBatch(now: () => number, previous: () => StatsSample | undefined) {
  statsBatch ??= precompiled(StatsBatchSchema);
  return plausible(statsBatch, (batch) => checkStatsBatch(batch.samples, previous(), now()));
}
