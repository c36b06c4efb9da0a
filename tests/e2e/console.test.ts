import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../support/answers';
import { CONSTRUCTS } from '../../shared/instruments/constructs/index';
import {
  type AxeViolation,
  adminClient,
  axeViolations,
  CONSOLE_ARTIFACTS,
  consolePage,
  expectSheetsByUnit,
  launchConsoleBrowser,
  qrPath,
  sheetsByUnit,
  sheetUnits,
  shot,
  signIn,
  startConsoleServer,
} from '../support/console';
import { respondent } from '../support/respondent';
import { CUSTODIAN, type client, custodian, type TestServer } from '../support/server';

/**
 * The HR console end to end in Chromium, on the demo organisation and its
 * FY2023–FY2025 results (reduced scale, so several units stay hidden):
 * sign in; the dashboard's pillars × years; a construct's detail; a campaign
 * created with the wizard, opened, a roster with a bad line, invitations,
 * live participation, slips, closed; the heatmaps with hidden cells; CSV and
 * print; targets; the plan; a manager who sees only their subtree; English;
 * and axe-core on every page. Screenshots go to test-results/console/.
 */

const PILLARS = ['人事管理', '職員研修', '組織文化', '働きやすい環境づくり'];
/** An internal construct/initiative id such as cul-13: kept in data attributes and CSV, never shown. */
const INTERNAL_ID = /\b[a-z]{2,4}-\d{2}\b/;
const MANAGER = { email: 'welfare.head@example.jp', password: 'welfare manager passphrase', unit: 'WEL' };
const WELFARE_UNITS = ['健康福祉部', '社会福祉課', 'こども家庭課', '健康増進課'];
const DOCS_SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/dashboard.png');

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let flow: { context: BrowserContext; page: Page; errors: string[] };
let campaignId = '';
let staffAfterImport = 0;

/**
 * The demo's share of respondents: small by default to keep the run short
 * (and several units hidden). `KOE_CONSOLE_SCALE=1 KOE_UPDATE_DOCS=1` renews
 * docs/dashboard.png from the full demo.
 */
const SCALE = Number(process.env.KOE_CONSOLE_SCALE ?? 0.15);

beforeAll(
  async () => {
    const started = Date.now();
    [server, browser] = await Promise.all([startConsoleServer(SCALE), launchConsoleBrowser()]);
    console.log(
      `console e2e: demo data (scale ${SCALE}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    admin = await adminClient(server);
    flow = await consolePage(browser);
  },
  // Limits for a machine under load (seeding took 38 s in CI at load ~2, over 150 s at load ~20).
  SCALE > 0.3 ? 600_000 : 300_000,
);

afterAll(async () => {
  await flow?.context.close();
  await browser?.close();
  await server?.close();
});

const url = (p: string) => `${server.baseUrl}/console${p}`;
const nav = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });

async function downloaded(
  page: Page,
  click: () => Promise<unknown>,
): Promise<{ name: string; text: string }> {
  const waiting = page.waitForEvent('download');
  await click();
  const download: Download = await waiting;
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

/** Splits simple CSV (no quoted commas in the fields the tests read). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter((l) => l.length > 0)
    .map((l) => l.split(','));
}

/** Hidden cells of the units heatmap (overall row and units) as the API reports them. */
function hiddenCells(results: any): number {
  const groups = [results.overall, ...results.units];
  return groups.reduce(
    (n: number, g: any) => n + g.constructs.filter((c: any) => g.suppressed || c.suppressed).length,
    0,
  );
}

function rosterCsv(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const header = 'staffNo,name,email,unitCode,jobLevel,employmentType';
  return { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\r\n')) };
}

describe('HR console on demo data', () => {
  it('signs in with the session cookie and shows four pillars across the fiscal years', async () => {
    const { page } = flow;
    await page.goto(url('/'));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await shot(page, '01-sign-in');
    await signIn(page, server.baseUrl);

    // The session is an HttpOnly cookie; the page keeps no token of its own.
    const cookies = await flow.context.cookies();
    expect(cookies.find((c) => c.name === 'koe_session')?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === 'koe_csrf')?.httpOnly).toBe(false);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ|token/i);

    await page.getByRole('heading', { level: 1, name: '柱別の指標（令和5〜9年度）' }).waitFor();
    const pillars = page.locator('section.pillar');
    await expect.poll(() => pillars.count()).toBe(4);
    expect(await pillars.locator('h2').allTextContents()).toEqual(PILLARS);

    const indicators = (await admin.get('/api/indicators?from=2023&to=2027')).json;
    for (const [p, pillar] of indicators.pillars.entries()) {
      const rows = pillars.nth(p).locator('table.matrix tbody tr');
      expect(await rows.count()).toBe(pillar.indicators.length);
      for (const [i, indicator] of pillar.indicators.entries()) {
        const cells = rows.nth(i).locator('td.year-cell');
        expect(await cells.count()).toBe(5);
        const shown = await cells.locator('.fav').allTextContents();
        expect(shown.length).toBeGreaterThanOrEqual(3);
        for (const text of shown) expect(text).toMatch(/^\d+%$/);
        for (const [y, value] of indicator.values.entries()) {
          const text = (await cells.nth(y).textContent()) ?? '';
          if (value.favourable === null) {
            // A year without a campaign is empty, never zero.
            expect(text).toContain('—');
            expect(text).not.toMatch(/\d%/);
          } else {
            expect(text).toContain(`${Math.round(value.favourable * 100)}%`);
            // ▲/▼ with the word 有意 exactly where the API says the change is significant.
            if (value.delta !== null)
              expect(text).toMatch(value.delta > 0 ? /▲/ : value.delta < 0 ? /▼/ : /－/);
            expect(text.includes('有意')).toBe(value.significant === true);
            // The year a change is from is named only when it is not the year before (「FY2023比」).
            const skipped = value.comparedWith !== null && value.comparedWith !== value.fiscalYear - 1;
            expect(text.includes(`FY${value.comparedWith}比`)).toBe(skipped);
          }
        }
        const spark = rows.nth(i).locator('svg.sparkline');
        expect(await spark.getAttribute('aria-label')).toMatch(/R5 \d+%.*R9 データなし/);
      }
    }
    // 有意 is Benjamini–Hochberg's, and the page says so with the number of tests.
    const tests = indicators.pillars.flatMap((p: any) =>
      p.indicators.flatMap((i: any) => i.values.filter((v: any) => v.p !== null)),
    );
    const note = (await page.locator('.significance-note').textContent()) ?? '';
    expect(note).toContain('Benjamini–Hochberg');
    expect(note).toContain(`${tests.length} 件`);
    expect(note).toContain('偽発見率 5%');
    // Each pillar's summary under its table: the API's figure and interval, or 非表示, never a hidden value.
    for (const [p, pillar] of indicators.pillars.entries()) {
      const cells = pillars.nth(p).locator('table.matrix tfoot tr.pillar-summary td.year-cell');
      expect(await cells.count()).toBe(5);
      for (const [y, v] of pillar.summary.entries()) {
        const text = (await cells.nth(y).textContent()) ?? '';
        if (v.suppressed) expect(text).toBe('非表示');
        else if (v.value === null) expect(text).toContain('—');
        else {
          expect(text).toContain(`${Math.round(v.value * 100)}%`);
          expect(text).toContain(`95%区間 ${Math.round(v.ci[0] * 100)}%〜${Math.round(v.ci[1] * 100)}%`);
        }
      }
      expect(pillar.summary.filter((v: any) => v.value !== null).length).toBe(3);
    }
    const file = await shot(page, '02-dashboard');
    if (!existsSync(DOCS_SCREENSHOT) || process.env.KOE_UPDATE_DOCS === '1') {
      mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
      await page.screenshot({ path: DOCS_SCREENSHOT, fullPage: true });
    }
    expect(statSync(file).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('opens a construct: items with their 1–5 distribution, breakdowns and the initiatives it informs', async () => {
    const { page } = flow;
    await page.getByRole('link', { name: '心理的安全性' }).click();
    await page.getByRole('heading', { level: 1, name: '心理的安全性' }).waitFor();
    await page.locator('table.items').waitFor();
    // Seven items, three reverse-keyed; each with favourable % and a labelled distribution.
    expect(await page.locator('table.items tbody tr').count()).toBe(7);
    expect(await page.locator('table.items .tag').count()).toBe(3);
    expect(await page.locator('table.items svg.distribution').count()).toBe(7);
    expect(await page.locator('table.items svg.distribution').first().getAttribute('aria-label')).toMatch(
      /1: \d+%, 2: \d+%, 3: \d+%, 4: \d+%, 5: \d+%/,
    );
    const breakdowns = await page
      .locator('section[aria-labelledby="breakdowns-title"] figcaption')
      .allTextContents();
    expect(breakdowns).toEqual(['職位', '年齢', '任用形態', '採用経路別（自己申告）']);
    // Units: some shown, some hidden — a hidden bar says 非表示 (too few) or 非表示＊ (against
    // subtraction) as the heatmap does, with the full reason on hover and the legend; never a value.
    const units = page.locator('section[aria-labelledby="units-title"] svg title');
    expect(await units.first().textContent()).toMatch(/非表示/);
    const constructId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const campaigns = (await admin.get('/api/campaigns')).json as Array<{ id: string; fiscalYear: number }>;
    const shownFy = campaigns.find((c) => c.fiscalYear === 2025)!;
    const shown = (await admin.get(`/api/campaigns/${shownFy.id}/results`)).json;
    const reasons = shown.units.flatMap((u: any) => {
      const c = u.constructs.find((x: any) => x.constructId === constructId);
      if (!u.suppressed && c && !c.suppressed) return [];
      return [(u.suppressed ? u.hiddenReason : c?.hiddenReason) ?? 'few'];
    });
    const labels = await page
      .locator('section[aria-labelledby="units-title"] svg .hidden-label')
      .allTextContents();
    expect(labels.length).toBe(reasons.length);
    expect(labels.filter((l) => l === '非表示＊').length).toBe(
      reasons.filter((r: string) => r === 'complementary').length,
    );
    for (const l of labels) expect(l).toMatch(/^非表示＊?$/);
    const tooltips = await page
      .locator('section[aria-labelledby="units-title"] svg g[data-bar] > title')
      .allTextContents();
    expect(tooltips.length).toBe(reasons.length);
    for (const tip of tooltips) expect(tip).toMatch(/非表示＊? — (回答者|この所属)/);
    expect(
      await page.locator('section[aria-labelledby="units-title"] .hidden-legend').textContent(),
    ).toContain('差し引きで推測されるのを防ぐため非表示');
    const initiatives = page.locator('table.initiatives');
    expect(await initiatives.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await initiatives.locator('tbody tr[data-initiative="cul-11"]').count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toMatch(INTERNAL_ID);
    expect(await initiatives.textContent()).toMatch(/実施/);
    await shot(page, '03-construct');
  }, 90_000);

  it('explains 有意, the 95% interval, α and eNPS in plain words, and flags a low α', async () => {
    const { page } = flow;
    const campaigns = (await admin.get('/api/campaigns')).json as Array<{ id: string; fiscalYear: number }>;
    const fy2025 = campaigns.find((c) => c.fiscalYear === 2025)!;
    const results = (await admin.get(`/api/campaigns/${fy2025.id}/results`)).json;
    const overall = results.overall.constructs as Array<{ constructId: string; alpha?: number | null }>;
    const low = overall.find((c) => c.alpha != null && c.alpha < 0.7);
    const fine = overall.find((c) => c.alpha != null && c.alpha >= 0.7);
    expect(low).toBeDefined();

    // A low α: the value, the visible flag and the help, which opens by keyboard.
    await page.goto(url(`/constructs/${low!.constructId}?fy=2025`));
    const alpha = page.locator('dl.facts dd.alpha');
    await alpha.waitFor();
    expect(await alpha.textContent()).toContain(low!.alpha!.toFixed(2));
    expect(await alpha.locator('.flag-low').textContent()).toBe('低い（0.7未満）');
    const help = alpha.locator('details.term-help');
    expect(await help.locator('summary').textContent()).toBe('「信頼性係数 α」とは');
    expect(await help.locator('p').isVisible()).toBe(false);
    await help.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => help.locator('p').isVisible()).toBe(true);
    expect(await help.locator('p').textContent()).toMatch(/0\.7以上が目安/);
    // The 95% interval has its own help.
    const ci = page.locator('dl.facts div', { has: page.locator('dt', { hasText: '95%信頼区間' }) });
    expect(await ci.locator('details.term-help summary').textContent()).toBe('「95%信頼区間」とは');
    expect(await ci.locator('details.term-help p').textContent()).toMatch(/不確かさの幅/);
    await shot(page, '03b-construct-low-alpha');

    if (fine) {
      await page.goto(url(`/constructs/${fine.constructId}?fy=2025`));
      await page.locator('dl.facts dd.alpha').waitFor();
      expect(await page.locator('dl.facts dd.alpha .flag-low').count()).toBe(0);
    }

    // eNPS: range and promoters/detractors, on the results page.
    await page.goto(url(`/campaigns/${fy2025.id}/results`));
    const enps = page.locator('section[aria-labelledby="enps-title"] details.term-help');
    await enps.waitFor();
    expect(await enps.locator('summary').textContent()).toBe('「eNPS」とは');
    const enpsText = (await enps.locator('p').textContent()) ?? '';
    expect(enpsText).toMatch(/推奨者/);
    expect(enpsText).toMatch(/批判者/);
    expect(enpsText).toMatch(/−100〜\+100/);

    // 有意: what the test says, in the dashboard's legend.
    await page.goto(url('/'));
    const legend = page.locator('aside.legend-box');
    await legend.waitFor();
    expect(await legend.locator('details.term-help summary').textContent()).toBe('「有意」とは');
    expect(await legend.locator('details.term-help p').textContent()).toMatch(/偶然のばらつき/);
    // No internal id such as (cul-13) on the dashboard: the proposal scheme's heading is its name alone.
    const proposal = page.locator('h3[data-initiative="cul-13"]');
    await proposal.waitFor();
    expect(await proposal.textContent()).toBe('職員提案制度の推進及び充実');
    expect(await page.locator('main').textContent()).not.toMatch(INTERNAL_ID);
  }, 90_000);

  it('creates a campaign with the wizard and opens it after confirming', async () => {
    const { page } = flow;
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '調査' })
      .click();
    await page.getByRole('heading', { level: 1, name: '調査の一覧' }).waitFor();
    // The heading comes before the list is fetched; the rows come all at once (one request).
    await page.locator('table.list tbody tr').first().waitFor();
    // FY2023–FY2026 annual, and FY2025's pulse survey.
    expect(await page.locator('table.list tbody tr').count()).toBe(5);
    await shot(page, '04-campaigns');
    await page.getByRole('link', { name: '新しい調査を作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しい調査を作成' }).waitFor();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('combobox', { name: /^年度/ }).selectOption('2027');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByLabel('開始日時（日本時間）').fill('2027-06-01T09:00');
    // A closing day means the end of that day in Japan time, not the midnight it starts with.
    await page.getByLabel('締切日（日本時間）').fill('2027-06-30');
    await page.getByRole('button', { name: '次へ' }).click();
    // The minimum group size cannot go below 5 (A3: k = 3 let k − 1 fake answers reveal one person's).
    await page.getByLabel('最小集団サイズ').fill('3');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('5〜100');
    await page.getByLabel('最小集団サイズ').fill('5');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.locator('dl.summary').textContent()).toContain('令和9年度（FY2027）');
    expect(await page.locator('dl.summary').textContent()).toContain('2027年6月30日（水）23:59まで');
    await shot(page, '05-wizard-confirm');
    await page.getByRole('button', { name: 'この内容で作成' }).click();
    await page.waitForURL(/\/console\/campaigns\/c[0-9a-f]+$/);
    campaignId = page.url().split('/').pop()!;
    await page.locator('.badge-draft').waitFor();

    await page.getByRole('button', { name: '調査を開始する' }).click();
    const dialog = page.getByRole('dialog', { name: '調査を開始しますか？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('変更できません');
    await shot(page, '06-open-dialog');
    await dialog.getByRole('button', { name: '開始する' }).click();
    await page.locator('.page-header').getByRole('button', { name: '調査を締め切る' }).waitFor();
    await page.getByText('調査を開始しました。').waitFor();
    const stored = (await admin.get(`/api/campaigns/${campaignId}`)).json;
    expect(stored).toMatchObject({
      status: 'open',
      fiscalYear: 2027,
      minGroupSize: 5,
      closesAt: '2027-06-30T14:59:59.000Z',
    });
  }, 90_000);

  it('checks a roster upload, lists every bad line with its number and reason, saves nothing, then imports', async () => {
    const { page } = flow;
    const before = (await admin.get('/api/staff')).json.length;
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '職員名簿' })
      .click();
    await page.getByRole('heading', { level: 1, name: '職員名簿' }).waitFor();
    const good = [
      'N90001,会津 一郎,n90001@example.jp,GEN-HR,staff,regular',
      'N90002,会津 二郎,,GEN-HR,senior,regular',
      'N90004,会津 四郎,n90004@example.jp,GEN-HR,chief,fiscal_year',
    ];
    await page
      .getByLabel(/CSVファイルを選択/)
      .setInputFiles(
        rosterCsv([good[0]!, good[1]!, 'N90003,会津 三郎,n90003@example.jp,GEN-HR,boss,regular', good[2]!]),
      );
    const alert = page.locator('.error-box[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('1行に誤りがあります');
    expect(await alert.textContent()).toContain('名簿は保存されていません');
    const errorRows = alert.locator('table.errors tbody tr');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().locator('th').textContent()).toBe('4行目');
    expect(await errorRows.first().locator('td').textContent()).toMatch(/jobLevel/);
    expect((await admin.get('/api/staff')).json.length).toBe(before);
    await shot(page, '07-roster-errors');

    await page.getByLabel(/CSVファイルを選択/).setInputFiles(rosterCsv(good));
    await page.getByText('誤りはありません：新規 3人、更新 0人。').waitFor();
    expect((await admin.get('/api/staff')).json.length).toBe(before);
    await shot(page, '08-roster-preview');
    await page.getByRole('button', { name: '3人を取り込む' }).click();
    await page.getByText('取り込みました：新規 3人、更新 0人。').waitFor();
    staffAfterImport = (await admin.get('/api/staff')).json.length;
    expect(staffAfterImport).toBe(before + 3);
  }, 90_000);

  it('shows the admin live participation by unit and no code; the custodian sends e-mails and prints QR slips', async () => {
    const { page } = flow;
    await page.goto(url(`/campaigns/${campaignId}`));
    await page.getByRole('heading', { level: 2, name: '回答状況（自動更新）' }).waitFor();
    // The admin reads participation but reaches no code (DESIGN §3, A5): no invitation panel, no CSV.
    expect(await page.getByRole('heading', { level: 2, name: '招待' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '招待メールを送信' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('配付担当（コード管理者）');

    // Six people answer while the page is open; the panel refreshes itself (every ~10 s).
    const keeper = await custodian(admin);
    const invitations = (await keeper.post(`/api/campaigns/${campaignId}/invitations`)).json
      .invitations as Array<{
      staffNo: string;
      unitCode: string;
      code: string;
      url: string;
    }>;
    // Who is invited was frozen when the campaign opened (A3): not the three imported afterwards.
    expect(invitations).toHaveLength(staffAfterImport - 3);
    const device = respondent(server.baseUrl);
    for (const inv of invitations.filter((i) => i.unitCode === 'FIRE').slice(0, 6)) {
      const credential = await device.obtain(campaignId, inv.code);
      expect((await device.submit(credential, answersFor(credential.survey))).status).toBe(202);
    }
    // The answers are held for the next shuffled batch (A2); live counts move when it is written.
    await flushAnswers(server.runtime.store);
    const responses = page.locator('dl.facts.big div', { hasText: /^回答\d/ }).locator('dd');
    // The page reloads participation every 10 s (PARTICIPATION_REFRESH_MS, web/console/pages/campaign.tsx):
    // a reload that read the counts just before the batch was written leaves the next one up to 10 s
    // away, and a busy 2-core machine may take seconds to answer and render it.
    await expect.poll(() => responses.textContent(), { timeout: 25_000, interval: 500 }).toBe('6');
    const fire = page.locator('table.participation tbody tr', { hasText: '消防本部' });
    // A unit without sub-units: its counting-scope cell is empty (units with sub-units say 直属 / 配下を含む合計).
    expect(await fire.locator('td').allTextContents()).toEqual(['', '250', '6', '2.4%']);
    expect(await page.locator('table.participation tbody tr.total').count()).toBeGreaterThan(0);
    expect(await page.locator('svg.bar-chart title').textContent()).toContain('消防本部 2%');
    await shot(page, '09-participation');

    // The custodian: e-mails (counts only on the page), then paper invitations for the rest.
    const c = await consolePage(browser);
    try {
      const p = c.page;
      await signIn(p, server.baseUrl, CUSTODIAN.email, CUSTODIAN.password);
      await p.getByRole('heading', { level: 1, name: 'コードの配付' }).waitFor();
      // No dashboard in the custodian's menu: their start page is code delivery.
      expect(await nav(p).getByRole('link').allTextContents()).toEqual([
        '調査',
        '提案コード',
        'プランの取組',
      ]);
      await p.goto(url(`/campaigns/${campaignId}`));
      await p.getByRole('heading', { level: 2, name: '招待' }).waitFor();
      // Participation counts (how many, never what) are the custodian's too; results are not.
      expect(await p.getByRole('link', { name: /結果/ }).count()).toBe(0);
      await p.getByRole('button', { name: '招待メールを送信' }).click();
      const dialog = p.getByRole('dialog', { name: '招待メールを送信しますか？' });
      await dialog.getByRole('button', { name: '送信する' }).click();
      // Who is invited was frozen when the campaign opened (A3): the three imported after are not.
      const late = new Set(['N90001', 'N90002', 'N90004']);
      const staff = (
        (await admin.get('/api/staff')).json as Array<{
          staffNo: string;
          email: string;
          unitCode: string;
        }>
      ).filter((s) => !late.has(s.staffNo));
      const withoutEmail = staff.filter((s) => !s.email).length;
      const notice = p.getByRole('status').filter({ hasText: '人に送信しました' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain(
        `${(staff.length - withoutEmail).toLocaleString('ja-JP')}人に送信しました`,
      );
      expect(await p.locator('main').textContent()).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
      expect((await readdir(path.join(server.dataDir, 'outbox'))).length).toBe(staff.length - withoutEmail);
      await shot(p, '09b-custodian-delivery');

      // Reminders (issue 19): to those not yet answered, after a confirm step; counts only on the page.
      const mailed = (await readdir(path.join(server.dataDir, 'outbox'))).length;
      const remindButton = p.getByRole('button', { name: '未回答の方にリマインドを送る' });
      await remindButton.click();
      await p
        .getByRole('dialog', { name: 'リマインドを送信しますか？' })
        .getByRole('button', { name: 'リマインドを送信する' })
        .click();
      const reminded = p.getByRole('status').filter({ hasText: 'リマインドを送信しました' });
      await reminded.waitFor();
      const remindedCount = Number(
        /([\d,]+)人にリマインド/.exec((await reminded.textContent()) ?? '')![1]!.replace(/,/g, ''),
      );
      expect(remindedCount).toBeGreaterThan(0);
      expect((await readdir(path.join(server.dataDir, 'outbox'))).length).toBe(mailed + remindedCount);
      expect(await p.locator('main').textContent()).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
      // Once a day: a second run the same day is refused, in the console's words.
      await remindButton.click();
      await p
        .getByRole('dialog', { name: 'リマインドを送信しますか？' })
        .getByRole('button', { name: 'リマインドを送信する' })
        .click();
      await p.getByRole('alert').filter({ hasText: '本日すでに送信しました' }).waitFor();

      await p.getByRole('link', { name: '紙の招待状（QR）を印刷' }).click();
      await p.getByRole('heading', { level: 1, name: '案内票の印刷' }).waitFor();
      await p.locator('article.slip').first().waitFor();
      expect(await p.locator('article.slip').count()).toBe(withoutEmail);
      const invitedWithoutEmail = new Set(staff.filter((s) => !s.email).map((s) => s.staffNo));
      const mine = invitations.find((i) => invitedWithoutEmail.has(i.staffNo))!;
      const slip = p.locator('article.slip', { hasText: mine.staffNo });
      expect((await slip.locator('.slip-code').textContent())?.replace(/\u200b/g, '')).toBe(mine.code);
      expect(await slip.locator('svg.qr').getAttribute('role')).toBe('img');
      // The answer page's short address to type the code at; the QR code carries the full link.
      expect(await slip.locator('.slip-url').textContent()).toBe(`${new URL(mine.url).origin}/answer/`);
      // What happens if the phone is lost (issue 19): before sending, the slip works on any device.
      expect(await slip.locator('.slip-help').textContent()).toContain(
        '端末をなくしても、この票で別の端末から回答し直せます',
      );
      expect(await slip.locator('svg.qr path').getAttribute('d')).toBe(qrPath(mine.url));
      // A new sheet for each unit, its name at the top.
      const noEmailUnits = staff.filter((s) => !s.email).map((s) => s.unitCode);
      expect(await p.locator('section.sheet').count()).toBe(sheetsByUnit(noEmailUnits, 8));
      expectSheetsByUnit(await sheetUnits(p));
      await shot(p, '10-slips');
      await p.emulateMedia({ media: 'print' });
      expect(await p.locator('header.top').isVisible()).toBe(false);
      expect(await p.locator('article.slip').first().isVisible()).toBe(true);
      await p.pdf({ path: path.join(CONSOLE_ARTIFACTS, 'slips.pdf'), format: 'A4', printBackground: true });
      await p.emulateMedia({ media: 'screen' });
      // A reprint for two people with e-mail (a lost message), by staff number.
      const lost = staff.filter((s) => s.email && s.unitCode === 'GEN-HR').slice(0, 2);
      await p.getByLabel('再印刷（職員番号を指定）').check();
      await p.getByLabel('職員番号（空白・改行・カンマ区切り）').fill(lost.map((s) => s.staffNo).join('、'));
      await p.getByRole('button', { name: 'この職員の分を再印刷' }).click();
      await expect.poll(() => p.locator('article.slip').count()).toBe(2);
      const log = await server.runtime.store.audit.listMonth(new Date().toISOString().slice(0, 7));
      expect(log.find((e) => e.action === 'invitations.slips_reprinted')?.detail).toEqual({
        count: 2,
        staffNos: lost.map((s) => s.staffNo).join(' '),
      });
      expect(c.errors).toEqual([]);
    } finally {
      await c.context.close();
    }
  }, 90_000);

  it('closes the campaign after confirming; its results hide what is too small to show', async () => {
    const { page } = flow;
    await page.goto(url(`/campaigns/${campaignId}`));
    await page.locator('.page-header').getByRole('button', { name: '調査を締め切る' }).click();
    const dialog = page.getByRole('dialog', { name: '調査を締め切りますか？' });
    await dialog.waitFor();
    await shot(page, '11-close-dialog');
    await dialog.getByRole('button', { name: '締め切る' }).click();
    await page.locator('.badge-closed').waitFor();
    await page.getByRole('link', { name: '結果を見る' }).click();
    await page.locator('table.heatmap').first().waitFor();
    // Six answers from one unit of 250: whatever the disclosure rules hide, the page hides; comments need 10.
    const results = (await admin.get(`/api/campaigns/${campaignId}/results`)).json;
    const heatmap = page.locator('table.heatmap').first();
    expect(await heatmap.locator('td.cell-hidden').count()).toBe(hiddenCells(results));
    expect(await heatmap.locator('td.cell-hidden').count()).toBeGreaterThan(0);
    expect(await page.locator('.comments').textContent()).toContain('10人未満のため');
    await shot(page, '12-results-new-campaign');
  }, 90_000);

  it('shows the results heatmaps with hidden cells marked, never coloured as a value', async () => {
    const { page } = flow;
    const campaigns = (await admin.get('/api/campaigns')).json as Array<{ id: string; fiscalYear: number }>;
    const fy2025 = campaigns.find((c) => c.fiscalYear === 2025)!;
    const results = (await admin.get(`/api/campaigns/${fy2025.id}/results`)).json;
    await page.goto(url('/campaigns'));
    await page
      .locator('table.list tbody tr', { hasText: '令和7年度', hasNotText: 'パルス調査' })
      .getByRole('link', { name: '結果を見る' })
      .click();
    const heatmap = page.locator('table.heatmap').first();
    await heatmap.waitFor();
    const hidden = heatmap.locator('td.cell-hidden');
    const shaded = heatmap.locator('td[class*="shade-"]');
    const hiddenUnitCells = hiddenCells({ ...results, overall: { suppressed: false, constructs: [] } });
    expect(hiddenUnitCells).toBeGreaterThan(0);
    expect(await hidden.count()).toBe(hiddenCells(results));
    expect(await shaded.count()).toBeGreaterThan(0);
    // Each hidden cell says why: 非表示 (too few) or 非表示＊ (hidden against subtraction), as the API does.
    const complementary = [results.overall, ...results.units].reduce(
      (n: number, g: any) =>
        n +
        g.constructs.filter(
          (c: any) =>
            (g.suppressed ? g.hiddenReason : c.suppressed ? c.hiddenReason : null) === 'complementary',
        ).length,
      0,
    );
    const texts = await hidden.allTextContents();
    for (const text of texts) expect(text).toMatch(/^非表示＊?$/);
    expect(texts.filter((text) => text === '非表示＊').length).toBe(complementary);
    expect(await heatmap.locator('td.cell-complementary').count()).toBe(complementary);
    for (const text of await shaded.allTextContents()) expect(text).toMatch(/^\d+%$/);
    expect(await heatmap.locator('td.cell-hidden[class*="shade-"]').count()).toBe(0);
    const hiddenRow = results.units.find((u: any) => u.suppressed);
    expect(hiddenRow).toBeDefined();
    expect(await page.locator('.hidden-explanation').textContent()).toContain('5人未満');
    // Breakdowns by job level, age band, employment type and entry route.
    expect(await page.locator('table.heatmap').count()).toBe(5);
    // eNPS, harassment climate (by type, experienced and witnessed; knows where to consult), comments.
    expect(await page.locator('#enps-title').textContent()).toContain('eNPS');
    expect(await page.locator('.big-number strong').textContent()).toMatch(/^[+−]?\d+$/);
    const harassment = page.locator('section[aria-labelledby="harassment-title"]');
    expect(await harassment.locator('.grid-2:not(.harassment-follow-ups) svg.bar-chart').count()).toBe(2);
    // The 3 years, how often, from whom, whom consulted and what happened after (issue 14).
    expect(
      await harassment
        .locator('.harassment-follow-ups figure')
        .evaluateAll((fs) => fs.map((f) => f.getAttribute('data-item'))),
    ).toEqual(['har.experienced_3y', 'har.frequency', 'har.source', 'har.consulted', 'har.outcome']);
    expect(await harassment.locator('svg.bar-chart title').first().textContent()).toMatch(/パワハラ \d+%/);
    expect(await harassment.locator('tr.emphasis').textContent()).toContain(
      'どこに相談すればよいか知っている',
    );
    if (results.comments.suppressed)
      expect(await page.locator('.comments').textContent()).toContain('表示しません');
    else expect(await page.locator('.comment-list li').count()).toBe(results.comments.texts.length);
    await shot(page, '13-results');

    // CSV: Japanese column names; a hidden cell stays hidden — empty numbers, the 非表示 marker and why.
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'CSVで書き出す' }).click());
    const [header, ...rows] = csvRows(csv.text);
    expect(header).toEqual([
      '集計区分',
      '集計単位コード',
      '集計単位',
      '柱ID',
      '指標ID',
      '指標',
      '回答者数',
      '好意的回答率（%）',
      '信頼区間下限（%）',
      '信頼区間上限（%）',
      '平均',
      'eNPS',
      '状態',
      '非表示の理由',
    ]);
    const col = (name: string) => header!.indexOf(name);
    const hiddenRows = rows.filter((r) => r[col('状態')] === '非表示');
    expect(hiddenRows.length).toBeGreaterThan(0);
    for (const r of hiddenRows) {
      expect(r[col('好意的回答率（%）')]).toBe('');
      expect(r[col('回答者数')]).toBe('');
      expect([
        '回答者が少ないため非表示',
        '差し引きで推測されるのを防ぐため非表示',
        '直属職員が少ないため上位の集計に含む',
      ]).toContain(r[col('非表示の理由')]);
    }
    const unitHidden = hiddenRows.filter((r) => r[col('集計区分')] === 'unit').length;
    expect(unitHidden).toBe(hiddenUnitCells);
    // The 差し引き reason on overall and unit rows wherever the heatmap says 非表示＊, but for a unit whose
    // direct staff count with its key group, which says that instead.
    const csvComplementary = [results.overall, ...results.units].reduce(
      (n: number, g: any) =>
        g.suppressed && g.reason === 'in_key_group'
          ? n
          : n +
            g.constructs.filter(
              (c: any) =>
                (g.suppressed ? g.hiddenReason : c.suppressed ? c.hiddenReason : null) === 'complementary',
            ).length,
      0,
    );
    const ownRows = hiddenRows.filter((r) => ['overall', 'unit'].includes(r[col('集計区分')]!));
    expect(
      ownRows.filter((r) => r[col('非表示の理由')] === '差し引きで推測されるのを防ぐため非表示').length,
    ).toBe(csvComplementary);
    const custom = (r: string[]) => r[col('指標ID')]!.startsWith('custom.');
    for (const r of rows.filter((r) => r[col('状態')] === '' && !custom(r)))
      expect(r[col('好意的回答率（%）')]).toMatch(/^\d+(\.\d)?$/);
    // FY2025's custom questions (a 5-point and a number one) close the file, each with its mean.
    const customRows = rows.filter(custom);
    expect(customRows.map((r) => r[col('指標ID')])).toEqual(['custom.q1', 'custom.q2']);
    for (const r of customRows) expect(r[col('平均')]).toMatch(/^\d+(\.\d+)?$/);

    // Print: A4, no navigation or buttons; the report itself remains.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.page-actions').isVisible()).toBe(false);
    expect(await heatmap.isVisible()).toBe(true);
    await page.pdf({
      path: path.join(CONSOLE_ARTIFACTS, 'results.pdf'),
      format: 'A4',
      printBackground: true,
    });
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('exports the indicators as CSV and prints the dashboard as an A4 report', async () => {
    const { page } = flow;
    await page.goto(url('/'));
    await page.locator('table.matrix').first().waitFor();
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'CSVで書き出す' }).click());
    const [header, ...rows] = csvRows(csv.text);
    // Japanese headers in the Japanese console (English, snake_case, when the console is in English).
    expect(header).toEqual([
      '柱ID',
      '柱',
      '指標ID',
      '指標',
      '年度',
      '年度（表記）',
      '好意的回答率（%）',
      '回答者数',
      '前年度差（ポイント）',
      '有意な変化（1＝有意）',
      '目標値（%）',
      '状態',
      '比較した年度',
      '検定',
      'p値（補正前）',
      'q値（BH補正後）',
      '95%区間下限（%）',
      '95%区間上限（%）',
    ]);
    const fy2026 = rows.filter((r) => r[4] === '2026' && r[2] !== '');
    // One row per construct of the survey (the bank, shared/instruments/constructs).
    expect(fy2026.length).toBe(CONSTRUCTS.length);
    for (const r of fy2026) expect(r.slice(6, 8).concat(r[11]!)).toEqual(['', '', '調査なし']);
    const fy2025 = rows.filter((r) => r[4] === '2025' && /^\d/.test(r[6]!) && r[2] !== '');
    expect(fy2025.length).toBeGreaterThan(0);
    // A change: the year compared with, the z-test, raw p and its BH q (never below p).
    for (const r of fy2025) {
      expect(r[12]).toBe('2024');
      expect(r[13]).toBe('2つの割合のz検定');
      expect(Number(r[15])).toBeGreaterThanOrEqual(Number(r[14]));
    }
    // One pillar-summary row per pillar and year, with its interval around the figure.
    const summaries = rows.filter((r) => r[2] === '');
    expect(summaries.length).toBe(4 * 5);
    for (const r of summaries.filter((x) => x[4] === '2025')) {
      expect(r[3]).toBe('柱の総合（各指標の好意的回答率の平均）');
      expect(Number(r[16])).toBeLessThanOrEqual(Number(r[6]));
      expect(Number(r[17])).toBeGreaterThanOrEqual(Number(r[6]));
    }
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('table.matrix').first().isVisible()).toBe(true);
    const pdf = path.join(CONSOLE_ARTIFACTS, 'dashboard.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  }, 90_000);

  it('sets a target and shows it on the dashboard; lists the plan with statuses and informing constructs', async () => {
    const { page } = flow;
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: '目標値' })
      .click();
    await page.getByLabel('心理的安全性のR7目標（%）').fill('50');
    await page.getByRole('button', { name: '変更を保存（1件）' }).click();
    await page.getByText('1件の目標値を保存しました。').waitFor();
    const targets = (await admin.get('/api/targets')).json;
    expect(targets).toContainEqual({
      constructId: 'psychological_safety',
      fiscalYear: 2025,
      favourable: 0.5,
    });
    await shot(page, '14-targets');
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'ダッシュボード' })
      .click();
    const row = page.locator('table.matrix tbody tr', { hasText: '心理的安全性' });
    await expect.poll(() => row.locator('td.year-cell').nth(2).textContent()).toMatch(/目標 50%/);

    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'プランの取組' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'プランの取組と進捗予定' }).waitFor();
    expect(await page.locator('section.pillar h2').allTextContents()).toEqual(PILLARS);
    const relisted = page.locator('table.initiatives tbody tr[data-initiative="cul-09"]');
    // A re-listed row names the pillar it comes from, not the internal id (trn-12).
    expect(await relisted.textContent()).toContain('再掲（元は「職員研修」）');
    expect(await relisted.locator('.relisted').getAttribute('data-refers-to')).toBe('trn-12');
    expect(await page.locator('main').textContent()).not.toMatch(INTERNAL_ID);
    const informed = page.locator('table.initiatives tbody tr[data-initiative="cul-11"]');
    expect(await informed.locator('td').last().textContent()).toContain('心理的安全性');
    expect(await informed.locator('td.status').allTextContents()).toEqual([
      '実施',
      '実施',
      '実施',
      '実施',
      '実施',
    ]);
    await shot(page, '15-plan');
  }, 90_000);

  it('creates a manager account who sees only their own subtree', async () => {
    const { page } = flow;
    await page
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'アカウント' })
      .click();
    await page.getByLabel('メールアドレス').fill(MANAGER.email);
    await page.getByLabel('初期パスワード').fill(MANAGER.password);
    await page.getByLabel('役割').selectOption('manager');
    await page.getByLabel(/^所属/).selectOption(MANAGER.unit);
    await page.getByRole('button', { name: 'アカウントを作成' }).click();
    await page.getByText(`${MANAGER.email} — 所属長`).waitFor();
    await shot(page, '16-users');

    const manager = await consolePage(browser);
    try {
      const m = manager.page;
      await signIn(m, server.baseUrl, MANAGER.email, MANAGER.password);
      const nav = await m
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link')
        .allTextContents();
      expect(nav).toEqual(['ダッシュボード', '調査', 'プランの取組', 'アクションプラン', '目標値']);
      await m.locator('section.pillar').first().waitFor();
      expect(await m.locator('main').textContent()).toContain('健康福祉部とその下の組織');
      expect(await m.locator('section.pillar h2').allTextContents()).toEqual(PILLARS);
      await shot(m, '17-manager-dashboard');

      await m.goto(url('/campaigns'));
      await m
        .locator('table.list tbody tr', { hasText: '令和7年度', hasNotText: 'パルス調査' })
        .getByRole('link', { name: '結果を見る' })
        .click();
      const heatmap = m.locator('table.heatmap');
      await heatmap.waitFor();
      const rows = await heatmap.locator('tbody th.row-head').allTextContents();
      expect(rows.sort()).toEqual([...WELFARE_UNITS].sort());
      expect(await m.locator('table.heatmap').count()).toBe(1);
      expect(await m.locator('main').textContent()).not.toContain('消防本部');
      await shot(m, '18-manager-results');

      await m.goto(url('/roster'));
      await m.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.context.close();
    }
  }, 45_000);

  it('switches to English, with lang on <html>, and signs out', async () => {
    const { page } = flow;
    await page.goto(url('/'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicators by pillar' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('section.pillar h2').first().textContent()).toBe('Personnel management');
    await shot(page, '19-dashboard-en');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: '柱別の指標（令和5〜9年度）' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('heading', { level: 1, name: '人事コンソールにサインイン' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    // Nothing went wrong in the page along the way: no script errors, no CSP refusals.
    expect(flow.errors).toEqual([]);
  }, 90_000);

  // 21 pages in two sessions: 40 s in CI; 76 s at load ~20 once each page became a chunk of its own.
  it('has no serious or critical axe-core violation on any console page', async () => {
    const found: Record<string, AxeViolation[]> = {};
    const audited: string[] = [];
    const audit = async (page: Page, name: string) => {
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const v = await axeViolations(page);
      audited.push(name);
      if (v.length > 0) found[name] = v;
    };
    const campaigns = (await admin.get('/api/campaigns')).json as Array<{ id: string; fiscalYear: number }>;
    const closed = campaigns.find((c) => c.fiscalYear === 2025)!;
    const open = campaigns.find((c) => c.fiscalYear === 2026)!;

    const a = await consolePage(browser, { forAxe: true });
    try {
      const p = a.page;
      await p.goto(url('/'));
      await audit(p, 'sign-in');
      await signIn(p, server.baseUrl);
      const pages: Array<[string, string, string]> = [
        ['dashboard', '/', 'table.matrix'],
        ['construct', '/constructs/harassment_climate', 'table.items'],
        ['campaigns', '/campaigns', 'table.list'],
        ['wizard', '/campaigns/new', 'form.wizard'],
        ['campaign-open', `/campaigns/${open.id}`, 'table.participation'],
        ['results', `/campaigns/${closed.id}/results`, 'table.heatmap'],
        ['roster', '/roster', 'input[type="file"]'],
        ['plan', '/plan', 'table.initiatives'],
        ['targets', '/targets', 'table.targets'],
        ['users', '/users', 'form'],
        ['not-found', '/nowhere', 'h1'],
      ];
      for (const [name, at, ready] of pages) {
        await p.goto(url(at));
        try {
          await p.locator(ready).first().waitFor();
        } catch (err) {
          await shot(p, `axe-failed-${name}`);
          throw new Error(`${name}: ${(err as Error).message}\n${await p.locator('main').textContent()}`);
        }
        await audit(p, name);
      }
      await p.goto(url(`/campaigns/${open.id}`));
      await p.locator('.page-header').getByRole('button', { name: '調査を締め切る' }).click();
      await p.getByRole('dialog').waitFor();
      await audit(p, 'close-dialog');
      await p.keyboard.press('Escape');
      await p.goto(url('/roster'));
      await p
        .getByLabel(/CSVファイルを選択/)
        .setInputFiles(rosterCsv(['X1,名前,bad-email,NOPE,staff,regular']));
      await p.locator('table.errors').waitFor();
      await audit(p, 'roster-errors');
      await p.goto(url('/'));
      await p.getByRole('button', { name: 'English' }).click();
      await p.getByRole('heading', { level: 1, name: 'Indicators by pillar' }).waitFor();
      await audit(p, 'dashboard-en');
      await p.goto(url(`/campaigns/${closed.id}/results`));
      await p.locator('table.heatmap').first().waitFor();
      await audit(p, 'results-en');
      await p.getByRole('button', { name: '日本語' }).click();
    } finally {
      await a.context.close();
    }

    const m = await consolePage(browser, { forAxe: true });
    try {
      await signIn(m.page, server.baseUrl, MANAGER.email, MANAGER.password);
      await m.page.locator('table.matrix').first().waitFor();
      await audit(m.page, 'manager-dashboard');
      await m.page.goto(url(`/campaigns/${closed.id}/results`));
      await m.page.locator('table.heatmap').waitFor();
      await audit(m.page, 'manager-results');
    } finally {
      await m.context.close();
    }

    // The custodian's pages: the start page, a campaign's delivery panel, paper invitations.
    const k = await consolePage(browser, { forAxe: true });
    try {
      await signIn(k.page, server.baseUrl, CUSTODIAN.email, CUSTODIAN.password);
      await k.page.getByRole('heading', { level: 1, name: 'コードの配付' }).waitFor();
      await audit(k.page, 'custodian-home');
      await k.page.goto(url(`/campaigns/${open.id}`));
      await k.page.getByRole('button', { name: '招待メールを送信' }).waitFor();
      await audit(k.page, 'custodian-campaign');
      await k.page.goto(url(`/campaigns/${open.id}/slips`));
      await k.page.locator('article.slip').first().waitFor();
      await audit(k.page, 'slips');
    } finally {
      await k.context.close();
    }

    expect(audited.length).toBe(21);
    expect(found, JSON.stringify(found, null, 2)).toEqual({});
  }, 240_000);
});
