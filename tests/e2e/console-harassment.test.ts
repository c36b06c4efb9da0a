import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { harassmentHistory } from '../support/harassment';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The dashboard's harassment prevalence in Chromium, on the worked history of
 * tests/support/harassment.ts: power harassment 15.0% (8.8–24.4%) in FY2023,
 * hidden in FY2024 (9 answers, below k_sensitive), 6.7% in FY2025 compared
 * with FY2023 (「FY2023比」); beside it the national reference the city is
 * compared with (MIC's local-government survey, 15.7%) and its source; the
 * admin switches to MHLW's (19.3%). Axe clean.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  await harassmentHistory(server);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard harassment prevalence', () => {
  it('shows each kind with its interval and trend beside the national reference and its source; axe clean', async () => {
    const { context, page, errors } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      const panel = page.locator('section.harassment-prevalence');
      const threeYears = panel.locator('table[data-window="3y"]');
      await threeYears.waitFor();
      expect(await panel.locator('h3').textContent()).toBe('ハラスメントを受けた職員の割合');
      const power = threeYears.locator('tr[data-kind="power"]');
      const cells = power.locator('td.year-cell');
      // The plan's years start at FY2023.
      expect(await threeYears.locator('thead th.year-col').first().textContent()).toContain('FY2023');
      expect(await cells.nth(0).textContent()).toBe('15.0%（8.8%〜24.4%）');
      expect(await cells.nth(1).textContent()).toContain('非表示');
      expect(await cells.nth(1).textContent()).not.toMatch(/\d+(\.\d)?%/);
      const y2025 = (await cells.nth(2).textContent()) ?? '';
      expect(y2025).toContain('6.7%');
      expect(y2025).toContain('−8.3pt FY2023比');
      expect(y2025).not.toContain('有意');
      // The reference beside it, and where it comes from.
      expect(await power.locator('td.reference-col').textContent()).toBe('15.7%');
      expect(await threeYears.locator('tr[data-kind="customer"] td.reference-col').textContent()).toBe(
        '35.0%',
      );
      expect(await threeYears.locator('tr[data-kind="maternity"] td.reference-col').textContent()).toBe(
        '比較できる値なし',
      );
      const source = panel.locator('.reference-source');
      expect(await source.getAttribute('data-reference')).toBe('mic-2024');
      const link = source.locator('a');
      expect(await link.textContent()).toContain(
        '総務省「地方公共団体における各種ハラスメントに関する職員アンケート調査」',
      );
      expect(await link.textContent()).toContain('過去3年間');
      expect(await link.getAttribute('href')).toBe(
        'https://www.soumu.go.jp/menu_news/s-news/01gyosei11_02000240.html',
      );
      expect(await source.textContent()).toContain('原典での確認が必要');
      expect(await panel.locator('.prevalence-significance').textContent()).toContain(
        'ベンジャミーニ・ホックバーグ法',
      );
      // Per unit, the latest year: 総務課, 90 answered, 6.7% power.
      const unitRow = panel.locator('table.unit-prevalence tr[data-unit="U1"]');
      expect(await panel.locator('table.unit-prevalence caption').textContent()).toBe(
        '部署別（R7、過去3年間）',
      );
      expect(await unitRow.locator('th').textContent()).toBe('総務課');
      expect(await unitRow.locator('td').allTextContents()).toEqual(['90', '6.7%', '0.0%', '0.0%', '33.3%']);
      // The 12 months were not asked in this history: a hidden mark per year with a campaign, no figure.
      expect(await panel.locator('table[data-window="12m"] td.reference-col').count()).toBe(0);
      await shot(page, 'harassment-prevalence');
      expect(await axeViolations(page)).toEqual([]);

      // The admin compares with the private-sector survey instead.
      await panel.getByLabel('比較する全国調査').selectOption('mhlw-2023');
      await panel.getByRole('button', { name: '比較対象を変更' }).click();
      await expect.poll(() => source.getAttribute('data-reference')).toBe('mhlw-2023');
      expect(await power.locator('td.reference-col').textContent()).toBe('19.3%');
      expect(await source.locator('a').textContent()).toContain(
        '厚生労働省「令和5年度 職場のハラスメントに関する実態調査」',
      );

      // The results page of FY2025 shows the module's follow-ups, each as published (only at k_sensitive).
      await page.goto(`${server.baseUrl}/console/campaigns/fy2025/results`);
      const followUps = page.locator('.harassment-follow-ups figure');
      await followUps.first().waitFor();
      expect(await followUps.evaluateAll((fs) => fs.map((f) => f.getAttribute('data-item')))).toEqual([
        'har.experienced_3y',
        'har.frequency',
        'har.source',
        'har.consulted',
        'har.outcome',
      ]);
      expect(await followUps.first().locator('figcaption').textContent()).toContain('過去3年間');
      expect(await followUps.first().locator('figcaption').textContent()).toContain('(n=92)');
      // Nobody answered how often: hidden, no share.
      expect(await followUps.nth(1).locator('figcaption').textContent()).not.toContain('n=');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${server.baseUrl}/console/`);
      await threeYears.waitFor();

      // English.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await panel.locator('h3').textContent()).toBe('Staff who experienced harassment');
      expect(await threeYears.locator('caption').textContent()).toContain('Past 3 years');
      expect(await cells.nth(2).textContent()).toContain('vs FY2023');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
