/**
 * @module The viewer table's columns: sort key, header text, numeric or not, and width. Widths grow with the text
 * (`--text-scale`, larger on a wall display, where the table leaves out the columns marked `wall: false` so it fits
 * beside the sidebar); the header row and every body row share one grid template.
 */
import type { MessageKey } from '../i18n/index.ts';
import type { SortKey, ViewerFilter } from './viewer-sort.ts';

export type Column = { key: SortKey; label: MessageKey; num?: boolean; width: number | 'fill'; wall?: false };

export const COLUMNS: readonly Column[] = [
  { key: 'worst', label: 'col.quality', width: 170 },
  { key: 'state', label: 'col.state', width: 116 },
  { key: 'sessionId', label: 'col.session', width: 140 },
  { key: 'browser', label: 'col.browser', width: 'fill' },
  { key: 'os', label: 'col.os', width: 96 },
  { key: 'codec', label: 'col.codec', width: 52, wall: false },
  { key: 'kbps', label: 'col.bitrate', num: true, width: 80 },
  { key: 'lossPct', label: 'col.loss', num: true, width: 56 },
  { key: 'rttMs', label: 'col.rtt', num: true, width: 58 },
  { key: 'jitterBufferMs', label: 'col.jitterBuffer', num: true, width: 70, wall: false },
  { key: 'fps', label: 'col.fps', num: true, width: 50 },
  { key: 'height', label: 'col.resolution', num: true, width: 48 },
  { key: 'connects', label: 'col.reconnects', num: true, width: 54 },
  { key: 'firstSeen', label: 'col.since', num: true, width: 50, wall: false },
];

const px = (n: number) => `calc(${n}px * var(--text-scale))`;

/** The columns shown: all of them, or the wall display's. */
export const columnsFor = (wall: boolean): readonly Column[] =>
  wall ? COLUMNS.filter((c) => c.wall !== false) : COLUMNS;

/** The CSS grid template of a row of these columns. */
export const columnTemplate = (columns: readonly Column[]): string =>
  columns.map((c) => (c.width === 'fill' ? `minmax(${px(110)}, 1fr)` : px(c.width))).join(' ');

export const FILTERS: ReadonlyArray<{ key: ViewerFilter; label: MessageKey }> = [
  { key: 'all', label: 'table.all' },
  { key: 'problems', label: 'table.problems' },
  { key: 'watching', label: 'table.watchingOnly' },
];
