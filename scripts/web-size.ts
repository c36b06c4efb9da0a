/**
 * The web app's script weight per entry (DESIGN §7: the respondent page may
 * load at most 90 KB of gzipped JavaScript; the staff feedback page, also
 * opened on phones, keeps to the same budget; the HR console loads separately,
 * its first page — sign-in, then the dashboard — at most 110 KB: FIRST_PAGES).
 *
 *   npx tsx scripts/web-size.ts           measure dist/web (building it first if it is missing)
 *   npx tsx scripts/web-size.ts --build   build, then measure
 *
 * Each entry is followed from its index.html: the module scripts and
 * modulepreload links it names, then every chunk those import, statically or
 * lazily, so a chunk loaded later still counts. Sizes are gzip at zlib's
 * default level, in kB of 1000 bytes. Exits 1 when an entry is over budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGETS_KB: Record<string, number> = { answer: 90, feedback: 90 };

export interface EntrySize {
  entry: string;
  chunks: Array<{ file: string; bytes: number; gzip: number }>;
  bytes: number;
  gzip: number;
  budgetKb?: number;
}

/** Chunk names a built file refers to: `./x.js` imports and Vite's `assets/x.js` preload lists. */
function referencedChunks(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g)) found.add(m[1]!);
  return [...found];
}

/** Scripts an entry's HTML loads: module scripts and modulepreload links under /assets/. */
function htmlScripts(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)) {
    found.add(path.posix.basename(m[1]!));
  }
  return [...found];
}

/** Measures one entry (a folder of dist/web with an index.html). */
export function measureEntry(webDir: string, entry: string): EntrySize {
  const assets = path.join(webDir, 'assets');
  const html = readFileSync(path.join(webDir, entry, 'index.html'), 'utf8');
  const queue = htmlScripts(html);
  const seen = new Set<string>();
  const chunks: EntrySize['chunks'] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const full = path.join(assets, file);
    if (!existsSync(full)) throw new Error(`${entry}: ${file} is referenced but not in ${assets}`);
    const content = readFileSync(full);
    chunks.push({ file, bytes: content.byteLength, gzip: gzipSync(content).byteLength });
    queue.push(...referencedChunks(content.toString('utf8')));
  }
  if (chunks.length === 0) throw new Error(`${entry}: index.html loads no script`);
  const sum = (k: 'bytes' | 'gzip') => chunks.reduce((s, c) => s + c[k], 0);
  return {
    entry,
    chunks: chunks.sort((a, b) => b.gzip - a.gzip),
    bytes: sum('bytes'),
    gzip: sum('gzip'),
    ...(BUDGETS_KB[entry] !== undefined ? { budgetKb: BUDGETS_KB[entry] } : {}),
  };
}

export function measureWeb(webDir: string): EntrySize[] {
  return ['answer', 'feedback', 'console']
    .filter((entry) => existsSync(path.join(webDir, entry, 'index.html')))
    .map((entry) => measureEntry(webDir, entry));
}

/**
 * The HR console's first page (DESIGN §7: ≤ 110 KB gzipped JS, the rest split
 * off): what a browser fetches from the console's index.html up to a
 * signed-in HR user's dashboard — the entry and every chunk it imports
 * statically (React, the shell, the words, the sign-in form), then the
 * dashboard page's chunk with every chunk that one imports, statically or
 * lazily (a panel it loads later still counts). The other pages, which the
 * entry imports lazily, are not counted. Read from Vite's manifest.
 */
export const FIRST_PAGES: Record<string, { pages: string[]; budgetKb: number }> = {
  console: { pages: ['console/pages/dashboard.tsx'], budgetKb: 110 },
};

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

export function measureFirstPage(webDir: string, entry: string): EntrySize {
  const spec = FIRST_PAGES[entry];
  if (!spec) throw new Error(`${entry}: no first page defined`);
  const manifestFile = path.join(webDir, '.vite/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const keys = new Set<string>();
  const visit = (key: string, lazyToo: boolean) => {
    if (keys.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${entry}: ${key} is not in ${manifestFile}`);
    keys.add(key);
    for (const k of chunk.imports ?? []) visit(k, lazyToo);
    if (lazyToo) for (const k of chunk.dynamicImports ?? []) visit(k, lazyToo);
  };
  visit(`${entry}/index.html`, false);
  for (const page of spec.pages) visit(page, true);
  const chunks = [...new Set([...keys].map((k) => path.posix.basename(manifest[k]!.file)))].map((file) => {
    const content = readFileSync(path.join(webDir, 'assets', file));
    return { file, bytes: content.byteLength, gzip: gzipSync(content).byteLength };
  });
  const sum = (k: 'bytes' | 'gzip') => chunks.reduce((s, c) => s + c[k], 0);
  return {
    entry: `${entry} first page`,
    chunks: chunks.sort((a, b) => b.gzip - a.gzip),
    bytes: sum('bytes'),
    gzip: sum('gzip'),
    budgetKb: spec.budgetKb,
  };
}

export const overBudget = (e: EntrySize) => e.budgetKb !== undefined && e.gzip > e.budgetKb * 1000;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

async function main() {
  const root = path.resolve(import.meta.dirname, '..');
  const webDir = path.join(root, 'dist/web');
  if (process.argv.includes('--build') || !existsSync(path.join(webDir, 'answer/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  let failed = false;
  const firstPages = Object.keys(FIRST_PAGES)
    .filter((entry) => existsSync(path.join(webDir, entry, 'index.html')))
    .map((entry) => measureFirstPage(webDir, entry));
  for (const e of [...measureWeb(webDir), ...firstPages]) {
    const verdict =
      e.budgetKb === undefined ? '(no budget)' : `budget ${e.budgetKb} kB: ${overBudget(e) ? 'OVER' : 'ok'}`;
    console.log(`${e.entry}: ${kb(e.gzip)} gzipped JS (${kb(e.bytes)} raw) — ${verdict}`);
    for (const c of e.chunks)
      console.log(`  ${c.file.padEnd(36)} ${kb(c.gzip).padStart(10)} gz ${kb(c.bytes).padStart(10)}`);
    if (overBudget(e)) failed = true;
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 2;
  });
}
