import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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

/** The files a browser fetches as text: they get a brotli and a gzip copy beside them. */
const COMPRESSIBLE = /\.(?:js|css|html|svg)$/;

/**
 * Precompressed copies of the build (`x.js.br`, `x.js.gz` beside `x.js`), at
 * the highest levels, made once here instead of on every request: the local
 * server (functions/local/server.ts) sends one when the browser accepts it.
 * A copy that would not be smaller is not written. On AWS the copies are not
 * deployed: CloudFront compresses by itself (infra/constructs/web.ts).
 */
export function precompress(): Plugin {
  return {
    name: 'koe:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      // On zlib's thread pool, all files at once: the largest (the console) sets the time.
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (fileName) => {
          const file = join(dir, fileName);
          const plain = await readFile(file);
          const [br, gz] = await Promise.all([
            promisify(brotliCompress)(plain, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: plain.byteLength,
              },
            }),
            promisify(gzip)(plain, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.byteLength < plain.byteLength) await writeFile(`${file}.br`, br);
          if (gz.byteLength < plain.byteLength) await writeFile(`${file}.gz`, gz);
        }),
      );
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
  plugins: [
    preactForStaffPages(),
    react(),
    ...(command === 'build' ? [...productionBuild(), precompress()] : []),
  ],
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
