/** @module Serves the built client (dist/client): assets as files, every other page path as the SPA shell. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const NOT_BUILT = '<!doctype html><p>The client is not built yet: run <code>npm run build</code>.</p>';

const readShell = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : NOT_BUILT);

/** Viewer pages (/watch/:id, /check/:id) get the small viewer bundle; every other page the dashboard. */
export function mountClient(app: Hono, clientDir: string): void {
  const dashboard = readShell(join(clientDir, 'index.html'));
  const viewer = readShell(join(clientDir, 'watch.html'));
  if (existsSync(clientDir)) app.use('/assets/*', serveStatic({ root: relative(process.cwd(), clientDir) || '.' }));
  const embedDir = join(clientDir, '..', 'embed');
  if (existsSync(embedDir)) app.use('/embed/*', serveStatic({ root: relative(process.cwd(), join(clientDir, '..')) || '.' }));
  app.get('/watch/*', (c) => c.html(viewer));
  app.get('/check/*', (c) => c.html(viewer));
  app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(dashboard)));
}
