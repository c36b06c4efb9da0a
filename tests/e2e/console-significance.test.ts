import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedDashboardYear } from '../support/report-campaigns';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The dashboard's honest significance in Chromium, on a small hand-made history (the demo has no
 * skipped year): FY2023, FY2024, then no FY2025 survey, then FY2026. The worked example of
 * tests/functions/api/indicators.test.ts: psychological safety 60% → 75% (raw p = 0.0235) → 81%
 * (p = 0.306, from FY2024), health unchanged (p = 1, twice); Benjamini–Hochberg over the four
 * gives the +15pt q = 0.094, so nothing is flagged 有意, and the page says why. The FY2026 change
 * is labelled 「FY2024比」, never as from the previous year. The culture pillar's FY2024 summary
 * is shown with its interval; environment's is hidden (非表示).
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  await closedDashboardYear(server, 2023, 60, 100);
  await closedDashboardYear(server, 2024, 75, 100);
  await closedDashboardYear(server, 2026, 81, 100);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard significance and pillar summary', () => {
  it('flags on the corrected value and says so, names a skipped year, shows each pillar summary; axe clean', async () => {
    const { context, page, errors } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      await page.locator('table.matrix').first().waitFor();
      // Sections by the pillar's id (the heading's id), so they are found in either language.
      const culture = page.locator('section[aria-labelledby="pillar-culture"]');
      const row = culture.locator('table.matrix tbody tr', {
        has: page.locator('a[href$="/constructs/psychological_safety"]'),
      });
      const cells = row.locator('td.year-cell');
      // FY2023–FY2027: 60%, 75% (+15.0pt, not 有意 after correction), —, 81% (+6.0pt FY2024比), —.
      expect(await cells.nth(1).textContent()).toContain('+15.0pt');
      expect(await cells.nth(1).textContent()).not.toContain('有意');
      expect(await cells.nth(1).textContent()).not.toContain('比');
      expect(await cells.nth(3).textContent()).toContain('81%');
      expect(await cells.nth(3).textContent()).toContain('+6.0pt FY2024比');
      expect(await page.locator('table.matrix .sig').count()).toBe(0);
      const note = (await page.locator('.significance-note').textContent()) ?? '';
      expect(note).toContain('4 件');
      expect(note).toContain('Benjamini–Hochberg');
      expect(note).toContain('偽発見率 5%');
      // Pillar summaries: culture's FY2024 figure with its interval; environment's hidden, with no number.
      const summary = culture.locator('tfoot tr.pillar-summary td.year-cell');
      expect(await summary.nth(1).textContent()).toBe('70%95%区間 64%〜76%');
      expect(await summary.nth(0).textContent()).toContain('—');
      const environment = page.locator('section.pillar', {
        has: page.locator('h2', { hasText: '働きやすい環境づくり' }),
      });
      const hidden = environment.locator('tfoot tr.pillar-summary td.year-cell');
      expect(await hidden.nth(1).textContent()).toBe('非表示');
      // A pillar without any figure (人事管理 here) has no summary row.
      const personnel = page.locator('section.pillar', { has: page.locator('h2', { hasText: '人事管理' }) });
      expect(await personnel.locator('tfoot').count()).toBe(0);
      await shot(page, 'significance-dashboard');
      expect(await axeViolations(page)).toEqual([]);

      // English: "vs FY2024".
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await cells.nth(3).textContent()).toContain('+6.0pt vs FY2024');
      expect(await page.locator('.significance-note').textContent()).toContain(
        'tests 4 year-over-year changes',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
