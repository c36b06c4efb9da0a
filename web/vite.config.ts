import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two entries built separately: the respondent pages (answer/) and the HR
 * console (console/). They share only web/common and shared/, so the
 * respondent bundle carries none of the console's code.
 */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      input: {
        answer: resolve(import.meta.dirname, 'answer/index.html'),
        console: resolve(import.meta.dirname, 'console/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
