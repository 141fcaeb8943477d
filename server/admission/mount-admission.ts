/**
 * @module Feature: viewer admission's REST side (`POST /api/public/events/:id/ticket`); docs/protocol.md, "Tickets".
 */
import type { FeatureContext } from '../feature.ts';
import { ticketRoutes } from './ticket.routes.ts';

export function mountAdmission(ctx: FeatureContext): void {
  ctx.http.route('/api/public', ticketRoutes(ctx.catalog, ctx.admission, ctx.clock));
}
