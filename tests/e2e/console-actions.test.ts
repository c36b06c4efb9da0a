import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { distinctInitiatives } from '../../shared/plan/query';
import {
  adminClient,
  axeViolations,
  consolePage,
  launchConsoleBrowser,
  shot,
  signIn,
} from '../support/console';
import { ADMIN, type client, startTestServer, type TestServer } from '../support/server';
import { storedCampaign, unitRow } from '../support/stored-results';

/**
 * Issue 15 in Chromium: a manager drafts an action for their unit on the
 * FY2024 results and cannot touch another subtree; HR approves it; it appears
 * on the staff page (no sign-in, no figures) and beside the unit's FY2025
 * result, with the heatmap's unit change; HR records an initiative's actual
 * status and the plan page flags it behind schedule. axe-core stays clean.
 *
 * Units: 本庁 (100) with 福祉課 (110, the manager's) and 税務課 (120).
 * Psychological safety, favourable: FY2024 110 50%, 120 60%; FY2025 110 65%, 120 hidden.
 */

const MANAGER = {
  email: 'kacho@example.jp',
  password: 'manager of the welfare division',
  role: 'manager',
  unitCode: '110',
};
const TITLE = '朝会で困りごとを話す時間を設ける';
const INITIATIVE = distinctInitiatives(aizuwakamatsuPlan).find((i) => i.statuses[2024] === 'implement')!;

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
const contexts: Array<{ close(): Promise<unknown> }> = [];
const url = (p: string) => `${server.baseUrl}/console${p}`;

async function openPage(signInAs?: { email: string; password: string }) {
  const opened = await consolePage(browser, { forAxe: true });
  contexts.push(opened.context);
  if (signInAs) await signIn(opened.page, server.baseUrl, signInAs.email, signInAs.password);
  return opened;
}

async function expectAxeClean(page: Page, name: string) {
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const bad = await axeViolations(page);
  expect(bad, `${name}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  admin = await adminClient(server);
  for (const u of [
    { code: '100', name: { ja: '本庁', en: 'City hall' } },
    { code: '110', name: { ja: '福祉課', en: 'Welfare Division' }, parentCode: '100' },
    { code: '120', name: { ja: '税務課', en: 'Taxation Division' }, parentCode: '100' },
  ]) {
    expect((await admin.post('/api/units', u)).status).toBe(201);
  }
  expect((await admin.post('/api/auth/users', MANAGER)).status).toBe(201);
  await storedCampaign(server, 2024, [
    unitRow('100', 40, 0.55),
    unitRow('110', 20, 0.5),
    unitRow('120', 20, 0.6),
  ]);
  await storedCampaign(server, 2025, [
    unitRow('100', 42, 0.6),
    unitRow('110', 22, 0.65),
    unitRow('120', 4, null),
  ]);
}, 120_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.close();
});

describe('action plans in the console and on the staff page', () => {
  it('lets a manager draft an action for their own unit, and nothing for another subtree', async () => {
    const { page, errors } = await openPage(MANAGER);
    await page.goto(url('/actions'));
    await page.locator('h1', { hasText: 'アクションプラン' }).waitFor();
    await page.selectOption('#actions-campaign', 'fy2024');
    // Only the manager's subtree is offered.
    expect(
      await page
        .locator('#action-unit option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(['110']);
    await page.fill('#action-title', TITLE);
    await page.selectOption('#action-construct', 'psychological_safety');
    await page.fill('#action-owner', '福祉課長');
    await page.fill('#action-due', '2025-09-30');
    await page.getByRole('button', { name: '下書きを保存' }).click();
    await page.getByRole('status').filter({ hasText: '下書きを保存しました。' }).waitFor();
    const row = page.locator('table.actions tbody tr', { hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('下書き（承認待ち）');
    // No approve button for a manager.
    expect(await row.getByRole('button', { name: '承認する' }).count()).toBe(0);
    await expectAxeClean(page, 'actions (manager)');
    await shot(page, 'actions-manager');

    // The same signed-in browser, asking the API directly for another subtree: 403.
    const refused = await page.evaluate(async () => {
      const csrf = decodeURIComponent(
        document.cookie
          .split('; ')
          .find((c) => c.startsWith('koe_csrf='))
          ?.slice(9) ?? '',
      );
      const res = await fetch('/api/actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({
          campaignId: 'fy2024',
          unitCode: '120',
          title: '他課のアクション',
          constructId: 'psychological_safety',
          owner: '誰か',
          dueDate: '2025-09-30',
        }),
      });
      return res.status;
    });
    expect(refused).toBe(403);
    expect((await admin.get('/api/actions?fiscalYear=2024')).json.map((a: any) => a.unitCode)).toEqual([
      '110',
    ]);
    expect(errors).toEqual([]);
  });

  it('lets HR approve it; it then appears on the staff page, without figures', async () => {
    const { page } = await openPage(ADMIN);
    await page.goto(url('/actions'));
    await page.selectOption('#actions-campaign', 'fy2024');
    const row = page.locator('table.actions tbody tr', { hasText: TITLE });
    await row.getByRole('button', { name: '承認する' }).click();
    await row.getByText('承認済み').waitFor();
    await row.getByLabel(`進捗メモ（${TITLE}）`).fill('毎週月曜に実施中');
    await row.getByRole('button', { name: 'メモを追加' }).click();
    await row.getByText('毎週月曜に実施中').waitFor();

    const staff = await openPage();
    await staff.page.goto(`${server.baseUrl}/feedback/#actions`);
    const card = staff.page.locator('li.card', { hasText: TITLE });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('福祉課');
    expect(text).toContain('福祉課長');
    expect(text).toContain('毎週月曜に実施中');
    // A staff page of actions only: no share, no count of respondents.
    expect(await staff.page.locator('main').textContent()).not.toMatch(/\d+\s*%|n=/);
    await expectAxeClean(staff.page, 'staff actions page');
    await shot(staff.page, 'actions-staff-page');
    expect(staff.errors).toEqual([]);
  });

  it("shows the action beside the unit's next result, and the heatmap's unit change", async () => {
    const { page, errors } = await openPage({
      email: 'admin@example.jp',
      password: 'correct horse battery staple',
    });
    await page.goto(url('/campaigns/fy2025/results'));
    const outcome = page.locator('table.outcomes tbody tr', { hasText: TITLE });
    await outcome.waitFor();
    const cells = await outcome.locator('td').allTextContents();
    expect(cells).toEqual(['福祉課', '予定', '心理的安全性', '50%', '65%', '+15.0pt']);

    await page.getByLabel('前回の調査からの変化を表示').check();
    const welfare = page.locator('table.heatmap tbody tr', { hasText: '福祉課' }).first();
    await welfare.locator('.change').waitFor();
    expect(await welfare.locator('.change').textContent()).toBe('+15.0pt');
    // 税務課 is hidden in FY2025: no change is shown for it.
    expect(
      await page.locator('table.heatmap tbody tr', { hasText: '税務課' }).first().locator('.change').count(),
    ).toBe(0);
    await expectAxeClean(page, 'results with actions and unit change');
    await shot(page, 'results-actions');
    expect(errors).toEqual([]);
  });

  it('lets HR record an actual status, and the plan page flags the initiative behind schedule', async () => {
    const { page, errors } = await openPage({
      email: 'admin@example.jp',
      password: 'correct horse battery staple',
    });
    await page.goto(url('/plan'));
    await page.getByRole('status').filter({ hasText: '予定より遅れている取組：0件' }).waitFor();
    await page.selectOption('#progress-initiative', INITIATIVE.id);
    await page.selectOption('#progress-year', '2024');
    await page.selectOption('#progress-status', 'consider');
    await page.fill('#progress-note', '予算化が次年度に');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByRole('status').filter({ hasText: '予定より遅れている取組：1件' }).waitFor();
    const row = page.locator(`tr[data-initiative="${INITIATIVE.id}"]`).first();
    expect(await row.getAttribute('data-behind')).toBe('true');
    expect(await row.textContent()).toContain('実績: 検討 遅れ');
    await expectAxeClean(page, 'plan with progress');
    await shot(page, 'plan-progress');
    expect(errors).toEqual([]);
  });
});
