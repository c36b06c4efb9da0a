import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_SECTION_PROVIDERS,
  type ReportSectionProvider,
} from '../../functions/services/report-sections';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { closedReportCampaign } from '../support/report-campaigns';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The annual report page in Chromium, on a small hand-made history: FY2024
 * (its campaign asks for k = 10, so its 5-of-8 psychological-safety figure
 * is hidden) and FY2025 (60 of 100). The page shows the report's tables with
 * a dash for the hidden figure, switches year, downloads the PDF and the
 * workbook, hides the console's chrome when printed (A4), and is axe clean.
 */

let server: TestServer;
let builtIn: ReportSectionProvider[] = [];
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  await closedReportCampaign(server, { fiscalYear: 2024, k: 10, x: 5, n: 8 });
  await closedReportCampaign(server, { fiscalYear: 2025, k: 5, x: 60, n: 100 });
  // The report's own tables only: these campaigns carry a summary and a stand-in body, which the
  // contributed sections (harassment, progress, actions; tests/functions/api/report.test.ts) would read.
  builtIn = REPORT_SECTION_PROVIDERS.splice(0);
}, 120_000);
afterAll(async () => {
  REPORT_SECTION_PROVIDERS.splice(0, REPORT_SECTION_PROVIDERS.length, ...builtIn);
  await browser?.close();
  await server?.close();
});

describe('the annual report page', () => {
  it('shows the report with hidden figures as dashes, switches year, downloads PDF and Excel, prints A4; axe clean', async () => {
    const { context, page, errors } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '年次報告書' })
        .click();
      const report = page.getByTestId('annual-report');
      await report.waitFor();
      expect(await page.locator('h1').textContent()).toBe('年次報告書');
      expect(await report.locator('h2').textContent()).toContain('令和7年度（FY2025）');
      // Every pillar named, each with its indicators' table.
      for (const id of ['personnel', 'training', 'culture', 'environment'])
        expect(await report.locator(`table[data-table="pillar-${id}"]`).count()).toBe(1);
      const psy = report.locator('table[data-table="pillar-culture"] tbody tr', { hasText: '心理的安全性' });
      const cells = psy.locator('td');
      // FY2021 … FY2025: FY2024 hidden (a dash, never 62.5%), FY2025 60.0%, no change from a hidden year.
      expect(await cells.nth(3).textContent()).toBe('—');
      expect(await cells.nth(4).textContent()).toBe('60.0%');
      expect(await cells.nth(5).textContent()).toBe('—');
      expect(await report.textContent()).not.toContain('62.5%');
      await shot(page, 'annual-report');
      expect(await axeViolations(page)).toEqual([]);

      // The other year.
      await page.getByRole('button', { name: '令和6年度（FY2024）' }).click();
      await expect.poll(() => report.locator('h2').textContent()).toContain('令和6年度（FY2024）');
      await page.getByRole('button', { name: '令和7年度（FY2025）' }).click();
      await expect.poll(() => report.locator('h2').textContent()).toContain('令和7年度（FY2025）');

      // Downloads: a PDF and a workbook with the same figure.
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'PDF をダウンロード' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe('koe-report-FY2025.pdf');
      expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Excel をダウンロード' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe('koe-report-FY2025.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile((await xlsx.path())!);
      let fy2025: unknown;
      book.getWorksheet('pillar-culture')!.eachRow((r) => {
        if (r.getCell(1).value === '心理的安全性') fy2025 = r.getCell(6).value;
      });
      expect(fy2025).toBe(0.6);

      // Printed: the console's chrome and the buttons are gone, the report stays.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'PDF をダウンロード' }).isVisible()).toBe(false);
      expect(await report.locator('table[data-table="pillars"]').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // English.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Annual report');
      expect(await report.locator('h2').textContent()).toContain('FY2025');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
