import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EntrySize, FIRST_PAGES, measureFirstPage, measureWeb } from '../web-size';
import type { Section } from './report';

export const RESPONDENT_BUDGET_BYTES = 90 * 1000;
export const CONSOLE_FIRST_PAGE_BUDGET_BYTES = FIRST_PAGES.console!.budgetKb * 1000;

const root = path.resolve(import.meta.dirname, '../..');

/**
 * DESIGN §7: the respondent page ≤ 90 KB gzipped JS; the HR console's first
 * page (the entry with sign-in, then a signed-in HR user's dashboard) ≤ 110 KB,
 * its other pages split off and loaded when opened. The full run builds the web app afresh into a temporary folder
 * (dist/web may be in use by a running server or tests); the quick run
 * measures dist/web when it exists. Measured by scripts/web-size.ts: every
 * chunk an entry's page loads, statically or lazily.
 */
export async function webBench(quick: boolean): Promise<Section> {
  const existing = path.join(root, 'dist/web');
  const reuse = quick && existsSync(path.join(existing, 'answer/index.html'));
  let outDir = existing;
  let buildMs: number | undefined;
  if (!reuse) {
    outDir = await mkdtemp(path.join(tmpdir(), 'koe-bench-web-'));
    const { build } = await import('vite');
    const start = performance.now();
    await build({
      configFile: path.join(root, 'web/vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    buildMs = performance.now() - start;
  }
  let entries: EntrySize[];
  let firstPage: EntrySize;
  try {
    entries = measureWeb(outDir);
    firstPage = measureFirstPage(outDir, 'console');
  } finally {
    if (!reuse) await rm(outDir, { recursive: true, force: true });
  }
  const answer = entries.find((e) => e.entry === 'answer');
  const console_ = entries.find((e) => e.entry === 'console');
  if (!answer || !console_) throw new Error('the build has no answer or no console entry');
  const describe = (e: EntrySize) =>
    `${e.chunks.length} chunks, ${(e.bytes / 1000).toFixed(1)} kB before gzip; largest ${e.chunks
      .slice(0, 3)
      .map((c) => `${c.file} ${(c.gzip / 1000).toFixed(1)} kB`)
      .join(', ')}`;
  return {
    title: 'Web app',
    rows: [
      {
        name: 'respondent page (answer) JS, gzipped',
        measured: `${(answer.gzip / 1000).toFixed(1)} kB`,
        budget: `≤ ${RESPONDENT_BUDGET_BYTES / 1000} kB`,
        met: answer.gzip <= RESPONDENT_BUDGET_BYTES,
        note: describe(answer),
      },
      {
        name: 'HR console first page JS, gzipped',
        measured: `${(firstPage.gzip / 1000).toFixed(1)} kB`,
        budget: `≤ ${CONSOLE_FIRST_PAGE_BUDGET_BYTES / 1000} kB`,
        met: firstPage.gzip <= CONSOLE_FIRST_PAGE_BUDGET_BYTES,
        note: `sign-in and a signed-in HR user's dashboard: ${describe(firstPage)}`,
      },
      {
        name: 'HR console JS, every page, gzipped',
        measured: `${(console_.gzip / 1000).toFixed(1)} kB`,
        note: `${describe(console_)}; each page after the first loads when opened, no budget`,
      },
    ],
    method: `
\`vite build\` of web/ (production mode, the project's own config)${buildMs ? `, ${(buildMs / 1000).toFixed(0)} s, into a temporary folder` : ' (the quick run reuses dist/web)'}, measured by
scripts/web-size.ts: from each entry's index.html, the module scripts and modulepreload links it names
and every chunk those import, statically or lazily, gzipped at zlib's default level; kB are 1,000 bytes.
The console's first page, from Vite's manifest: the entry and the chunks it imports statically (React,
the shell, the first page's words, sign-in), then the dashboard page's chunk and every chunk it imports,
statically or lazily; the other pages (imported lazily by the entry) are not counted.
tests/e2e/console-bundle.test.ts checks in Chromium that signing in and opening the dashboard fetches no
other script.
`,
  };
}
