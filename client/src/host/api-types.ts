/**
 * @module REST payload types the dashboard reads that are defined next to the server code that builds them
 * (type-only imports: nothing from server/ reaches the bundle). Everything else comes from shared/.
 */
export type { ViewerSummary } from '../../../server/live/live.routes.ts';
export type { HistoryRow } from '../../../server/storage/history-codec.ts';
