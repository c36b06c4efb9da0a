import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../functions/services/accounts';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Separation of duties in the HR console, in Chromium (issue 13, A5): the
 * admin's accounts page (list, re-role, disable; a disabled account's open
 * session ends at once; a duplicate e-mail in Japanese), the auditor's audit
 * log in Japanese and English, and a custodian who sees no results.
 */

const ACCOUNTS = {
  custodian: { email: 'custodian@example.jp', password: 'custodian-password-1' },
  auditor: { email: 'auditor@example.jp', password: 'auditor-password-1' },
  analyst: { email: 'analyst@example.jp', password: 'analyst-password-1' },
};

let server: TestServer;
let browser: Browser;
const url = (p: string) => `${server.baseUrl}/console${p}`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  const { deps } = server.runtime;
  await deps.store.directory.createUnit({
    code: 'WEL',
    name: { ja: '健康福祉部', en: 'Welfare' },
    parentCode: null,
  });
  await createAccount(deps, { ...ACCOUNTS.custodian, role: 'custodian' });
  await createAccount(deps, { ...ACCOUNTS.auditor, role: 'auditor' });
  await createAccount(deps, { ...ACCOUNTS.analyst, role: 'analyst' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accounts and the audit log in the console', () => {
  it('lets the admin list, re-role and disable accounts; a disabled account’s open session ends at once', async () => {
    const admin = await consolePage(browser);
    const analyst = await consolePage(browser);
    try {
      await signIn(admin.page, server.baseUrl);
      await signIn(analyst.page, server.baseUrl, ACCOUNTS.analyst.email, ACCOUNTS.analyst.password);

      const a = admin.page;
      await a
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: 'アカウント' })
        .click();
      const row = (email: string) => a.locator('table.list tbody tr', { hasText: email });
      await row(ACCOUNTS.analyst.email).waitFor();
      expect(await a.locator('table.list tbody tr').count()).toBe(4);
      // The admin's own row cannot be disabled, deleted or re-roled.
      const own = row('admin@example.jp');
      for (const name of [/役割を変更/, /無効にする/, /削除/]) {
        expect(await own.getByRole('button', { name }).isDisabled()).toBe(true);
      }

      // Re-role the analyst to a manager of 健康福祉部.
      await row(ACCOUNTS.analyst.email)
        .getByRole('button', { name: /役割を変更/ })
        .click();
      await a.getByLabel(`${ACCOUNTS.analyst.email} の新しい役割`).selectOption('manager');
      await a
        .getByLabel(/^所属（/)
        .first()
        .selectOption('WEL');
      await a.getByRole('button', { name: '保存' }).click();
      await a
        .getByRole('status')
        .filter({ hasText: `${ACCOUNTS.analyst.email} を変更しました。` })
        .waitFor();
      await row(ACCOUNTS.analyst.email).filter({ hasText: '所属長' }).waitFor();

      // The re-roled session has ended; sign in again, then the admin disables the account.
      await analyst.page.goto(url('/campaigns'));
      await analyst.page.getByRole('heading', { level: 1, name: '人事コンソールにサインイン' }).waitFor();
      await signIn(analyst.page, server.baseUrl, ACCOUNTS.analyst.email, ACCOUNTS.analyst.password);
      await row(ACCOUNTS.analyst.email)
        .getByRole('button', { name: /無効にする/ })
        .click();
      await row(ACCOUNTS.analyst.email)
        .filter({ hasText: '無効' })
        .getByRole('button', { name: /有効にする/ })
        .waitFor();
      await shot(a, 'access-01-users');

      // Its open session ends at once: the next request shows the sign-in page. (Opened by address:
      // the open page may already have made its next request — a panel loading late — and be there.)
      await analyst.page.goto(url('/targets'));
      await analyst.page.getByRole('heading', { level: 1, name: '人事コンソールにサインイン' }).waitFor();
      // And it cannot sign in: the same words as a wrong password.
      await analyst.page.getByLabel('メールアドレス').fill(ACCOUNTS.analyst.email);
      await analyst.page.getByLabel('パスワード').fill(ACCOUNTS.analyst.password);
      await analyst.page.getByRole('button', { name: 'サインイン' }).click();
      await analyst.page.getByText('メールアドレスまたはパスワードが違うか').waitFor();

      // A duplicate e-mail address, in Japanese.
      await a.getByLabel('メールアドレス').fill(ACCOUNTS.custodian.email.toUpperCase());
      await a.getByLabel('初期パスワード').fill('another-password-1');
      await a.getByRole('button', { name: 'アカウントを作成' }).click();
      await a.getByText('このメールアドレスのアカウントは既にあります。').waitFor();
      // An address the browser lets through but the server refuses: in Japanese too, not the server's English.
      await a.getByLabel('メールアドレス').fill('someone@localhost');
      await a.getByRole('button', { name: 'アカウントを作成' }).click();
      await a.getByText('入力内容を確認してください。メールアドレスは name@example.jp の形式').waitFor();
      expect(await a.locator('.error-box').textContent()).not.toMatch(/invalid|email/i);
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
      await analyst.context.close();
    }
  }, 90_000);

  it('shows the auditor the log (Japanese, then English) and the custodian no results', async () => {
    const auditor = await consolePage(browser);
    const custodian = await consolePage(browser);
    try {
      const p = auditor.page;
      await signIn(p, server.baseUrl, ACCOUNTS.auditor.email, ACCOUNTS.auditor.password);
      const nav = await p
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link')
        .allTextContents();
      expect(nav).toEqual(['プランの取組', '監査ログ']);
      await p.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
      const disabled = p.locator('table.audit-log tbody tr', {
        has: p.locator('td[data-action="user.disabled"]'),
      });
      await disabled.waitFor();
      expect(await disabled.textContent()).toContain('アカウントの無効化');
      expect(await disabled.textContent()).toContain(ACCOUNTS.analyst.email);
      const reroled = p.locator('td[data-action="user.role_changed"]');
      expect(await reroled.count()).toBe(1);
      await shot(p, 'access-02-audit');
      await p.getByRole('button', { name: 'English' }).click();
      await p.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
      expect(await disabled.textContent()).toContain('Account disabled');
      expect(auditor.errors).toEqual([]);

      const c = custodian.page;
      await signIn(c, server.baseUrl, ACCOUNTS.custodian.email, ACCOUNTS.custodian.password);
      const items = await c
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link')
        .allTextContents();
      expect(items).toContain('調査');
      for (const hidden of ['ダッシュボード', '職員提案', '監査ログ', 'アカウント'])
        expect(items).not.toContain(hidden);
      expect(await c.locator('.user .role').textContent()).toBe('(コード管理者)');
      await c.goto(url('/campaigns/none/results'));
      await c.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
      await c.goto(url('/audit'));
      await c.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
      expect(custodian.errors).toEqual([]);
    } finally {
      await auditor.context.close();
      await custodian.context.close();
    }
  }, 90_000);

  it('has no serious or critical axe-core violation on the accounts and audit pages', async () => {
    const found: Record<string, unknown> = {};
    const check = async (page: import('playwright-core').Page, name: string) => {
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const bad = (await axeViolations(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      if (bad.length > 0) found[name] = bad;
    };
    const admin = await consolePage(browser, { forAxe: true });
    const auditor = await consolePage(browser, { forAxe: true });
    try {
      await signIn(admin.page, server.baseUrl);
      await admin.page.goto(url('/users'));
      await admin.page.locator('table.list tbody tr').first().waitFor();
      await check(admin.page, 'users');
      await admin.page
        .locator('table.list tbody tr', { hasText: ACCOUNTS.custodian.email })
        .getByRole('button', { name: /パスワードを再設定/ })
        .click();
      await admin.page.getByLabel(`${ACCOUNTS.custodian.email} の新しいパスワード`).waitFor();
      await check(admin.page, 'users-reset');
      await signIn(auditor.page, server.baseUrl, ACCOUNTS.auditor.email, ACCOUNTS.auditor.password);
      await auditor.page.locator('table.audit-log').waitFor();
      await check(auditor.page, 'audit');
      expect(found).toEqual({});
    } finally {
      await admin.context.close();
      await auditor.context.close();
    }
  }, 90_000);
});
