/**
 * @module Serves the built client (dist/client): assets as files, every other page path as the SPA shell, and the
 * embeddable collector (dist/embed) to any origin.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { cors } from 'hono/cors';

const NOT_BUILT = '<!doctype html><p>The client is not built yet: run <code>npm run build</code>.</p>';

/** Read per request (a 1 KB file): a rebuild while the server runs must not leave it serving stale asset names. */
const readShell = (file: string): Promise<string> => readFile(file, 'utf8').catch(() => NOT_BUILT);

/** Viewer pages (/watch/:id, /check/:id) get the small viewer bundle; every other page the dashboard. */
export function mountClient(app: Hono, clientDir: string): void {
  const dashboard = join(clientDir, 'index.html');
  const viewer = join(clientDir, 'watch.html');
  if (existsSync(clientDir)) app.use('/assets/*', serveStatic({ root: relative(process.cwd(), clientDir) || '.' }));
  const embedDir = join(clientDir, '..', 'embed');
  if (existsSync(embedDir)) {
    // The collector for other sites' viewer pages: a module script from another origin is fetched with CORS.
    app.use('/embed/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD'] }));
    app.use('/embed/*', serveStatic({ root: relative(process.cwd(), join(clientDir, '..')) || '.' }));
  }
  app.get('/watch/*', async (c) => c.html(await readShell(viewer)));
  app.get('/check/*', async (c) => c.html(await readShell(viewer)));
  app.get('*', async (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(await readShell(dashboard))));
}
