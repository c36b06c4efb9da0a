import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { client, startTestServer, type TestServer } from '../support/server';

/** The admin's start page says when the last backup was taken (docs/BACKUP.md); other roles do not ask. */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ web: true });
  browser = await launchConsoleBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('console: last backup', () => {
  it('shows 最終バックアップ：まだありません, then the time of the last backup', async () => {
    const { page, context } = await consolePage(browser);
    await signIn(page, server.baseUrl);
    const note = page.getByTestId('last-backup');
    await expect
      .poll(() => note.textContent(), { timeout: 30_000 })
      .toContain('最終バックアップ：まだありません');
    await server.runtime.store.backups.putLast({
      at: '2026-04-01T03:04:00.000Z',
      bytes: 3 * 1024 * 1024,
      counts: { directory: 1, surveys: 2, responses: 3, feedback: 4 },
      sealedWith: 'passphrase',
    });
    await page.reload();
    // 03:04 UTC is 12:04 in Japan.
    await expect
      .poll(() => note.textContent(), { timeout: 30_000 })
      .toMatch(/^最終バックアップ：2026.*12:04（3\.0 MB、暗号化済み）$/);
    await shot(page, 'dashboard-last-backup');
    await context.close();
  }, 90_000);

  it('is not on an analyst’s start page', async () => {
    const admin = client(server.baseUrl);
    await admin.login();
    const analyst = { email: 'analyst-e2e@example.jp', password: 'analyst reads results' };
    expect((await admin.post('/api/auth/users', { ...analyst, role: 'analyst' })).status).toBe(201);
    const { page, context } = await consolePage(browser);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/backups')) asked.push(r.url());
    });
    await signIn(page, server.baseUrl, analyst.email, analyst.password);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByTestId('last-backup').count()).toBe(0);
    expect(asked).toEqual([]);
    await context.close();
  }, 90_000);
});
