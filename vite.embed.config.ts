/** @module Builds the embeddable collector (client/src/collector/embed.ts → dist/embed) as an ES module and an IIFE. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // The embed is framework-free: no Svelte plugin, no index.html, no public/ copy.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/embed', import.meta.url)),
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL('./client/src/collector/embed.ts', import.meta.url)),
      // The IIFE exposes `window.KansokuCollector.attach(...)`; socket.io-client is bundled (nothing is external).
      name: 'KansokuCollector',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'kansoku-collector.js' : 'kansoku-collector.iife.js'),
    },
  },
});
