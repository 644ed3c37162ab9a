import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at `/`; in `npm run dev -w @tripline/console` the API is proxied to a
// local server so the console talks to the same origin either way.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:5001',
      '/oauth': 'http://127.0.0.1:5001',
      '/triggers': 'http://127.0.0.1:5001',
    },
  },
});
