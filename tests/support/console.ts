import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { seedDemo } from '../../functions/seed/demo';
import { ARTIFACTS, launchBrowser } from './browser';
import { ADMIN, client, startTestServer, type TestServer } from './server';

/**
 * Helpers for the HR console's browser tests: a server with the demo
 * organisation and campaigns, sign-in, screenshots and axe-core.
 */

export const CONSOLE_ARTIFACTS = path.join(ARTIFACTS, 'console');
export const DESKTOP = { width: 1400, height: 900 };

export const launchConsoleBrowser = (): Promise<Browser> => launchBrowser();

/** The API and the built web app, with the demo data at a reduced scale (some units stay hidden). */
export async function startConsoleServer(scale = 0.2): Promise<TestServer> {
  const server = await startTestServer({ web: true });
  await seedDemo({ app: server.runtime.app, deps: server.runtime.deps }, { scale });
  return server;
}

/** A desktop-sized context in Japan time; page errors and CSP reports are collected. */
export async function consolePage(browser: Browser, options: { forAxe?: boolean } = {}) {
  const context: BrowserContext = await browser.newContext({
    viewport: DESKTOP,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
    // axe-core is injected as an inline script, which the console's CSP (rightly) forbids.
    ...(options.forAxe ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Failed requests the console handles (401 before sign-in, 403/409 shown as messages) are logged by the browser.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

export async function signIn(page: Page, baseUrl: string, email = ADMIN.email, password = ADMIN.password) {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
}

/** Saves a full-page screenshot as test-results/console/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(CONSOLE_ARTIFACTS, { recursive: true });
  const file = path.join(CONSOLE_ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as any).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  const found = (await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const out = await axe.run(document, { resultTypes: ['violations'] });
    return out.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n: any) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  })) as AxeViolation[];
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** An API client signed in as the first admin. */
export async function adminClient(server: TestServer) {
  const admin = client(server.baseUrl);
  await admin.login();
  return admin;
}

/** The SVG path web/console/components/qr.tsx draws for `data`: to check what a printed QR code carries. */
export function qrPath(data: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(data, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4},${r + 4}h1v1h-1z`;
  }
  return d;
}

/** How many sheets slips take when each unit starts a new sheet of `perSheet`. */
export function sheetsByUnit(unitCodes: string[], perSheet: number): number {
  const counts = new Map<string, number>();
  for (const u of unitCodes) counts.set(u, (counts.get(u) ?? 0) + 1);
  return [...counts.values()].reduce((sum, n) => sum + Math.ceil(n / perSheet), 0);
}

/**
 * The printed sheets as a person sorting them sees them: the unit named at the
 * top of each, and the unit printed on each of its slips.
 */
export async function sheetUnits(page: Page): Promise<Array<{ unit: string; slips: string[] }>> {
  return page.locator('section.sheet').evaluateAll((sections) =>
    sections.map((s) => ({
      unit: s.querySelector('.sheet-unit')?.firstChild?.textContent ?? '',
      slips: [...s.querySelectorAll('.slip-to')].map((p) => p.firstChild?.textContent ?? ''),
    })),
  );
}

/** Every sheet holds one unit's slips under its name, and a unit's sheets come together. */
export function expectSheetsByUnit(sheets: Array<{ unit: string; slips: string[] }>): void {
  const seen: string[] = [];
  for (const sheet of sheets) {
    if (!sheet.unit || sheet.slips.some((u) => u !== sheet.unit))
      throw new Error(`a sheet mixes units: ${JSON.stringify(sheet)}`);
    if (seen.at(-1) !== sheet.unit) {
      if (seen.includes(sheet.unit)) throw new Error(`the sheets of ${sheet.unit} are apart`);
      seen.push(sheet.unit);
    }
  }
}
