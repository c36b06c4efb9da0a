import type { Browser, Page } from 'playwright-core';
import { flushPosts } from '../../functions/services/post-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf } from '../../shared/time/fiscal-year';
import { launchChromium, phonePage, shot } from '../support/answer';
import { client, custodian, startTestServer, type TestServer } from '../support/server';

/**
 * Year-round feedback from a staff member's phone (real Chromium, 390×844),
 * with HR's side done over the API: HR makes the yearly codes; the staff
 * member opens the link, reads how anonymity works, redeems a batch of 12
 * blind tokens, and posts a proposal anonymously; HR triages it (status,
 * internal note, replies, publish); the staff member reads the replies with
 * the post's receipt and adds to the thread; the board, opened without any
 * code, shows the post and the public reply and nothing else.
 */

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let codes: Array<{ staffNo: string; unitCode: string; code: string; url: string }>;

const FY = fiscalYearOf(new Date());
const TITLE = '職場ミーティングを毎週15分行う';
const BODY =
  '係ごとに毎週15分、困りごとを出し合うミーティングを提案します。\n小さな改善が早く進むと思います。';
const NOTE = '内部メモ：総務課と日程を調整中（職員には見せない）';
const PRIVATE_REPLY = 'ご提案ありがとうございます。対象の係について、もう少し教えてください。';
const PUBLIC_REPLY = '来年度から全庁で試行することにしました。';
const ADDED = '対象はまず窓口の係を想定しています。';

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  admin = client(server.baseUrl);
  await admin.login();
  for (const unit of [
    { code: 'HQ', name: { ja: '本庁', en: 'City hall' } },
    { code: 'HR', name: { ja: '人事課', en: 'Personnel Division' }, parentCode: 'HQ' },
  ]) {
    expect((await admin.post('/api/units', unit)).status).toBe(201);
  }
  const roster = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  // A feedback key group needs k_sensitive (10) people.
  for (let i = 1; i <= 10; i++) roster.push(`S${i},職員 ${i},s${i}@example.jp,HR,staff,regular`);
  expect(
    (await admin.post('/api/staff/import', roster.join('\n'), { 'content-type': 'text/csv' })).status,
  ).toBe(200);
  const res = await (await custodian(admin)).post('/api/feedback/codes', { fiscalYear: FY });
  expect(res.status).toBe(200);
  codes = res.json.codes;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = (page: Page) => page.locator('h1').textContent();
const text = (page: Page) => page.locator('main').textContent();

/** The one wallet this browser keeps, read from localStorage. */
async function storedWallet(page: Page) {
  const all = await page.evaluate(() => ({ ...localStorage }));
  const keys = Object.keys(all).filter((k) => k.startsWith('koe:feedback:'));
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(new RegExp(`^koe:feedback:${FY}:[A-Za-z0-9_-]{22}$`));
  return { raw: JSON.stringify(all), wallet: JSON.parse(all[keys[0]!]!) };
}

describe('staff feedback, end to end', () => {
  it('redeems, posts anonymously, reads HR’s replies with the receipt, and the board shows only what is public', async () => {
    // The local front door serves the page at /feedback/, as it does /answer/.
    const bare = await fetch(`${server.baseUrl}/feedback`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/feedback/');

    const { context, page, errors } = await phonePage(browser);
    const code = codes[0]!.code.replace(/-/g, '');
    expect(codes[0]!.url).toBe(`${server.baseUrl}/feedback/#${FY}/${code}`);
    const sent: Record<'redeem' | 'posts', Array<Record<string, any>>> = { redeem: [], posts: [] };
    page.on('request', (r) => {
      const name = r.url().split('/api/public/feedback/')[1];
      if (name === 'redeem' || name === 'posts') sent[name].push(JSON.parse(r.postData() ?? '{}'));
    });

    // The link: what this is and how anonymity works, before any token exists.
    await page.goto(codes[0]!.url);
    await expect.poll(() => h1(page)).toBe('職員提案・意見箱');
    const intro = (await text(page))!;
    for (const words of [
      '所属のグループ：人事課',
      '12個の「トークン」',
      'ブラインド化',
      'コードは付きません',
      '受付証',
      '氏名・職員番号',
      'IPアドレス',
      '記録するのは日付だけです',
      '「名前を出して投稿する」を選んだ場合だけ',
      // The plan is named as stored (the feedback key API), never a fixed name.
      '「会津若松市人材育成推進プラン（令和5年度～令和9年度）」の取組の一つです',
    ])
      expect(intro).toContain(words);
    expect(intro).not.toContain('人材育成基本計画');
    expect(sent.redeem).toHaveLength(0);
    await shot(page, 'feedback', '01-redeem');

    // Redeem: 12 blinded messages in one request; 12 finished tokens kept, never the code.
    await page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect
      .poll(() => page.locator('#tokens-left').textContent())
      .toBe('残りのトークン：12個（全12個）');
    expect(sent.redeem).toHaveLength(1);
    expect(sent.redeem[0]!.code).toBe(code);
    expect(sent.redeem[0]!.blindedMessages).toHaveLength(12);
    let stored = await storedWallet(page);
    expect(stored.wallet.tokens).toHaveLength(12);
    expect(stored.wallet.batch).toBeUndefined();
    expect(stored.raw).not.toContain(code);
    await shot(page, 'feedback', '02-home');

    // Coming back: the tokens are in this browser, nothing is redeemed again.
    await page.reload();
    await expect
      .poll(() => page.locator('#tokens-left').textContent())
      .toBe('残りのトークン：12個（全12個）');
    expect(sent.redeem).toHaveLength(1);

    // Write a proposal.
    await page.getByRole('link', { name: '新しく投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('新しく投稿する');
    expect(await text(page)).toContain('残り12個');
    // The area is a plain, optional question, left to HR unless the poster picks one.
    expect(await page.locator('#pillar legend').textContent()).toBe(
      'どの分野の話ですか？（わからなければ人事課が選びます）',
    );
    expect(await page.locator('input[name="pillar"][value="unsure"]').isChecked()).toBe(true);
    await page.locator('input[name="kind"][value="proposal"]').check();
    await page.locator('input[name="pillar"][value="culture"]').check();
    await page.locator('#title').fill(TITLE);
    expect(await page.locator('#title-count').textContent()).toBe(`${TITLE.length} / 120文字`);
    // Enter in the title never sends the post.
    await page.locator('#title').press('Enter');
    await page.locator('#body').fill(BODY);
    expect(await page.locator('#body-count').textContent()).toBe(`${BODY.length} / 4000文字`);
    expect(sent.posts).toHaveLength(0);
    // The draft survives a closed tab.
    await page.reload();
    await expect.poll(() => page.locator('#body').inputValue()).toBe(BODY);
    expect(await page.locator('input[name="pillar"][value="culture"]').isChecked()).toBe(true);
    await shot(page, 'feedback', '03-compose');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    expect(await page.locator('main .tokens-left').textContent()).toBe('残りのトークン：11個（全12個）');
    expect(await text(page)).toContain(`「${TITLE}」`);
    await shot(page, 'feedback', '04-sent');

    // What travelled: one token and signature, no code, no name.
    expect(sent.posts).toHaveLength(1);
    const request = sent.posts[0]!;
    expect(Object.keys(request).sort()).toEqual(
      ['body', 'fiscalYear', 'keyId', 'kind', 'pillarId', 'signature', 'title', 'token'].sort(),
    );
    expect(JSON.stringify(request)).not.toContain(code);
    stored = await storedWallet(page);
    expect(stored.wallet.tokens.filter((t: { spent?: boolean }) => t.spent)).toHaveLength(1);
    expect(stored.wallet.tokens.find((t: { spent?: boolean }) => t.spent).token).toBe(request.token);

    // HR sees the post once the batch holding it is written (A2), and triages it.
    expect((await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json).toHaveLength(0);
    await flushPosts(server.runtime.store);
    const list = await admin.get(`/api/feedback/posts?fiscalYear=${FY}`);
    expect(list.json).toHaveLength(1);
    const post = list.json[0];
    expect(post).toMatchObject({ title: TITLE, body: BODY, kind: 'proposal', pillarId: 'culture' });
    expect(post.displayName).toBeNull();
    expect(stored.wallet.posts).toEqual([
      expect.objectContaining({ postId: post.id, receipt: request.token, title: TITLE, day: post.day }),
    ]);
    const patch = (change: object) => admin.call('PATCH', `/api/feedback/posts/${post.id}`, change);
    expect((await patch({ status: 'reviewing' })).status).toBe(200);
    expect((await admin.post(`/api/feedback/posts/${post.id}/notes`, { body: NOTE })).status).toBe(201);
    expect(
      (await admin.post(`/api/feedback/posts/${post.id}/replies`, { body: PRIVATE_REPLY, public: false }))
        .status,
    ).toBe(201);
    expect(
      (await admin.post(`/api/feedback/posts/${post.id}/replies`, { body: PUBLIC_REPLY, public: true }))
        .status,
    ).toBe(201);
    expect((await patch({ status: 'adopted', published: true })).json).toMatchObject({
      status: 'adopted',
      published: true,
    });

    // The staff member's posts: status and new replies, fetched with the receipt.
    await page.getByRole('navigation').getByRole('link', { name: 'わたしの投稿' }).click();
    await expect.poll(() => h1(page)).toBe('わたしの投稿');
    const card = page.locator('.card', { hasText: TITLE });
    await expect.poll(() => card.locator('.status').textContent()).toBe('状況：採用');
    expect(await card.locator('.badge').textContent()).toBe('新しい返信 2件');
    await shot(page, 'feedback', '05-my-posts');

    // The thread: both of HR's replies, marked public or private; never the internal note.
    await card.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.locator('.messages .message').count()).toBe(2);
    expect(await h1(page)).toBe(TITLE);
    const thread = (await text(page))!;
    expect(thread).toContain(PRIVATE_REPLY);
    expect(thread).toContain(PUBLIC_REPLY);
    expect(thread).not.toContain(NOTE);
    expect(thread).toContain('この投稿は掲示板に公開されています。');
    expect(await page.locator('.message', { hasText: PRIVATE_REPLY }).locator('.tag').textContent()).toBe(
      'あなただけに表示',
    );
    expect(await page.locator('.message', { hasText: PUBLIC_REPLY }).locator('.tag').textContent()).toBe(
      '掲示板にも公開',
    );
    await shot(page, 'feedback', '06-thread');

    // Add to the thread: no token is spent.
    await page.locator('#add').fill(ADDED);
    await page.getByRole('button', { name: '書き足して送る' }).click();
    await expect.poll(() => page.locator('.messages .message').count()).toBe(3);
    expect(await page.locator('.message.mine').textContent()).toContain(ADDED);
    expect(await page.locator('.add [role="status"]').textContent()).toBe('送りました。');
    expect(await page.locator('#add').inputValue()).toBe('');
    await shot(page, 'feedback', '07-thread-added');
    const after = await admin.get(`/api/feedback/posts?fiscalYear=${FY}`);
    expect(after.json[0].messages.at(-1)).toMatchObject({ from: 'poster', body: ADDED });
    expect(
      (await storedWallet(page)).wallet.tokens.filter((t: { spent?: boolean }) => !t.spent),
    ).toHaveLength(11);
    // Read: the badge is gone.
    await page.getByRole('link', { name: 'わたしの投稿に戻る' }).click();
    await expect.poll(() => card.locator('.badge').textContent()).toBe('人事課からの返信 2件');

    // The board, in another browser with no code at all.
    const other = await phonePage(browser);
    await other.page.goto(`${server.baseUrl}/feedback/#board`);
    await expect.poll(() => h1(other.page)).toBe('掲示板');
    const boardCard = other.page.locator('.card', { hasText: TITLE });
    await boardCard.waitFor();
    const board = (await text(other.page))!;
    expect(board).toContain(BODY.split('\n')[0]);
    expect(board).toContain(PUBLIC_REPLY);
    for (const hidden of [NOTE, PRIVATE_REPLY, ADDED]) expect(board).not.toContain(hidden);
    expect(await boardCard.locator('.meta').textContent()).toContain('投稿者：匿名');
    expect(await boardCard.locator('.status').textContent()).toBe('状況：採用');
    expect(await other.page.locator('p.count').textContent()).toBe('1件の投稿');
    await shot(other.page, 'feedback', '08-board');

    // Filters by pillar and status.
    await other.page.locator('#filter-pillar').selectOption('training');
    await expect.poll(() => other.page.locator('p.count').textContent()).toBe('該当する投稿はありません。');
    expect(await other.page.locator('.card').count()).toBe(0);
    await other.page.locator('#filter-pillar').selectOption('culture');
    await expect.poll(() => other.page.locator('.card').count()).toBe(1);
    await other.page.locator('#filter-status').selectOption('declined');
    await expect.poll(() => other.page.locator('.card').count()).toBe(0);
    await other.page.locator('#filter-status').selectOption('adopted');
    await expect.poll(() => other.page.locator('.card').count()).toBe(1);

    // In English.
    await other.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(other.page)).toBe('Board');
    expect(await other.page.evaluate(() => document.documentElement.lang)).toBe('en');
    const english = (await text(other.page))!;
    for (const words of [
      'Proposal',
      'Atmosphere and openness at work',
      'Posted by: Anonymous',
      'HR’s answer',
      '1 post',
    ])
      expect(english).toContain(words);
    expect(await boardCard.locator('.status').textContent()).toBe('Status: Adopted');
    await shot(other.page, 'feedback', '09-board-english');

    // The staff member's board view keeps the menu back to their own pages.
    await page.getByRole('navigation').getByRole('link', { name: '掲示板' }).click();
    await expect.poll(() => h1(page)).toBe('掲示板');
    await page.locator('.card', { hasText: PUBLIC_REPLY }).waitFor();
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'トップ' }).getAttribute('href'),
    ).toBe(`#${FY}/${code}`);

    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await other.context.close();
    await context.close();
  }, 180_000);

  it('moves the year’s tokens to another device with a transfer code, once', async () => {
    const a = await phonePage(browser);
    await a.page.goto(codes[1]!.url);
    await a.page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect
      .poll(() => a.page.locator('#tokens-left').textContent())
      .toBe('残りのトークン：12個（全12個）');
    await a.page.getByRole('button', { name: '引き継ぎコードを作る' }).click();
    const move = (await a.page.locator('#move-code').textContent({ timeout: 10_000 }))!;
    expect(move).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    await shot(a.page, 'feedback', '12-transfer-code');

    // The survey page finds nothing under a feedback box's code (the kind is part of the box id),
    // and does not use it up.
    const wrong = await phonePage(browser);
    await wrong.page.goto(`${server.baseUrl}/answer/`);
    await wrong.page.locator('#code').fill(move);
    await wrong.page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => wrong.page.locator('#code-error').textContent()).toContain('1回だけ');

    // Device B: the code typed by hand on the feedback page's code entry; no code is redeemed again.
    const b = await phonePage(browser);
    const redeemed: string[] = [];
    b.page.on('request', (r) => {
      if (r.url().endsWith('/api/public/feedback/redeem')) redeemed.push(r.method());
    });
    await b.page.goto(`${server.baseUrl}/feedback/#code`);
    await b.page.locator('#code').fill(move.toLowerCase());
    await b.page.getByRole('button', { name: '次へ' }).click();
    await expect
      .poll(() => b.page.locator('#tokens-left').textContent(), { timeout: 10_000 })
      .toBe('残りのトークン：12個（全12個）');
    expect(redeemed).toEqual([]);
    expect(await b.page.evaluate(() => location.hash)).toBe(`#${FY}/${codes[1]!.code.replace(/-/g, '')}`);

    // Taken once: a third device gets the error at the field.
    const c = await phonePage(browser);
    await c.page.goto(`${server.baseUrl}/feedback/#code`);
    await c.page.locator('#code').fill(move);
    await c.page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => c.page.locator('#code-error').textContent()).toContain('1回だけ');

    for (const device of [a, wrong, b, c]) {
      expect(device.errors).toEqual([]);
      await device.context.close();
    }
  }, 90_000);
});
