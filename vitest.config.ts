/**
 * Three projects: `unit` (pure code, no ports), `integration` (real server, socket.io, SQLite/PostgreSQL
 * on 127.0.0.1) and `e2e` (headless Chromium with WebRTC; run inside a loopback-only network namespace).
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const svelteConfig = fileURLToPath(new URL('./svelte.config.js', import.meta.url));

export default defineConfig({
  test: {
    reporters: ['default', './tests/plain-summary-reporter.ts'],
    projects: [
      {
        plugins: [svelte({ configFile: svelteConfig })],
        resolve: { conditions: ['browser'] },
        // Svelte must go through Vite with the browser condition, or runes resolve to the server build ($effect never runs).
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          server: { deps: { inline: ['svelte'] } },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
