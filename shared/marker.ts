/**
 * @module Host markers: a timestamped note ("Q&A starts", "encoder restarted") shown on every chart and kept for the
 * report.
 */
import * as v from 'valibot';
import type { Phase } from './event.ts';

/** Agenda presets the dashboard offers as one-click buttons; `note` is free text. */
export const MARKER_KINDS = ['note', 'start', 'demo', 'qa', 'break', 'issue', 'end'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export const MAX_MARKER_LABEL = 120;

export const MarkerCreateSchema = v.object({
  kind: v.optional(v.picklist(MARKER_KINDS), 'note'),
  /** Plain text; the dashboard renders it as text, never as HTML. Empty means "use the kind's name". */
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(MAX_MARKER_LABEL)), ''),
  /** When it happened, ms since epoch; the server's clock when omitted. */
  t: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e14))),
});
export type MarkerCreate = v.InferOutput<typeof MarkerCreateSchema>;

export type Marker = {
  id: number;
  eventId: string;
  /** Phase the event was in when the marker was dropped. */
  phase: Phase;
  /** ms since epoch. */
  t: number;
  kind: MarkerKind;
  label: string;
};
