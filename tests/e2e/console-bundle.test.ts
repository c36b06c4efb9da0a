import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PAGES, measureFirstPage } from '../../scripts/web-size';
import { MESSAGES } from '../../web/console/lib/messages';
import { PAGE_MESSAGES } from '../../web/console/lib/messages-pages';
import { consolePage, launchConsoleBrowser, signIn } from '../support/console';
import { startTestServer, type TestServer, WEB_DIR } from '../support/server';

/**
 * DESIGN §7: the HR console's first page — the entry with React, the shell,
 * the first page's words and sign-in, then the dashboard's chunk — loads at
 * most 110 KB of gzipped JavaScript; every other page is its own chunk with
 * its words in one more (web/console/app.tsx). Measured on the build
 * tests/setup/web.ts made (dist/web), then checked in Chromium: what the
 * browser really fetches up to the dashboard is what was measured.
 */

type Manifest = Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;
const manifest = (): Manifest => JSON.parse(readFileSync(path.join(WEB_DIR, '.vite/manifest.json'), 'utf8'));
const chunkOf = (src: string) => path.posix.basename(manifest()[src]!.file);
const text = (file: string) => readFileSync(path.join(WEB_DIR, 'assets', file), 'utf8');

describe('the console first page', () => {
  let first: ReturnType<typeof measureFirstPage>;
  beforeAll(() => {
    first = measureFirstPage(WEB_DIR, 'console');
  });

  it('stays within 110 KB of gzipped JavaScript, dashboard included', () => {
    console.log(
      `console first page: ${(first.gzip / 1000).toFixed(2)} kB gzipped JS in ${first.chunks.length} chunks ` +
        first.chunks.map((c) => `${c.file} ${(c.gzip / 1000).toFixed(2)} kB`).join(', '),
    );
    expect(FIRST_PAGES.console!.budgetKb).toBe(110);
    const files = first.chunks.map((c) => c.file);
    expect(files).toContain(chunkOf('console/index.html'));
    expect(files).toContain(chunkOf('console/pages/dashboard.tsx'));
    // React alone is ~60 kB: the walk counted real chunks.
    expect(first.gzip).toBeGreaterThan(60_000);
    expect(first.gzip).toBeLessThanOrEqual(110_000);
  });

  it('carries no other page, no zod and no other page’s words', () => {
    const files = new Set(first.chunks.map((c) => c.file));
    for (const page of ['roster', 'results', 'users', 'campaigns', 'report', 'actions']) {
      expect(files.has(chunkOf(`console/pages/${page}.tsx`)), page).toBe(false);
    }
    expect(files.has(chunkOf('console/lib/messages-pages.ts'))).toBe(false);
    const all = [...files].map(text).join('\n');
    expect(all).not.toMatch(/ZodError|\$ZodType/);
    // Long Japanese words only the other pages use are not shipped on the first page.
    const coreWords = new Set<string>(Object.values(MESSAGES).map((w) => w[0]));
    const pageOnly = Object.values(PAGE_MESSAGES)
      .map((w) => w[0])
      .filter((ja) => ja.length >= 12 && !coreWords.has(ja) && !/[{}]/.test(ja));
    expect(pageOnly.length).toBeGreaterThan(100);
    for (const ja of pageOnly) expect(all.includes(ja), ja).toBe(false);
  });

  it('keeps every word a first-page file uses in the entry (web/console/lib/messages.ts)', () => {
    const overlap = Object.keys(MESSAGES).filter((k) => k in PAGE_MESSAGES);
    expect(overlap).toEqual([]);
    const files = firstPageSources();
    // The walk found the shell, sign-in and the dashboard with its panels, and no other page.
    for (const f of [
      'app.tsx',
      'pages/sign-in.tsx',
      'pages/dashboard.tsx',
      'components/harassment-panel.tsx',
    ])
      expect(files.has(path.join(CONSOLE_SRC, f)), f).toBe(true);
    expect(files.has(path.join(CONSOLE_SRC, 'pages/users.tsx'))).toBe(false);
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([A-Za-z][\w.]*)['"`]/g)) {
        if (m[1]! in PAGE_MESSAGES) missing.push(`${path.relative(CONSOLE_SRC, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

const CONSOLE_SRC = path.resolve(import.meta.dirname, '../../web/console');

/**
 * The console's source files the first page loads: from main.tsx and from
 * the dashboard page, every relative module imported for its values (not
 * `import type`, not a lazy `import()`).
 */
function firstPageSources(): Set<string> {
  const seen = new Set<string>();
  const queue = [path.join(CONSOLE_SRC, 'main.tsx'), path.join(CONSOLE_SRC, 'pages/dashboard.tsx')];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s*from\s+'(\.[^']+)'/gms)) {
      const names = m[1]!.replace(/[{}\s]/g, '');
      // `import { type A, type B } from` brings no values.
      if (names !== '' && names.split(',').every((n) => n.startsWith('type'))) continue;
      const base = path.resolve(path.dirname(file), m[2]!);
      const target = ['.tsx', '.ts'].map((ext) => base + ext).find((f) => existsFile(f));
      // Only the console's own files carry its words; shared/ and styles do not.
      if (target?.startsWith(CONSOLE_SRC)) queue.push(target);
    }
  }
  return seen;
}

function existsFile(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

describe('the console first page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fetches only the measured chunks up to the dashboard; another page shows a status while its chunk loads', async () => {
    const { context, page, errors } = await consolePage(browser);
    try {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script' || /\.js(?:$|\?)/.test(r.url()))
          scripts.push(path.posix.basename(new URL(r.url()).pathname));
      });
      await signIn(page, server.baseUrl);
      await page.getByRole('heading', { level: 1, name: MESSAGES.dashboardTitle[0] }).waitFor();
      const measured = new Set(measureFirstPage(WEB_DIR, 'console').chunks.map((c) => c.file));
      expect(scripts).toContain(chunkOf('console/pages/dashboard.tsx'));
      for (const s of scripts) expect(measured.has(s), s).toBe(true);

      // The accounts page: its chunk is held until the loading state has been seen.
      const usersChunk = chunkOf('console/pages/users.tsx');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let requested!: () => void;
      const wasRequested = new Promise<void>((resolve) => {
        requested = resolve;
      });
      await page.route(`**/assets/${usersChunk}`, async (route: Route) => {
        requested();
        await held;
        await route.continue();
      });
      await page
        .getByRole('navigation', { name: MESSAGES.mainNav[0] })
        .getByRole('link', { name: MESSAGES.navUsers[0] })
        .click();
      await wasRequested;
      const status = page.getByRole('status').filter({ hasText: MESSAGES.loadingPage[0] });
      await status.waitFor();
      expect(await page.locator('[aria-busy="true"]').filter({ has: status }).count()).toBe(1);
      release();
      await page.getByRole('heading', { level: 1, name: PAGE_MESSAGES.usersTitle[0] }).waitFor();
      // The page's own words came with it (messages-pages.ts), not as bare keys.
      await page.getByText(PAGE_MESSAGES.roleAdminDesc[0]).waitFor();
      expect(await status.count()).toBe(0);
      expect(scripts).toContain(chunkOf('console/lib/messages-pages.ts'));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says in English, when English is chosen, that a page is loading, and offers a reload when its chunk fails', async () => {
    const { context, page } = await consolePage(browser);
    try {
      await signIn(page, server.baseUrl);
      // The language switch's choice, as the console remembers it (lib/i18n.tsx).
      await page.evaluate(() => window.localStorage.setItem('koe.console.lang', 'en'));
      const settingsChunk = chunkOf('console/pages/settings.tsx');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(`**/assets/${settingsChunk}`, async (route: Route) => {
        await held;
        await route.abort('connectionfailed');
      });
      await page.goto(`${server.baseUrl}/console/settings`);
      await page.getByRole('status').filter({ hasText: MESSAGES.loadingPage[1] }).waitFor();
      release();
      const alert = page.getByRole('alert').filter({ hasText: MESSAGES.pageLoadFailed[1] });
      await alert.waitFor();
      expect(await alert.getByRole('button', { name: MESSAGES.reloadPage[1] }).count()).toBe(1);
      // The shell stays: the menu is still there to go elsewhere.
      expect(await page.getByRole('navigation', { name: MESSAGES.mainNav[1] }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
