import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminClient,
  axeViolations,
  consolePage,
  launchConsoleBrowser,
  shot,
  signIn,
} from '../support/console';
import { type client, startTestServer, type TestServer } from '../support/server';

/**
 * Issue 20 in Chromium: the admin sets the retention period on 設定 / Settings
 * (無期限 by default, or 1–100 years), sees what would be deleted today (counts
 * only), and the page is clean under axe-core.
 */

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let page: Page;
let errors: string[];
let closeContext: () => Promise<void>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  admin = await adminClient(server);
  const opened = await consolePage(browser, { forAxe: true });
  page = opened.page;
  errors = opened.errors;
  closeContext = () => opened.context.close();
  await signIn(page, server.baseUrl);
}, 120_000);
afterAll(async () => {
  await closeContext?.();
  await browser?.close();
  await server?.close();
});

describe('settings: retention', () => {
  it('keeps everything by default; the admin sets years, refused outside 1–100; nothing to delete is said', async () => {
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '設定' })
      .click();
    await page.getByRole('heading', { name: '保存期間' }).waitFor();
    expect(await page.getByRole('radio', { name: '無期限（削除しない）' }).isChecked()).toBe(true);
    await page.getByText('削除されるものはありません。').waitFor();

    await page.getByRole('radio', { name: /次の年数が過ぎたら削除/ }).check();
    const years = page.getByRole('spinbutton', { name: '保存する年数' });
    await years.fill('0');
    await page.getByRole('alert').filter({ hasText: '1〜100の整数で入力してください。' }).waitFor();
    expect(await page.getByRole('button', { name: '保存期間を保存' }).isDisabled()).toBe(true);
    await years.fill('3');
    await page.getByRole('button', { name: '保存期間を保存' }).click();
    await page.getByRole('status').filter({ hasText: '保存期間を保存しました。' }).waitFor();
    expect((await admin.get('/api/settings/retention')).json).toMatchObject({ years: 3 });

    await shot(page, 'settings-retention');
    await page.waitForLoadState('networkidle');
    const bad = await axeViolations(page);
    expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);

    // Back to forever.
    await page.getByRole('radio', { name: '無期限（削除しない）' }).check();
    await page.getByRole('button', { name: '保存期間を保存' }).click();
    await expect.poll(async () => (await admin.get('/api/settings/retention')).json.years).toBeNull();
    expect(errors).toEqual([]);
  }, 60_000);
});
