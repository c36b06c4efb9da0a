import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pct } from '../../web/console/lib/format';
import {
  adminClient,
  axeViolations,
  consolePage,
  launchConsoleBrowser,
  shot,
  signIn,
  startConsoleServer,
} from '../support/console';
import type { client, TestServer } from '../support/server';

/**
 * Issue 14 in Chromium, on the demo (FY2023–FY2025 closed): the dashboard's
 * work-style panel shows overtime ≥ 45 h and leave days per fiscal year as
 * the API computed them, with the trend the demo answers carry (long overtime
 * falls, leave rises); a construct page and the results page show the
 * entry-route breakdown, mid-career hires included. axe-core finds nothing
 * serious on either page.
 */

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startConsoleServer(0.1), launchConsoleBrowser()]);
  admin = await adminClient(server);
  // Seeding the demo takes minutes on a busy 2-core machine.
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (p: string) => `${server.baseUrl}/console${p}`;

describe('work style and entry route in the console', () => {
  it('shows the work-style indicators with their trend on the dashboard', async () => {
    const plan = (await admin.get('/api/plan')).json;
    const { from, to } = plan.fiscalYears;
    const api = (await admin.get(`/api/indicators/workstyle?from=${from}&to=${to}`)).json;
    const series = (id: string) => api.indicators.find((i: any) => i.id === id).values as any[];
    const at = (id: string, fy: number) => series(id).find((v) => v.fiscalYear === fy);
    // The demo's trend: long overtime falls and leave rises from FY2023 to FY2025.
    expect(at('overtime45', 2023).value).toBeGreaterThan(at('overtime45', 2025).value);
    expect(at('leaveDays', 2025).value).toBeGreaterThan(at('leaveDays', 2023).value);

    const { context, page, errors } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      await page.goto(url('/'));
      const panel = page.locator('section.workstyle-panel');
      await panel.waitFor();
      expect(await panel.locator('h2').textContent()).toBe('働き方の指標');
      expect(await panel.locator('p.note').textContent()).toContain('Benjamini–Hochberg');
      // Each year's cell of a row reads as the API's value: a share in %, leave days to one decimal.
      for (const fy of [2023, 2024, 2025]) {
        const column = api.years.indexOf(fy);
        const overtime = panel.locator('tr[data-indicator="overtime45"] td.year-cell').nth(column);
        expect(await overtime.locator('.fav').textContent()).toBe(pct(at('overtime45', fy).value));
        const leave = panel.locator('tr[data-indicator="leaveDays"] td.year-cell').nth(column);
        expect(await leave.locator('.fav').textContent()).toBe(at('leaveDays', fy).value.toFixed(1));
      }
      // The men's childcare leave row names its plan initiative by its title, not its id.
      const childcare = panel.locator('tr[data-indicator="menChildcareLeave"]');
      expect(await childcare.locator('[data-initiatives]').getAttribute('data-initiatives')).toBe('env-04');
      expect(await childcare.locator('details.term-help p').textContent()).toContain('男性職員');
      // The spread of leave days: five bands, FY2025's shares add up to about 100%.
      const bands = panel.locator('table.leave-distribution tbody tr');
      expect(await bands.count()).toBe(5);
      const fy2025 = api.years.indexOf(2025);
      let total = 0;
      for (let i = 0; i < 5; i++) {
        const cell = await bands.nth(i).locator('td').nth(fy2025).textContent();
        total += Number.parseInt(cell ?? '', 10);
      }
      expect(Math.abs(total - 100)).toBeLessThanOrEqual(3);
      await shot(page, '14-workstyle-dashboard');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the entry-route breakdown on the construct and results pages', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json as any[];
    const fy2025 = campaigns.find((c) => c.fiscalYear === 2025 && c.status === 'closed');
    const results = (await admin.get(`/api/campaigns/${fy2025.id}/results`)).json;
    const groups = results.breakdowns.entryRoute as any[];
    expect(groups.map((g) => g.key)).toEqual(['new_graduate', 'mid_career', 'other']);
    const mid = groups.find((g) => g.key === 'mid_career');
    const rec = mid.constructs.find((c: any) => c.constructId === 'recruitment_onboarding');
    expect(rec.suppressed).toBe(false);

    const { context, page, errors } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      await page.goto(url('/constructs/recruitment_onboarding?fy=2025'));
      const figure = page.locator('figure.entry-route');
      await figure.waitFor();
      expect(await figure.locator('figcaption').textContent()).toBe('採用経路別（自己申告）');
      const title = (await figure.locator('svg > title').textContent()) ?? '';
      expect(title).toContain(`社会人経験者採用 ${pct(rec.favourable)}`);
      expect(await figure.locator('[data-bar]').count()).toBe(groups.length);
      await shot(page, '14-entry-route-construct');
      expect(await axeViolations(page)).toEqual([]);

      await page.goto(url(`/campaigns/${fy2025.id}/results`));
      const section = page.locator('section[aria-labelledby="heatmap-entryRoute"]');
      await section.waitFor();
      expect(await section.locator('h2').textContent()).toBe('採用経路別（自己申告）');
      expect(await section.textContent()).toContain('社会人経験者採用');
      expect(await axeViolations(page)).toEqual([]);
      // In English too (longer labels must not make the heatmap a scroll region without keyboard access).
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 2, name: 'By entry route (self-reported)' }).waitFor();
      expect(await section.textContent()).toContain('Mid-career hires');
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
