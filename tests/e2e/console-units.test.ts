import { readFileSync } from 'node:fs';
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
import { type client, custodian, startTestServer, type TestServer } from '../support/server';

/**
 * Issue 19 in Chromium: HR sets the display order of units on the roster
 * page (上へ / 下へ, by keyboard), and the organisation, participation and the
 * results heatmap follow it; a closed survey keeps the order frozen at open.
 * Participation shows a department's direct staff and its total including
 * its sub-units, labelled. axe-core stays clean on the pages changed.
 */

const UNITS = [
  { code: 'CIV', name: { ja: '市民部', en: 'Citizens' } },
  { code: 'CIV-A', name: { ja: '市民課', en: 'Citizens Division' }, parentCode: 'CIV' },
  { code: 'CIV-B', name: { ja: '保険年金課', en: 'Insurance and Pensions' }, parentCode: 'CIV' },
  { code: 'GEN', name: { ja: '総務部', en: 'General Affairs' } },
];
// Every unit has a key of its own (at least 10 people each).
const SIZES: Record<string, number> = { CIV: 10, 'CIV-A': 12, 'CIV-B': 11, GEN: 10 };

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let page: Page;
let errors: string[];
let closeContext: () => Promise<void>;
let campaignId = '';
const url = (p: string) => `${server.baseUrl}/console${p}`;

function roster(): string {
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  let n = 1;
  for (const [unit, size] of Object.entries(SIZES)) {
    for (let i = 0; i < size; i++, n++) {
      lines.push(`U${String(n).padStart(4, '0')},職員 ${n},u${n}@example.jp,${unit},staff,regular`);
    }
  }
  return lines.join('\n');
}

/** The unit names of the order table on the roster page, top to bottom. */
const orderTable = () => page.locator('table.units-order tbody th[scope="row"]').allTextContents();

async function expectAxeClean(name: string) {
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const bad = await axeViolations(page);
  expect(bad, `${name}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  admin = await adminClient(server);
  for (const u of UNITS) expect((await admin.post('/api/units', u)).status).toBe(201);
  expect((await admin.post('/api/staff/import', roster(), { 'content-type': 'text/csv' })).status).toBe(200);
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

describe('the display order of units', () => {
  it('lets HR move units among their siblings on the roster page, by keyboard', async () => {
    await page.goto(url('/roster'));
    await page.locator('table.units-order').waitFor();
    // By code until HR sets an order.
    expect(await orderTable()).toEqual(['市民部', '市民課', '保険年金課', '総務部']);
    // The first sibling cannot move up, the last cannot move down.
    expect(await page.getByRole('button', { name: '市民部を上へ移動' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '総務部を下へ移動' }).isDisabled()).toBe(true);

    // 総務部 above 市民部, by keyboard: focus stays on the moved unit's button and the move is announced.
    await page.getByRole('button', { name: '総務部を上へ移動' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '総務部を1つ上へ移動しました。' }).waitFor();
    await expect.poll(orderTable).toEqual(['総務部', '市民部', '市民課', '保険年金課']);
    // At the top now, its up button is disabled: focus moved to its down button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('総務部を下へ移動');

    // 保険年金課 above 市民課, within 市民部.
    await page.getByRole('button', { name: '保険年金課を上へ移動' }).click();
    await expect.poll(orderTable).toEqual(['総務部', '市民部', '保険年金課', '市民課']);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('保険年金課を下へ移動');
    // Stored: the orders show in the table and the API lists units in that order.
    const orders = await page
      .locator('table.units-order tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent));
    expect(orders).toEqual(['1', '2', '1', '2']);
    expect(((await admin.get('/api/units')).json as any[]).map((u) => u.code)).toEqual([
      'GEN',
      'CIV',
      'CIV-B',
      'CIV-A',
    ]);
    await shot(page, 'units-order');
    await expectAxeClean('roster');
  }, 60_000);

  it('lists participation in that order, a department by its direct staff and its total incl. sub-units', async () => {
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId: (await admin.get('/api/templates')).json[0].id,
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    });
    campaignId = created.json.id;
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).json.status).toBe('open');
    expect((await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`)).status).toBe(
      200,
    );

    await page.goto(url(`/campaigns/${campaignId}`));
    const table = page.locator('table.participation');
    await table.waitFor();
    const rows = await table.locator('tbody').evaluateAll((bodies) =>
      bodies.map((b) => ({
        unit: b.getAttribute('data-unit'),
        rows: [...b.querySelectorAll('tr')].map((tr) =>
          [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()),
        ),
      })),
    );
    expect(rows.map((r) => r.unit)).toEqual(['GEN', 'CIV', 'CIV-B', 'CIV-A']);
    // 市民部: its own 10 direct staff, and 33 with its two divisions, each labelled.
    expect(rows[1]!.rows).toEqual([
      ['市民部', '直属', '10', '0', '0.0%'],
      ['配下を含む合計', '33', '0', '0.0%'],
    ]);
    expect(rows[0]!.rows).toEqual([['総務部', '', '10', '0', '0.0%']]);
    expect(await table.locator('thead th').allTextContents()).toEqual([
      '所属',
      '集計範囲',
      '招待',
      '回答',
      '回答率',
    ]);
    expect(await page.getByTestId('participation-total-note').textContent()).toContain(
      '結果（n）は配下を含む合計で数えます',
    );
    // The bar chart names both bars of 市民部.
    const chartTitle = await page.locator('svg.bar-chart title').first().textContent();
    expect(chartTitle).toContain('市民部（直属）');
    expect(chartTitle).toContain('市民部（配下を含む合計）');
    await shot(page, 'participation-direct-total');
    await expectAxeClean('campaign');

    // In English: the same labels in English.
    await page.getByRole('button', { name: 'English' }).click();
    await table.locator('text=incl. sub-units').waitFor();
    expect(await table.locator('tbody[data-unit="CIV"] tr').first().textContent()).toContain('direct');
    expect(await page.locator('svg.bar-chart title').first().textContent()).toContain(
      'Citizens (incl. sub-units) 0%',
    );
    await page.getByRole('button', { name: '日本語' }).click();
    await table.locator('text=配下を含む合計').waitFor();
  }, 60_000);

  it('lists the heatmap in the order frozen at open, whatever HR changes after', async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).json.status).toBe('closed');
    // After the survey opened, HR puts 市民課 back above 保険年金課.
    await page.goto(url('/roster'));
    await page.locator('table.units-order').waitFor();
    await page.getByRole('button', { name: '市民課を上へ移動' }).click();
    await expect.poll(orderTable).toEqual(['総務部', '市民部', '市民課', '保険年金課']);

    await page.goto(url(`/campaigns/${campaignId}/results`));
    const heatmap = page.locator('table.heatmap').first();
    await heatmap.waitFor();
    const heads = await heatmap.locator('tbody th.row-head').allTextContents();
    // The overall row, then the units as they were ordered when the survey opened.
    expect(heads.slice(1)).toEqual(['総務部', '市民部', '保険年金課', '市民課']);
    await expectAxeClean('results');
  }, 60_000);

  it('shows why each bar is hidden on a construct, in the frozen order, and exports the results CSV in English', async () => {
    const results = (await admin.get(`/api/campaigns/${campaignId}/results`)).json;
    const constructId = results.overall.constructs[0].constructId as string;
    await page.goto(url(`/constructs/${encodeURIComponent(constructId)}?fy=2026`));
    const section = page.locator('section[aria-labelledby="units-title"]');
    await section.locator('svg.bar-chart').waitFor();
    // No answers: every unit is hidden for too few respondents, said as the heatmap says it.
    const bars = section.locator('svg g[data-bar]');
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-bar')))).toEqual([
      'GEN',
      'CIV',
      'CIV-B',
      'CIV-A',
    ]);
    expect(await section.locator('svg .hidden-label').allTextContents()).toEqual(Array(4).fill('非表示'));
    expect(await bars.first().locator('title').textContent()).toBe(
      '総務部: 非表示 — 回答者が少なく、個人が特定されるおそれがあるため表示しません',
    );
    expect(await section.locator('.hidden-legend').textContent()).toContain('回答者が少ないため非表示');
    await expectAxeClean('construct');

    // English console: the results CSV has the English (snake_case) header and the reason codes.
    await page.goto(url(`/campaigns/${campaignId}/results`));
    await page.locator('table.heatmap').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const waiting = page.waitForEvent('download');
    await page.getByRole('button', { name: /CSV/ }).click();
    const download = await waiting;
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text
      .split(/\r\n/)
      .filter(Boolean)
      .map((l) => l.split(','));
    expect(header).toEqual([
      'group_type',
      'group_code',
      'group',
      'pillar_id',
      'construct_id',
      'construct',
      'n',
      'favourable_pct',
      'favourable_ci_low_pct',
      'favourable_ci_high_pct',
      'mean',
      'enps',
      'status',
      'hidden_reason',
    ]);
    const units = rows.filter((r) => r[0] === 'unit');
    expect([...new Set(units.map((r) => r[1]))]).toEqual(['GEN', 'CIV', 'CIV-B', 'CIV-A']);
    // The last two columns (a quoted name may hold a comma).
    for (const r of units) expect(r.slice(-2)).toEqual(['非表示', 'few']);
    await page.getByRole('button', { name: '日本語' }).click();
    expect(errors).toEqual([]);
  }, 60_000);
});
