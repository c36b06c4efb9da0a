import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoStatus } from '../../functions/local/demo-status';
import { type DemoProgress, seedDemo } from '../../functions/seed/demo';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { startTestServer, type TestServer } from '../support/server';

/**
 * While `npm start` prepares its demo, the console says so with progress
 * instead of an empty dashboard, and shows the dashboard once the demo is
 * ready. Deterministic: the seed is held at the start of FY2024's answers
 * (seedDemo waits for its progress callback) while the browser looks, then
 * let go.
 */

let server: TestServer;
let browser: Browser;
const demo = new DemoStatus();

function latch<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true, demo }), launchConsoleBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the demo-loading state', () => {
  it('shows the demo being prepared with its progress, then the dashboard when it is ready', async () => {
    const held = latch<DemoProgress>();
    const release = latch();
    demo.preparing();
    const seeded = seedDemo(server.runtime, {
      scale: 0.05,
      progress: async (p) => {
        demo.report(p);
        if (p.stage === 'answers' && p.fiscalYear === 2024 && p.answered === 0) {
          held.resolve(p);
          await release.promise;
        }
      },
    }).then(() => demo.ready());
    const at = await held.promise;
    expect(at).toMatchObject({ yearsDone: 1, years: 4, answered: 0 });

    // The route the console polls: read only, no session.
    const status = await (await fetch(`${server.baseUrl}/api/local/demo-status`)).json();
    expect(status).toEqual({
      state: 'preparing',
      progress: {
        stage: 'answers',
        fiscalYear: 2024,
        years: { done: 1, total: 4 },
        answers: { done: 0, total: at.answering },
      },
    });

    const { page, errors, context } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      const loading = page.getByRole('status').filter({ hasText: '1 / 4 年度完了' });
      await loading.waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('デモデータを準備しています…');
      expect(await loading.textContent()).toContain(`令和6年度（FY2024）の回答: 0 / ${at.answering} 件`);
      // A quarter of the way: one year of four, plus the feedback step.
      expect(await page.locator('.demo-loading progress').getAttribute('value')).toBe('20');
      expect(await page.getByRole('heading', { name: '柱別の指標（令和5〜9年度）' }).count()).toBe(0);
      // FY2024 is open past its deadline while the seed answers it: not a warning for HR.
      expect(await page.locator('.overdue').count()).toBe(0);
      await shot(page, 'demo-loading');
      expect(await axeViolations(page)).toEqual([]);

      release.resolve();
      await seeded;
      // The next poll finds the demo ready: the dashboard, with the demo's years.
      await page.getByRole('heading', { name: '柱別の指標（令和5〜9年度）' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('.demo-loading').count()).toBe(0);
      expect(await page.locator('.overdue').count()).toBe(0);
      expect(await (await fetch(`${server.baseUrl}/api/local/demo-status`)).json()).toEqual({
        state: 'ready',
      });
      await shot(page, 'demo-ready');
      expect(errors).toEqual([]);
    } finally {
      release.resolve();
      await context.close();
    }
  }, 600_000);

  it('is not there without a demo: the route answers none, and the API of AWS has no such route', async () => {
    const bare = new DemoStatus();
    expect(bare.body()).toEqual({ state: 'none' });
    // The API alone (what runs on Lambda): the route is the local front door's; unknown API paths need a session.
    const api = await server.runtime.app.request('/api/local/demo-status');
    expect(api.status).toBe(401);
  });
});
