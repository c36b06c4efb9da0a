import { resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * `vite build` always makes the production build, also when it runs inside
 * another tool that set NODE_ENV (vitest sets `test`, which would otherwise
 * ship React's development build, twice the size). Vite reads NODE_ENV after
 * loading this file; the previous value is put back when the build ends.
 */
function productionBuild(): Plugin[] {
  const previous = process.env.NODE_ENV;
  if (previous === 'production') return [];
  process.env.NODE_ENV = 'production';
  const restore = () => {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  };
  return [
    {
      name: 'koe:production-build',
      buildEnd(error) {
        if (error) restore();
      },
      closeBundle: restore,
    },
  ];
}

/**
 * The staff pages (answer/, feedback/ and what they share in common/) run on
 * Preact through its React compatibility layer: the same React code, about
 * 60 kB less gzipped JavaScript on a phone, which keeps them inside the 90 kB
 * budget of docs/DESIGN.md §7. The HR console keeps React itself. Only
 * imports made by the staff pages' own files are redirected.
 */
function preactForStaffPages(): Plugin {
  const staff = ['answer', 'feedback', 'common'].map((d) => resolve(import.meta.dirname, d) + sep);
  const to: Record<string, string> = {
    react: 'preact/compat',
    'react-dom': 'preact/compat',
    'react-dom/client': 'preact/compat/client',
    'react/jsx-runtime': 'preact/jsx-runtime',
    'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
  };
  return {
    name: 'koe:preact-for-staff-pages',
    enforce: 'pre',
    resolveId(source, importer, options) {
      const target = to[source];
      if (!target || !importer || !staff.some((d) => importer.startsWith(d))) return null;
      return this.resolve(target, importer, { ...options, skipSelf: true });
    },
  };
}

/**
 * Three entries: the survey pages (answer/), the staff feedback box
 * (feedback/) and the HR console (console/). They share only web/common and
 * shared/, so the staff bundles carry none of the console's code. The
 * manifest records each entry's chunks.
 */
export default defineConfig(({ command }) => ({
  root: resolve(import.meta.dirname),
  base: '/',
  plugins: [preactForStaffPages(), react(), ...(command === 'build' ? productionBuild() : [])],
  build: {
    outDir: resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    manifest: true,
    // Every browser the pages support has <link rel=modulepreload>; the polyfill would cost bytes.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        answer: resolve(import.meta.dirname, 'answer/index.html'),
        console: resolve(import.meta.dirname, 'console/index.html'),
        feedback: resolve(import.meta.dirname, 'feedback/index.html'),
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
}));
