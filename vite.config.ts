/** Builds the dashboard and viewer pages (client/ → dist/client) for the server to serve. */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./client', import.meta.url));

export default defineConfig({
  root,
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: { index: `${root}/index.html`, watch: `${root}/watch.html` },
    },
  },
});
