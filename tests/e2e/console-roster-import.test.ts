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
import { type RosterLine, shiftJisCsv, XLSX_TYPE, xlsxRoster } from '../support/roster-files';
import { type client, startTestServer, type TestServer } from '../support/server';

/**
 * Issue 16 in Chromium: HR imports the roster a Japanese HR system exports —
 * a Shift_JIS CSV, then an .xlsx workbook — through the mapping step: the
 * detected format and encoding, each column's field (one changed by hand),
 * an unknown label mapped to a code and saved for the city, a dry run, then
 * the import. The file is read on the server (locally uploaded to koe).
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
  for (const code of ['HQ', 'KIKAKU']) {
    expect((await admin.post('/api/units', { code, name: { ja: `${code}課` } })).status).toBe(201);
  }
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

const staff = async () =>
  Object.fromEntries((await server.runtime.store.directory.listStaff()).map((s) => [s.staffNo, s]));

const fileInput = () => page.getByLabel(/CSVファイルを選択/);

describe('importing a Japanese roster through the mapping step', () => {
  it('imports a Shift_JIS CSV after mapping an unknown label, and saves the mapping for the city', async () => {
    await page.goto(`${server.baseUrl}/console/roster`);
    await page.getByRole('heading', { level: 1, name: '職員名簿' }).waitFor();
    const rows: RosterLine[] = [
      ['S001', '会津 太郎', 'taro@example.jp', 'HQ', '主事', '正規'],
      ['S002', '鶴ヶ城 花子', '', 'KIKAKU', '班長', '会計年度任用'],
      ['S003', '白虎 次郎', '', 'HQ', '班長', '再任用'],
    ];
    await fileInput().setInputFiles({
      name: '職員名簿.csv',
      mimeType: 'text/csv',
      buffer: shiftJisCsv(rows),
    });

    const detected = page.getByTestId('roster-detected');
    await detected.waitFor();
    expect(await detected.textContent()).toContain('文字コード Shift_JIS');
    expect(await detected.textContent()).toContain('職員 3行');
    // Each column's detected field, under its Japanese header.
    expect(await page.getByLabel('列「役職」の項目').inputValue()).toBe('jobLevel');
    expect(await page.getByLabel('列「雇用形態」の項目').inputValue()).toBe('employmentType');
    expect(await page.getByLabel('列「所属」の項目').inputValue()).toBe('unitCode');
    // 班長 is not in the table: listed with where it appears, and the dry run refuses both its lines.
    const alert = page.locator('.error-box[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('2行に誤りがあります');
    expect(await alert.textContent()).toContain('職位「班長」は対応表にありません');
    expect(await page.locator('.unknown-labels').textContent()).toContain('2件（3行目〜）');
    await shot(page, 'roster-import-01-unknown-label');
    const bad = await axeViolations(page);
    expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);

    await page.getByLabel('「班長」のコード').selectOption('chief');
    await page.getByText('誤りはありません：新規 3人、更新 0人。').waitFor();
    expect(await staff()).toEqual({});
    expect(await page.getByLabel(/この市の対応表に保存/).isChecked()).toBe(true);
    await page.getByRole('button', { name: '3人を取り込む' }).click();
    await page.getByText('取り込みました：新規 3人、更新 0人。').waitFor();

    const s = await staff();
    expect(s.S001).toMatchObject({ name: '会津 太郎', jobLevel: 'staff', employmentType: 'regular' });
    expect(s.S002).toMatchObject({ unitCode: 'KIKAKU', jobLevel: 'chief', employmentType: 'fiscal_year' });
    expect(s.S003).toMatchObject({ jobLevel: 'chief', employmentType: 'reappointed' });
    expect((await admin.get('/api/roster/labels')).json.city.jobLevel).toEqual({ 班長: 'chief' });
  }, 60_000);

  it('imports an .xlsx workbook after choosing the field of a column it does not recognise', async () => {
    const header = ['番号', '氏名', 'メールアドレス', '所属コード', '職位', '任用形態'];
    const rows: RosterLine[] = [
      ['S003', '白虎 次郎', 'jiro@example.jp', 'HQ', '課長', '正規'],
      ['S004', '磐梯 三郎', '', 'KIKAKU', '班長', '任期付'],
    ];
    await fileInput().setInputFiles({
      name: '職員名簿.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await xlsxRoster(rows, header),
    });
    const detected = page.getByTestId('roster-detected');
    await page.getByText('職員名簿.xlsx：形式 Excel (.xlsx)').waitFor();
    expect(await detected.textContent()).toContain('職員 2行');
    const numberColumn = page.getByLabel('列「番号」の項目');
    expect(await numberColumn.inputValue()).toBe('');
    await page
      .locator('.error-box[role="alert"]')
      .getByText(/必要な列がありません: staffNo/)
      .waitFor();

    await numberColumn.selectOption('staffNo');
    // 班長 now comes from the city's table: nothing left to map.
    await page.getByText('誤りはありません：新規 1人、更新 1人。').waitFor();
    expect(await page.locator('.unknown-labels').count()).toBe(0);
    await shot(page, 'roster-import-02-xlsx-mapped');
    await page.getByRole('button', { name: '2人を取り込む' }).click();
    await page.getByText('取り込みました：新規 1人、更新 1人。').waitFor();
    const s = await staff();
    expect(s.S003).toMatchObject({ email: 'jiro@example.jp', jobLevel: 'manager' });
    expect(s.S004).toMatchObject({ jobLevel: 'chief', employmentType: 'fixed_term' });
    expect(Object.keys(s)).toHaveLength(4);
    expect(errors).toEqual([]);
  }, 60_000);
});
