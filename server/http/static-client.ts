/** @module Serves the built client (dist/client): assets as files, every other page path as the SPA shell. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

export function mountClient(app: Hono, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  const shell = existsSync(indexFile)
    ? readFileSync(indexFile, 'utf8')
    : '<!doctype html><p>The dashboard is not built yet: run <code>npm run build</code>.</p>';
  app.use('/assets/*', serveStatic({ root: relative(process.cwd(), clientDir) || '.' }));
  app.use('/embed/*', serveStatic({ root: relative(process.cwd(), join(clientDir, '..')) || '.' }));
  app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(shell)));
}
