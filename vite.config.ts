import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

// The client lives in web/ and is served by the Fastify server from dist/web in production;
// during development Vite proxies the API so cookies stay first-party.
export default defineConfig({
  root: `${here}web`,
  plugins: [react()],
  build: {
    outDir: `${here}dist/web`,
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; routes are lazy-loaded.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Host is left unchanged so the server's same-origin check sees the dev origin as its own.
    proxy: { '/api': { target: 'http://127.0.0.1:8080' } },
  },
});
