import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: { proxy: { '/api': 'http://localhost:8080', '/readyz': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
  build: { outDir: 'dist', sourcemap: true },
});
