import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: { proxy: { '/api': 'http://localhost:8080', '/readyz': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks each page needs (bench/suites/web-bundle.ts reads it).
    manifest: true,
    // The budget is 250 KB gzipped for the first screen (≈ 800 KB minified); warn past that, not at 500.
    chunkSizeWarningLimit: 800,
  },
});
