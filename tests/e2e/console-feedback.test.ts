import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { flushPosts } from '../../functions/services/post-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiscalYearOf, jstDay, warekiLabel } from '../../shared/time/fiscal-year';
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
import { type FeedbackToken, feedbackClient } from '../support/feedback-client';
import { CUSTODIAN, type client, custodian, type TestServer } from '../support/server';

/**
 * The HR side of the staff feedback box in Chromium, on the demo data
 * (FY2023–FY2026 feedback; surveys at a small scale): the code custodian has
 * the year's feedback codes e-mailed and prints A4 QR slips (also with the
 * survey invitation), while the admin reaches no code; a staff member redeems a code and posts a proposal
 * anonymously over the API; HR triages it on the board (status, unit,
 * internal note, private and public replies, publish) and meets a concurrent
 * edit; the staff member reads the replies with the receipt, and the board
 * shows the post without notes or private replies; the dashboard shows the
 * feedback indicators; analysts read, managers see none of it; English; and
 * axe-core. Screenshots go to test-results/console/feedback-*.png.
 */

const SCALE = Number(process.env.KOE_CONSOLE_FEEDBACK_SCALE ?? 0.05);
const FY = fiscalYearOf(new Date());
const TITLE = '会議資料をペーパーレスにする';
const BODY = '毎週の課内会議の資料を紙で配っています。\n共有フォルダで配れば印刷の手間が減ると思います。';
const NOTE = '内部メモ：情報政策課にタブレットの台数を確認中';
const OTHER_NOTE = '内部メモ：同時に別の担当者が追記';
const PRIVATE_REPLY = 'ご提案ありがとうございます。対象の会議を教えてください。';
const PUBLIC_REPLY = '来月から課内会議の資料を共有フォルダで配ることにしました。';
const ADDED = '窓口のある係の会議から始めるとよいと思います。';
const ANALYST = { email: 'analyst@example.jp', password: 'analyst passphrase long' };
const MANAGER = { email: 'manager@example.jp', password: 'manager passphrase long', unit: 'WEL' };
const STATUSES = ['受付', '検討中', '採用', '見送り', '対応済'];

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let flow: { context: BrowserContext; page: Page; errors: string[] };
let csv: string[][] = [];
let tokens: FeedbackToken[] = [];
let postId = '';

beforeAll(async () => {
  const started = Date.now();
  [server, browser] = await Promise.all([startConsoleServer(SCALE), launchConsoleBrowser()]);
  console.log(
    `console feedback e2e: demo data (scale ${SCALE}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  admin = await adminClient(server);
  flow = await consolePage(browser);
}, 300_000);

afterAll(async () => {
  await flow?.context.close();
  await browser?.close();
  await server?.close();
});

const url = (p: string) => `${server.baseUrl}/console${p}`;
const nav = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });
const main = (page: Page) => page.locator('main');

const post = async () =>
  ((await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json as any[]).find((p) => p.id === postId);

describe('HR console: the staff feedback box', () => {
  it('the custodian e-mails the year’s feedback codes and prints A4 QR slips; the admin reaches none', async () => {
    // The admin's console has no code page (DESIGN §3, A5).
    await signIn(flow.page, server.baseUrl);
    expect(await nav(flow.page).getByRole('link').allTextContents()).not.toContain('提案コード');
    await flow.page.goto(url('/feedback/codes'));
    await flow.page.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();

    const keeper = await custodian(admin);
    const c = await consolePage(browser);
    const page = c.page;
    try {
      await signIn(page, server.baseUrl, CUSTODIAN.email, CUSTODIAN.password);
      const links = await nav(page).getByRole('link').allTextContents();
      expect(links).toContain('提案コード');
      expect(links).not.toContain('職員提案');
      await nav(page).getByRole('link', { name: '提案コード' }).click();
      await page.getByRole('heading', { level: 1, name: '職員提案コードの配付' }).waitFor();
      expect(await nav(page).getByRole('link', { name: '提案コード' }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(await page.getByLabel('発行する年度').inputValue()).toBe(String(FY));
      await page.getByRole('button', { name: `${warekiLabel(FY)}（FY${FY}）のコードをメールで送信` }).click();
      await page
        .getByRole('dialog', { name: '提案コードをメールで送信しますか？' })
        .getByRole('button', { name: '送信する' })
        .click();
      const status = page.getByRole('status').filter({ hasText: '人に送信しました' });
      await status.waitFor();

      const staff = (await admin.get('/api/staff')).json as Array<{
        staffNo: string;
        email: string;
        unitCode: string;
      }>;
      const noEmail = staff.filter((s) => !s.email);
      expect(await status.textContent()).toContain(
        `${(staff.length - noEmail.length).toLocaleString('ja-JP')}人に送信しました`,
      );
      expect(await status.textContent()).toContain(`メールアドレスのない職員 ${noEmail.length}人`);
      await shot(page, 'feedback-codes');
      // The same codes as the custodian's API gives; kept for the staff member below.
      const codes = (await keeper.post('/api/feedback/codes', { fiscalYear: FY })).json.codes as Array<{
        staffNo: string;
        unitCode: string;
        code: string;
        url: string;
      }>;
      expect(codes).toHaveLength(staff.length);
      csv = [
        ['staffNo', 'name', 'email', 'unitCode', 'unitName', 'fiscalYear', 'code', 'url'],
        ...codes.map((x) => [x.staffNo, '', '', x.unitCode, '', String(FY), x.code, x.url]),
      ];
      const byStaff = new Map(codes.map((x) => [x.staffNo, x]));

      // Slips: for staff without e-mail, eight to an A4 sheet, a new sheet for each unit under its name.
      await page.getByRole('link', { name: '紙のコード票（QR）を印刷' }).click();
      await page.getByRole('heading', { level: 1, name: '職員提案コードの案内票' }).waitFor();
      await page.locator('article.slip').first().waitFor();
      expect(await page.locator('article.slip').count()).toBe(noEmail.length);
      const noEmailUnits = noEmail.map((s) => s.unitCode);
      expect(new Set(noEmailUnits).size).toBeGreaterThan(1);
      expect(await page.locator('section.sheet').count()).toBe(sheetsByUnit(noEmailUnits, 8));
      expectSheetsByUnit(await sheetUnits(page));
      const someone = noEmail[0]!.staffNo;
      const slip = page.locator('article.slip', { hasText: someone });
      expect((await slip.locator('.slip-code').textContent())?.replace(/\u200b/g, '')).toBe(
        byStaff.get(someone)?.code,
      );
      // The short address to type (the feedback page asks for the code); the QR code carries the full link.
      const link = byStaff.get(someone)!.url;
      expect(link).toMatch(/\/feedback\/#/);
      expect(await slip.locator('.slip-url').textContent()).toBe(`${new URL(link).origin}/feedback/`);
      expect(await slip.locator('svg.qr path').getAttribute('d')).toBe(qrPath(link));
      expect(await slip.locator('.slip-title').textContent()).toContain('職員提案・意見箱');
      expect(await slip.locator('svg.qr').getAttribute('role')).toBe('img');
      expect(await slip.locator('svg.qr').getAttribute('aria-label')).toBe('職員提案・意見箱を開くQRコード');
      expect(await slip.locator('svg.qr path').getAttribute('d')).toMatch(/^M\d+,\d+h1v1h-1z/);
      await shot(page, 'feedback-slips');
      await page
        .locator('section.sheet')
        .first()
        .screenshot({ path: path.join(CONSOLE_ARTIFACTS, 'feedback-slips-sheet.png') });

      // The same slip can carry the year's survey invitation too: four to a sheet.
      const campaigns = (await admin.get('/api/campaigns')).json as Array<{
        id: string;
        fiscalYear: number;
        status: string;
        title: { ja: string };
      }>;
      const open = campaigns.find((x) => x.status === 'open' && x.fiscalYear === FY)!;
      expect(open).toBeDefined();
      const invitations = (await keeper.post(`/api/campaigns/${open.id}/invitations`)).json
        .invitations as Array<{
        staffNo: string;
        code: string;
      }>;
      await page.getByLabel('調査の招待も同じ案内票に載せる').selectOption(open.id);
      await expect.poll(() => page.locator('article.slip.slip-double').count()).toBe(noEmail.length);
      expect(await page.locator('section.sheet').count()).toBe(sheetsByUnit(noEmailUnits, 4));
      expectSheetsByUnit(await sheetUnits(page));
      const both = page.locator('article.slip', { hasText: someone });
      expect(await both.locator('svg.qr').count()).toBe(2);
      const shown = (await both.locator('.slip-code').allTextContents()).map((x) => x.replace(/\u200b/g, ''));
      expect(shown).toEqual([
        invitations.find((i) => i.staffNo === someone)?.code,
        byStaff.get(someone)?.code,
      ]);
      expect(await both.locator('.slip-title').first().textContent()).toBe(open.title.ja);
      expect(await page.getByRole('status').textContent()).toContain(
        `A4 ${sheetsByUnit(noEmailUnits, 4)}ページ`,
      );
      await shot(page, 'feedback-slips-with-survey');
      await page
        .locator('section.sheet')
        .first()
        .screenshot({ path: path.join(CONSOLE_ARTIFACTS, 'feedback-slips-with-survey-sheet.png') });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('.filters').isVisible()).toBe(false);
      expect(await both.isVisible()).toBe(true);
      const pdf = path.join(CONSOLE_ARTIFACTS, 'feedback-slips.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });
      expect(c.errors).toEqual([]);
    } finally {
      await c.context.close();
    }
  }, 120_000);

  it('lets a staff member post a proposal anonymously with their code (over the API)', async () => {
    // Someone in the taxation division, from the CSV HR just downloaded.
    const row = csv.slice(1).find((r) => r[3] === 'CIT-TAX')!;
    const device = feedbackClient(server.baseUrl);
    tokens = await device.redeem(row[6]!, 2);
    expect(tokens).toHaveLength(2);
    const sent = await device.send(tokens[0]!, {
      kind: 'proposal',
      pillarId: 'culture',
      title: TITLE,
      body: BODY,
    });
    // Held for the next shuffled batch (A2); HR's triage sees it once the batch is written.
    expect(sent.status).toBe(202);
    postId = sent.body.postId;
    await flushPosts(server.runtime.store);
    expect(postId).toMatch(new RegExp(`^${FY}-`));
  }, 60_000);

  it('triages the post on the board: status, unit, internal note, private and public replies, publish', async () => {
    const { page } = flow;
    await nav(page).getByRole('link', { name: '職員提案', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '職員提案・意見の対応' }).waitFor();
    const columns = page.locator('section.board-column');
    await expect.poll(() => columns.count()).toBe(5);
    const headings = await columns.locator('h2').allTextContents();
    for (const [i, s] of STATUSES.entries()) expect(headings[i]).toContain(s);
    const all = (await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json as any[];
    expect(all.length).toBeGreaterThan(1);
    expect(await page.locator('.board-count').textContent()).toContain(`${all.length}件`);
    for (const [i, status] of ['received', 'reviewing', 'adopted', 'declined', 'done'].entries()) {
      const n = all.filter((p) => p.status === status).length;
      expect(headings[i]).toContain(`${n}件`);
      expect(await columns.nth(i).locator('li.post-card').count()).toBe(n);
    }
    const card = page.locator(`section.column-received li.post-card[data-post-id="${postId}"]`);
    expect(await card.locator('.post-card-title').textContent()).toBe(TITLE);
    expect(await card.textContent()).toContain('未返信');

    // Filter by pillar and kind: only culture proposals remain, and the address keeps the filter.
    await page.getByLabel(/^柱/).selectOption('culture');
    await page.getByLabel(/^種類/).selectOption('proposal');
    await page.waitForURL(/pillar=culture&kind=proposal/);
    const wanted = all.filter((p) => p.pillarId === 'culture' && p.kind === 'proposal');
    await expect.poll(() => page.locator('li.post-card').count()).toBe(wanted.length);
    for (const meta of await page.locator('li.post-card .post-card-meta').allTextContents()) {
      expect(meta).toContain('組織文化');
      expect(meta).toContain('提案');
    }
    expect(await page.locator('.board-count').textContent()).toContain(`${wanted.length}件を表示`);
    await shot(page, 'feedback-board');

    await card.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('.post-body').textContent()).toBe(BODY);
    const facts = page.locator('dl.facts');
    expect(await facts.textContent()).toContain('匿名');
    expect(await facts.textContent()).toContain('未割当');
    // The poster's unit is nowhere on the page's account of the post.
    for (const part of ['dl.facts', '.post-body', 'section.notes-panel', '.post-section'])
      for (const text of await page.locator(part).allTextContents()) expect(text).not.toContain('税務課');
    expect(await page.locator('main').textContent()).toContain('まだ返信はありません');

    // A reply needs an explicit choice of who may read it.
    // The server dates the first reply by its clock; a run over midnight JST may see either day.
    const replyDays = [jstDay()];
    await page.getByLabel('返信の本文').fill(PRIVATE_REPLY);
    await page.getByRole('button', { name: '返信する', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('返信の公開範囲を選んでください');
    expect((await post()).messages).toHaveLength(0);

    await page.getByLabel(/^状態/).selectOption('reviewing');
    await page.getByRole('button', { name: '状態を変更' }).click();
    await page.getByText('状態を「検討中」にしました。').waitFor();
    expect((await post()).status).toBe('reviewing');
    await page.getByLabel('担当所属').selectOption('GEN-HR');
    await page.getByRole('button', { name: '担当を保存' }).click();
    await page.getByText('担当所属を保存しました。').waitFor();
    expect(await facts.textContent()).toContain('人事課');
    // HR can set the pillar (staff may leave it to HR): changed and changed back.
    const pillarSelect = page
      .locator('form.inline-form select')
      .filter({ has: page.locator('option[value="culture"]') });
    await pillarSelect.selectOption('training');
    await page.getByRole('button', { name: '柱を保存' }).click();
    await page.getByText('柱を保存しました。').waitFor();
    expect((await post()).pillarId).toBe('training');
    await pillarSelect.selectOption('culture');
    await page.getByRole('button', { name: '柱を保存' }).click();
    await expect.poll(async () => (await post()).pillarId).toBe('culture');

    const notes = page.locator('section.notes-panel');
    expect(await notes.locator('h2').textContent()).toContain('内部メモ・職員には表示されません');
    await notes.getByLabel('内部メモを追加').fill(NOTE);
    await notes.getByRole('button', { name: 'メモを保存' }).click();
    await notes.locator('ul.notes li', { hasText: NOTE }).waitFor();
    expect(await notes.locator('ul.notes li').textContent()).toContain('admin@example.jp');

    await page.getByRole('radio', { name: /投稿者だけ（非公開）/ }).check();
    await page.getByRole('button', { name: '投稿者だけに返信する' }).click();
    const thread = page.locator('ol.thread');
    await thread.locator('li.message', { hasText: PRIVATE_REPLY }).waitFor();
    expect(await thread.locator('li.message', { hasText: PRIVATE_REPLY }).textContent()).toContain(
      '投稿者のみ（非公開）',
    );
    expect(await page.getByLabel('返信の本文').inputValue()).toBe('');

    await page.getByLabel('返信の本文').fill(PUBLIC_REPLY);
    await page.getByRole('radio', { name: /全職員（公開）/ }).check();
    await page.getByText('この投稿はまだ掲示板に公開していません').waitFor();
    await page.getByRole('button', { name: '公開で返信する' }).click();
    await thread.locator('li.message', { hasText: PUBLIC_REPLY }).waitFor();
    expect(await thread.locator('li.message', { hasText: PUBLIC_REPLY }).textContent()).toContain(
      '公開の返信',
    );

    await page.getByRole('button', { name: '掲示板に公開する' }).click();
    const dialog = page.getByRole('dialog', { name: '掲示板に公開しますか？' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('内部メモは表示されません');
    await shot(page, 'feedback-publish-dialog');
    await dialog.getByRole('button', { name: '掲示板に公開する' }).click();
    await page.getByText('掲示板に公開しました。').waitFor();
    expect(await facts.textContent()).toContain('掲示板に公開中');

    await page.getByLabel(/^状態/).selectOption('adopted');
    await page.getByRole('button', { name: '状態を変更' }).click();
    await page.getByText('状態を「採用」にしました。').waitFor();

    const saved = await post();
    expect(saved).toMatchObject({
      status: 'adopted',
      published: true,
      assignedUnitCode: 'GEN-HR',
      displayName: null,
    });
    replyDays.push(jstDay());
    expect(replyDays).toContain(saved.firstReplyDay);
    expect(saved.notes.map((n: any) => n.body)).toEqual([NOTE]);
    expect(saved.messages.map((m: any) => [m.from, m.body, m.public])).toEqual([
      ['hr', PRIVATE_REPLY, false],
      ['hr', PUBLIC_REPLY, true],
    ]);
    await shot(page, 'feedback-post');

    await page.getByRole('link', { name: '投稿の一覧へ戻る' }).click();
    const moved = page.locator(`section.column-adopted li.post-card[data-post-id="${postId}"]`);
    await moved.waitFor();
    const flags = await moved.locator('.post-flags li').allTextContents();
    expect(flags).toEqual(['掲示板に公開中', '返信 2', '担当：人事課']);
    expect(flow.errors).toEqual([]);
  }, 120_000);

  it('on a concurrent edit (409 post_changed) reloads the post, says so and keeps the reply being written', async () => {
    const { page } = flow;
    await page.goto(url(`/feedback/posts/${postId}`));
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const draft = '書きかけの返信';
    await page.getByLabel('返信の本文').fill(draft);
    // Meanwhile someone else adds a note; this page has not seen it yet.
    expect((await admin.post(`/api/feedback/posts/${postId}/notes`, { body: OTHER_NOTE })).status).toBe(201);
    expect(await page.locator('section.notes-panel').textContent()).not.toContain(OTHER_NOTE);
    await page.route(
      `**/api/feedback/posts/${postId}`,
      (route) =>
        route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'post_changed', message: 'the post changed meanwhile; reload and try again' },
          }),
        }),
      { times: 1 },
    );
    await page.getByLabel(/^状態/).selectOption('done');
    await page.getByRole('button', { name: '状態を変更' }).click();
    const alert = page.locator('.error-box.conflict[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('ほかの人が同時にこの投稿を更新しました');
    await page.locator('section.notes-panel li', { hasText: OTHER_NOTE }).waitFor();
    expect(await page.getByLabel(/^状態/).inputValue()).toBe('adopted');
    expect(await page.getByLabel('返信の本文').inputValue()).toBe(draft);
    expect((await post()).status).toBe('adopted');
    await shot(page, 'feedback-conflict');
    await page.getByLabel('返信の本文').fill('');
  }, 60_000);

  it('lets the staff member read the replies with their receipt; the board shows the post without any internal note', async () => {
    const device = feedbackClient(server.baseUrl);
    const thread = await device.post('/api/public/feedback/thread', { postId, receipt: tokens[0]!.token });
    expect(thread.status).toBe(200);
    expect(thread.body).toMatchObject({ id: postId, status: 'adopted', published: true, title: TITLE });
    expect(thread.body.messages.map((m: any) => [m.from, m.body, m.public])).toEqual([
      ['hr', PRIVATE_REPLY, false],
      ['hr', PUBLIC_REPLY, true],
    ]);
    const threadText = JSON.stringify(thread.body);
    for (const hidden of [NOTE, OTHER_NOTE, 'GEN-HR', 'admin@example.jp'])
      expect(threadText).not.toContain(hidden);
    // Another receipt opens nothing.
    expect(
      (await device.post('/api/public/feedback/thread', { postId, receipt: tokens[1]!.token })).status,
    ).toBe(404);

    const board = await fetch(`${server.baseUrl}/api/public/feedback/board`);
    expect(board.status).toBe(200);
    const posts = (await board.json()) as any[];
    const mine = posts.find((p) => p.id === postId);
    expect(mine).toMatchObject({ title: TITLE, body: BODY, status: 'adopted', displayName: null });
    expect(mine.replies.map((r: any) => r.body)).toEqual([PUBLIC_REPLY]);
    const boardText = JSON.stringify(posts);
    for (const hidden of [NOTE, OTHER_NOTE, PRIVATE_REPLY, 'GEN-HR']) expect(boardText).not.toContain(hidden);
    expect(Object.keys(mine)).not.toContain('notes');

    // The poster adds to the thread; HR sees it marked as from the poster, and the board does not.
    const added = await device.post('/api/public/feedback/thread/messages', {
      postId,
      receipt: tokens[0]!.token,
      body: ADDED,
    });
    expect(added.status).toBe(201);
    const { page } = flow;
    await page.goto(url(`/feedback/posts/${postId}`));
    const message = page.locator('ol.thread li.message.from-poster');
    await message.waitFor();
    expect(await message.locator('.message-head').textContent()).toContain('投稿者から');
    expect(await message.locator('.message-body').textContent()).toBe(ADDED);
    expect(await message.locator('.badge').count()).toBe(0);
    expect(await page.locator('ol.thread li.message').count()).toBe(3);
    await shot(page, 'feedback-thread');
    const after = JSON.stringify(await (await fetch(`${server.baseUrl}/api/public/feedback/board`)).json());
    expect(after).not.toContain(ADDED);
  }, 60_000);

  it('shows the feedback indicators on the dashboard under 組織文化 · 職員提案制度の推進及び充実, without its id', async () => {
    const { page } = flow;
    await nav(page).getByRole('link', { name: 'ダッシュボード' }).click();
    const section = page.locator('section.pillar section.feedback-indicators');
    await section.locator('table.fb-matrix').waitFor();
    expect(await section.locator('xpath=ancestor::section[contains(@class,"pillar")]/h2').textContent()).toBe(
      '組織文化',
    );
    // The heading is the initiative's name; its id (cul-13) stays in a data attribute.
    expect(await section.locator('h3').textContent()).toBe('職員提案制度の推進及び充実');
    expect(await section.locator('h3').getAttribute('data-initiative')).toBe('cul-13');
    // The survey matrix of the pillar is untouched: the feedback table is its own.
    expect(await page.locator('section.pillar').count()).toBe(4);

    const data = (await admin.get('/api/feedback/indicators?from=2023&to=2027')).json;
    expect(data.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    const total = (y: number) =>
      data.pillars.reduce((n: number, p: any) => n + p.values.find((v: any) => v.fiscalYear === y).posts, 0);
    for (const y of [2023, 2024, 2025, 2026]) expect(total(y)).toBeGreaterThan(0);
    expect(total(2027)).toBe(0);
    let rates = 0;
    let medians = 0;
    for (const pillar of data.pillars) {
      const cells = section.locator(`tr[data-pillar="${pillar.pillarId}"] td`);
      expect(await cells.count()).toBe(5);
      for (const [i, v] of pillar.values.entries()) {
        const text = (await cells.nth(i).textContent()) ?? '';
        if (total(v.fiscalYear) === 0) {
          // A year without any post is —, never 0.
          expect(text).toBe('—投稿なし');
          continue;
        }
        expect(text).toContain(`${v.posts}件`);
        if (v.adoptionRate === null) expect(text).toContain('採用率 —');
        else {
          rates++;
          expect(text).toContain(`採用率 ${Math.round(v.adoptionRate * 100)}%（${v.adopted}件）`);
        }
        if (v.medianDaysToFirstReply === null) expect(text).toContain('初回返信 —');
        else {
          medians++;
          expect(text).toContain(`初回返信 ${Math.round(v.medianDaysToFirstReply * 10) / 10}日`);
        }
      }
    }
    expect(rates).toBeGreaterThan(0);
    expect(medians).toBeGreaterThan(0);
    const all = await section.locator('tr[data-pillar="all"] td').allTextContents();
    expect(all).toEqual(
      [2023, 2024, 2025, 2026, 2027].map((y) => (total(y) > 0 ? `${total(y)}件` : '—投稿なし')),
    );

    // Posts by unit: a hidden cell says 非表示 and carries no number.
    const rows = section.locator('table.fb-units tbody tr');
    const top = (await admin.get('/api/units')).json.filter((u: any) => !u.parentCode);
    expect(await rows.count()).toBe(top.length);
    let hidden = 0;
    let shownCells = 0;
    for (const u of data.units) {
      if (total(u.fiscalYear) === 0) continue;
      const column = data.years.indexOf(u.fiscalYear);
      for (const unit of top) {
        const cell = u.cells.find((c: any) => c.unitCode === unit.code);
        const text =
          (await section.locator(`tr[data-unit="${unit.code}"] td`).nth(column).textContent()) ?? '';
        if (cell.suppressed) {
          hidden++;
          expect(text).toBe('非表示');
        } else {
          shownCells++;
          expect(text).toBe(`${cell.posts}件`);
        }
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(shownCells + hidden).toBe(top.length * 4);
    expect(await section.textContent()).toContain('投稿が10件未満の所属は');
    const file = await shot(page, 'feedback-dashboard');
    await section.screenshot({ path: path.join(CONSOLE_ARTIFACTS, 'feedback-dashboard-indicators.png') });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('lets an analyst read without editing, and shows managers none of it', async () => {
    for (const account of [
      { ...ANALYST, role: 'analyst' },
      { email: MANAGER.email, password: MANAGER.password, role: 'manager', unitCode: MANAGER.unit },
    ]) {
      expect((await admin.post('/api/auth/users', account)).status).toBe(201);
    }
    const analyst = await consolePage(browser);
    try {
      const p = analyst.page;
      await signIn(p, server.baseUrl, ANALYST.email, ANALYST.password);
      const links = await nav(p).getByRole('link').allTextContents();
      expect(links).toContain('職員提案');
      expect(links).not.toContain('提案コード');
      await p.locator('section.feedback-indicators table.fb-matrix').waitFor();
      await nav(p).getByRole('link', { name: '職員提案', exact: true }).click();
      await p.getByText('閲覧のみです。').waitFor();
      expect(await p.getByRole('link', { name: '提案コード' }).count()).toBe(0);
      await p.locator(`li.post-card[data-post-id="${postId}"]`).getByRole('link').click();
      await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await p.locator('section.notes-panel').textContent()).toContain(NOTE);
      expect(await p.locator('textarea').count()).toBe(0);
      expect(await p.getByRole('button', { name: '状態を変更' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: '掲示板に公開する' }).count()).toBe(0);
      await shot(p, 'feedback-post-analyst');
      await p.goto(url('/feedback/codes'));
      await p.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
      expect(analyst.errors).toEqual([]);
    } finally {
      await analyst.context.close();
    }

    const manager = await consolePage(browser);
    try {
      const m = manager.page;
      const feedbackRequests: string[] = [];
      m.on('request', (r) => {
        if (r.url().includes('/api/feedback/')) feedbackRequests.push(r.url());
      });
      await signIn(m, server.baseUrl, MANAGER.email, MANAGER.password);
      expect(await nav(m).getByRole('link').allTextContents()).toEqual([
        'ダッシュボード',
        '調査',
        'プランの取組',
        'アクションプラン',
        '目標値',
      ]);
      await m.locator('section.pillar table.matrix').first().waitFor();
      expect(await m.locator('section.feedback-indicators').count()).toBe(0);
      for (const at of ['/feedback', `/feedback/posts/${postId}`, '/feedback/codes']) {
        await m.goto(url(at));
        await m.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
      }
      expect(await main(m).textContent()).not.toContain(TITLE);
      // The console never asks the API for what a manager may not read.
      expect(feedbackRequests).toEqual([]);
      expect(manager.errors).toEqual([]);
    } finally {
      await manager.context.close();
    }
  }, 90_000);

  it('switches the board and a post to English', async () => {
    const { page } = flow;
    await page.goto(url(`/feedback?fy=${FY}`));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff feedback' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    const headings = await page.locator('section.board-column h2').allTextContents();
    for (const [i, s] of ['Received', 'Under review', 'Adopted', 'Declined', 'Done'].entries()) {
      expect(headings[i]).toContain(s);
    }
    await shot(page, 'feedback-board-en');
    await page.locator(`li.post-card[data-post-id="${postId}"]`).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('section.notes-panel h2').textContent()).toContain(
      'Internal notes — never shown to staff',
    );
    expect(await page.locator('ol.thread').textContent()).toContain('Public reply');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 2, name: /内部メモ/ }).waitFor();
    expect(flow.errors).toEqual([]);
  }, 60_000);

  it('has no serious or critical axe-core violation on the feedback pages', async () => {
    const found: Record<string, AxeViolation[]> = {};
    const audited: string[] = [];
    const audit = async (page: Page, name: string) => {
      await page.waitForLoadState('networkidle');
      const v = await axeViolations(page);
      audited.push(name);
      if (v.length > 0) found[name] = v;
    };
    const a = await consolePage(browser, { forAxe: true });
    try {
      const p = a.page;
      // The custodian's code pages, then the admin's.
      await signIn(p, server.baseUrl, CUSTODIAN.email, CUSTODIAN.password);
      await p.goto(url(`/feedback/codes?fy=${FY}`));
      await p.getByRole('button', { name: /のコードをメールで送信/ }).waitFor();
      await audit(p, 'codes');
      await p.goto(url(`/feedback/codes/slips?fy=${FY}`));
      await p.locator('article.slip').first().waitFor();
      await audit(p, 'slips');
      await p.getByRole('button', { name: 'サインアウト' }).click();
      await signIn(p, server.baseUrl);
      const pages: Array<[string, string, string]> = [
        ['board', `/feedback?fy=${FY}`, 'li.post-card'],
        ['board-filtered', `/feedback?fy=${FY}&pillar=culture&kind=proposal`, 'li.post-card'],
        ['post', `/feedback/posts/${postId}`, 'ol.thread'],
        ['dashboard', '/', 'table.fb-matrix'],
      ];
      for (const [name, at, ready] of pages) {
        await p.goto(url(at));
        await p.locator(ready).first().waitFor();
        await audit(p, name);
      }
      await p.goto(url(`/feedback/posts/${postId}`));
      await p.getByRole('button', { name: '返信する', exact: true }).click();
      await p.getByRole('alert').waitFor();
      await audit(p, 'post-reply-error');
      // An unpublished post offers the publish dialog (cancelled with Esc).
      const other = ((await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json as any[]).find(
        (x) => !x.published,
      );
      await p.goto(url(`/feedback/posts/${other.id}`));
      await p.getByRole('button', { name: '掲示板に公開する' }).click();
      await p.getByRole('dialog').waitFor();
      await audit(p, 'publish-dialog');
      await p.keyboard.press('Escape');
      await p.goto(url(`/feedback?fy=${FY}`));
      await p.getByRole('button', { name: 'English' }).click();
      await p.getByRole('heading', { level: 1, name: 'Staff feedback' }).waitFor();
      await audit(p, 'board-en');
      await p.goto(url(`/feedback/posts/${postId}`));
      await p.locator('ol.thread').waitFor();
      await audit(p, 'post-en');
      await p.getByRole('button', { name: '日本語' }).click();
    } finally {
      await a.context.close();
    }
    expect(audited).toHaveLength(10);
    expect(found, JSON.stringify(found, null, 2)).toEqual({});
    expect((await post()).published).toBe(true);
  }, 120_000);
});
