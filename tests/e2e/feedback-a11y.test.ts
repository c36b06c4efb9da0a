import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushPosts } from '../../functions/services/post-buffer';
import { fiscalYearOf } from '../../shared/time/fiscal-year';
import { type AxeViolation, axeProblems, launchChromium, phonePage, shot } from '../support/answer';
import { client, custodian, startTestServer, type TestServer } from '../support/server';

/**
 * axe-core in Chromium on every staff feedback page — code entry, redeem
 * (both languages, and with a failure showing), home, writing a post (empty,
 * with its errors, under a name), the confirmation, my posts, a thread with
 * HR's replies, the board (both languages, and empty), and the problem
 * pages — finds no serious or critical violation. Also the basics axe cannot
 * check: the page language, one main landmark and one h1, tap targets of at
 * least 44 px, and no sideways scrolling at 390 px.
 */

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let codes: Array<{ code: string; url: string }>;

const FY = fiscalYearOf(new Date());

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  admin = client(server.baseUrl);
  await admin.login();
  expect(
    (await admin.post('/api/units', { code: 'ED', name: { ja: '教育総務課', en: 'Education Affairs' } }))
      .status,
  ).toBe(201);
  const roster = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  // A feedback key group needs k_sensitive (10) people.
  for (let i = 1; i <= 10; i++) roster.push(`A${i},職員 ${i},a${i}@example.jp,ED,staff,regular`);
  expect(
    (await admin.post('/api/staff/import', roster.join('\n'), { 'content-type': 'text/csv' })).status,
  ).toBe(200);
  codes = (await (await custodian(admin)).post('/api/feedback/codes', { fiscalYear: FY })).json.codes;
  expect(codes).toHaveLength(10);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const found: Record<string, AxeViolation[]> = {};
const checked: string[] = [];

async function audit(page: Page, name: string) {
  await page.locator('h1').waitFor();
  found[name] = await axeProblems(page);
  checked.push(name);
  const basics = await page.evaluate(() => {
    const targets = 'button, .choice, input[type="text"], textarea, select, nav a, a.button, summary';
    const small = [...document.querySelectorAll<HTMLElement>(targets)]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(
        ({ el, box }) => `${el.tagName}.${el.className} ${Math.round(box.width)}×${Math.round(box.height)}`,
      );
    return {
      lang: document.documentElement.lang,
      mains: document.querySelectorAll('main').length,
      h1s: document.querySelectorAll('h1').length,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      small,
    };
  });
  expect(basics.lang, name).toMatch(/^(ja|en)$/);
  expect(basics.mains, name).toBe(1);
  expect(basics.h1s, name).toBe(1);
  expect(basics.overflow, name).toBeLessThanOrEqual(0);
  expect(basics.small, name).toEqual([]);
  await shot(page, 'feedback-a11y', name);
}

const h1 = (page: Page) => page.locator('h1').textContent();

describe('accessibility of the staff feedback pages', () => {
  it('has no serious or critical axe violation on any page', async () => {
    const { context, page } = await phonePage(browser, { forAxe: true });
    const base = server.baseUrl;

    // Typing a code, empty and with an error; an unknown link.
    await page.goto(`${base}/feedback/`);
    await audit(page, 'entry');
    await page.locator('#code').fill('ABCD');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('#code-error').waitFor();
    await audit(page, 'entry-error');
    await page.goto(`${base}/feedback/#${FY}/ZZZZZZZZZZZZZZZZZZZZZZZZZZ`);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('このリンクは使えません');
    await audit(page, 'error-unknown-link');

    // Redeem, in both languages, and with a failure showing.
    await page.goto(codes[0]!.url);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('職員提案・意見箱');
    await audit(page, 'redeem');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Staff feedback');
    await audit(page, 'redeem-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.route('**/api/public/feedback/redeem', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await page.locator('#notice', { hasText: '通信できませんでした' }).waitFor();
    await audit(page, 'redeem-network-error');
    await page.unroute('**/api/public/feedback/redeem');
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await page.locator('#tokens-left').waitFor();
    await audit(page, 'home');
    await page.locator('details.anon summary').click();
    await audit(page, 'home-how-it-works');

    // Writing: empty, with every error, under a name; then the confirmation.
    await page.getByRole('link', { name: '新しく投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('新しく投稿する');
    await audit(page, 'compose');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await page.locator('#body-error').waitFor();
    await audit(page, 'compose-errors');
    await page.locator('input[name="kind"][value="question"]').check();
    await page.locator('input[name="pillar"][value="personnel"]').check();
    await page.locator('#title').fill('人事評価の面談はいつですか');
    await page.locator('#body').fill('面談の時期と、準備しておくことを教えてください。');
    await page.locator('#named').check();
    await audit(page, 'compose-named');
    await page.locator('#named').uncheck();
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    await audit(page, 'sent');

    // The post waits for its shuffled batch (A2); write it, then HR answers (over the API); my posts and the thread show it.
    await flushPosts(server.runtime.store);
    const post = (await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json[0];
    await admin.post(`/api/feedback/posts/${post.id}/notes`, { body: '内部メモ' });
    await admin.post(`/api/feedback/posts/${post.id}/replies`, { body: '6月に行います。', public: true });
    await admin.post(`/api/feedback/posts/${post.id}/replies`, {
      body: '個別にご案内します。',
      public: false,
    });
    await admin.call('PATCH', `/api/feedback/posts/${post.id}`, { status: 'done', published: true });
    await page.getByRole('navigation').getByRole('link', { name: 'わたしの投稿' }).click();
    await page.locator('.card .status', { hasText: '対応済' }).waitFor();
    await audit(page, 'my-posts');
    await page.getByRole('link', { name: '人事評価の面談はいつですか' }).click();
    await page.locator('.messages').waitFor();
    await audit(page, 'thread');
    await page.getByRole('button', { name: '書き足して送る' }).click();
    await page.locator('#add-error').waitFor();
    await audit(page, 'thread-error');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('.messages .tag').first().textContent()).toBe('also on the board');
    await audit(page, 'thread-english');
    await page.getByRole('button', { name: '日本語' }).click();

    // The board, with and without results, in both languages.
    await page.getByRole('navigation').getByRole('link', { name: '掲示板' }).click();
    await page.locator('.card').waitFor();
    await audit(page, 'board');
    await page.locator('#filter-status').selectOption('declined');
    await expect.poll(() => page.locator('p.count').textContent()).toBe('該当する投稿はありません。');
    await audit(page, 'board-empty');
    await page.locator('#filter-status').selectOption('');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Board');
    await page.locator('.card').waitFor();
    await audit(page, 'board-english');
    await page.getByRole('button', { name: '日本語' }).click();

    // No token left.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('koe:feedback:'))!;
      const w = JSON.parse(localStorage.getItem(key)!);
      for (const t of w.tokens) t.spent = true;
      localStorage.setItem(key, JSON.stringify(w));
    });
    await page.goto(`${codes[0]!.url}/new`);
    await page.reload();
    await page.locator('#notice', { hasText: 'トークンが残っていません' }).waitFor();
    await audit(page, 'no-tokens');

    // The code, opened in another browser.
    const other = await phonePage(browser, { forAxe: true });
    await other.page.goto(codes[0]!.url);
    await other.page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect.poll(() => h1(other.page)).toBe('このコードは、別の端末かブラウザで使われています');
    await audit(other.page, 'error-code-used');

    const serious = Object.entries(found).filter(([, v]) => v.length > 0);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    expect(checked).toHaveLength(21);
    await other.context.close();
    await context.close();
  }, 180_000);
});
