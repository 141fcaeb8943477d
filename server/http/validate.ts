/** @module Parses request bodies with a shared schema; a bad body becomes 400 naming the field at fault. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { HttpError } from './http-error.ts';

export async function parseJsonBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'invalid-payload', 'body must be JSON');
  }
  return parseInput(schema, body);
}

export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue ? (v.getDotPath(issue) ?? undefined) : undefined;
  throw new HttpError(400, 'invalid-payload', issue?.message ?? 'invalid input', field);
}

/** The first issue of a failed parse, as `{ message, field }` for acks. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): {
  message: string;
  field: string | undefined;
} {
  const issue = issues[0];
  return { message: issue?.message ?? 'invalid input', field: issue ? (v.getDotPath(issue) ?? undefined) : undefined };
}
