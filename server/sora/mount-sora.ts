/**
 * @module Feature: Sora. Public join settings for viewer pages, Sora's event and auth webhooks, and the host's
 * viewer-token and Sora-side views. Routes: see docs/sora.md.
 */
import { requestAddress } from '../admission/request-address.ts';
import type { FeatureContext } from '../feature.ts';
import { publicEventRoutes } from './public-event.routes.ts';
import { soraHostRoutes } from './sora-host.routes.ts';
import { SoraLedger } from './sora-ledger.ts';
import { soraWebhookRoutes } from './sora-webhook.routes.ts';
import { eventToken, type TokenRole } from './viewer-token.ts';

export function mountSora(ctx: FeatureContext): void {
  const { catalog, live, clock, config } = ctx;
  const logger = ctx.logger.child({ module: 'sora' });
  const secret = config.soraWebhookSecret;
  const ledger = new SoraLedger();
  const tokenFor =
    secret === undefined ? null : (role: TokenRole, eventId: string) => eventToken(secret, role, eventId);

  const timeouts = { joinTimeoutMs: config.joinTimeoutMs, noMediaTimeoutMs: config.noMediaTimeoutMs };
  ctx.http.route(
    '/api/public',
    publicEventRoutes(catalog, timeouts, (eventId, c) =>
      ctx.admission.issue(eventId, requestAddress(c, ctx.admission.trustProxy), clock.now()),
    ),
  );
  ctx.http.route(
    '/api/sora',
    soraWebhookRoutes({
      catalog,
      live,
      clock,
      ledger,
      logger,
      secret,
      tokenFor: tokenFor ?? (() => ''), // never called without a secret: the routes answer 404 first
    }),
  );
  ctx.http.route('/api/events', soraHostRoutes({ catalog, live, clock, ledger, tokenFor }));
  if (secret === undefined) logger.info('Sora webhooks disabled (SORA_WEBHOOK_SECRET not set)');
}
