import type { Browser, Page } from 'playwright-core';
import { flushPosts } from '../../functions/services/post-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackCodeRedeemed } from '../../functions/services/feedback';
import { fiscalYearOf } from '../../shared/time/fiscal-year';
import { launchChromium, phonePage, shot } from '../support/answer';
import { client, custodian, startTestServer, type TestServer } from '../support/server';

/**
 * What goes wrong on the staff feedback pages, and how each case reads and
 * recovers: a code typed by hand (also through an IME), an unknown or broken
 * link, a lost answer while the batch is signed (the retry sends the same
 * batch), a code already used in another browser, a lost network or a lost
 * answer while posting (the retry uses the same token; a token the server
 * reports spent is marked and the next one used), a token that does not
 * verify, mistakes in the form, posting under one's name, running out of
 * tokens, and removing everything from a shared computer.
 */

let server: TestServer;
let browser: Browser;
let admin: ReturnType<typeof client>;
let codes: Array<{ staffNo: string; unitCode: string; code: string; url: string }>;

const FY = fiscalYearOf(new Date());

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  admin = client(server.baseUrl);
  await admin.login();
  expect((await admin.post('/api/units', { code: 'IT', name: { ja: '情報政策課' } })).status).toBe(201);
  const roster = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  // A feedback key group needs k_sensitive (10) people.
  for (let i = 1; i <= 10; i++) roster.push(`T${i},職員 ${i},t${i}@example.jp,IT,staff,regular`);
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
const plain = (i: number) => codes[i]!.code.replace(/-/g, '');
const tokensLeft = (page: Page) => page.locator('main .tokens-left').textContent();

async function wallet(page: Page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('koe:feedback:'));
    return key ? { key, value: JSON.parse(localStorage.getItem(key)!) } : undefined;
  });
}

/** Changes the stored wallet (standing in for another tab or a damaged record), then reloads. */
async function editWallet(page: Page, edit: 'unspend-first' | 'swap-signature' | 'spend-all') {
  await page.evaluate((change) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('koe:feedback:'))!;
    const w = JSON.parse(localStorage.getItem(key)!);
    const next = w.tokens.findIndex((t: { spent?: boolean }) => !t.spent);
    if (change === 'unspend-first') w.tokens[0].spent = false;
    if (change === 'swap-signature') w.tokens[next].signature = w.tokens[next + 1].signature;
    if (change === 'spend-all') for (const t of w.tokens) t.spent = true;
    localStorage.setItem(key, JSON.stringify(w));
  }, edit);
  await page.reload();
}

async function redeem(page: Page, i: number) {
  await page.goto(codes[i]!.url);
  await page.getByRole('button', { name: '今年度の投稿を始める' }).click();
  await expect.poll(() => page.locator('#tokens-left').textContent()).toBe('残りのトークン：12個（全12個）');
}

async function write(page: Page, i: number, title: string, body = `${title}についての本文です。`) {
  await page.goto(`${codes[i]!.url}/new`);
  await expect.poll(() => h1(page)).toBe('新しく投稿する');
  await page.locator('input[name="kind"][value="concern"]').check();
  await page.locator('input[name="pillar"][value="environment"]').check();
  await page.locator('#title').fill(title);
  await page.locator('#body').fill(body);
}

// Posts are held for the next shuffled batch (A2): HR sees them once it is written.
const posts = async () => {
  await flushPosts(server.runtime.store);
  return (await admin.get(`/api/feedback/posts?fiscalYear=${FY}`)).json as any[];
};

/** An IME conversion committed with Enter, as a phone keyboard or a desktop IME does it. */
async function imeEnter(page: Page, reading: string, result: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', {
    text: reading,
    selectionStart: reading.length,
    selectionEnd: reading.length,
  });
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'keyDown',
    key: 'Enter',
    code: 'Enter',
    text: '\r',
    unmodifiedText: '\r',
    windowsVirtualKeyCode: 229,
    nativeVirtualKeyCode: 229,
  });
  await cdp.send('Input.insertText', { text: result });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter' });
  await cdp.detach();
}

describe('opening the feedback pages', () => {
  it('takes a typed code however it is typed, never sends while an IME composes, and explains mistakes', async () => {
    const { context, page, errors } = await phonePage(browser);
    const keyRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/public/feedback/key')) keyRequests.push(r.url());
    });
    await page.goto(`${server.baseUrl}/feedback/`);
    await expect.poll(() => h1(page)).toBe('コードの入力');
    expect(await text(page)).toContain('掲示板は、コードがなくても読めます。');

    // Too short: the error is tied to the field, and focus goes there.
    await page.locator('#code').fill('abcd-efgh');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.locator('#code-error').textContent()).toContain('いま8文字');
    expect(await page.locator('#code').getAttribute('aria-describedby')).toContain('code-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code');
    await shot(page, 'feedback', 'errors-01-entry');

    // A code that does not exist: said in words, on the same page.
    await page.locator('#code').fill('ZZZZ-ZZZZ-ZZZZZ-ZZZZ-ZZZZ-ZZZZZ');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('このリンクは使えません');

    // Lower case, spaces instead of hyphens, the last letter typed through an IME in full width.
    const code = plain(1);
    const typed = codes[1]!.code.toLowerCase().replace(/-/g, ' ');
    await page.locator('#code').fill(typed.slice(0, -1));
    await page.locator('#code').focus();
    const before = keyRequests.length;
    const last = code.at(-1)!;
    await imeEnter(page, String.fromCharCode(last.charCodeAt(0) + 0xfee0), last);
    await expect.poll(() => page.locator('#code').inputValue()).toBe(`${typed.slice(0, -1)}${last}`);
    // The Enter that committed the conversion sent nothing.
    expect(keyRequests.length).toBe(before);
    expect(await h1(page)).toBe('コードの入力');
    await page.locator('#code').press('Enter');
    await expect.poll(() => h1(page)).toBe('職員提案・意見箱');
    expect(await page.evaluate(() => location.hash)).toBe(`#${FY}/${code}`);

    // A broken or unknown link.
    await page.goto(`${server.baseUrl}/feedback/#${FY}/abc`);
    await expect.poll(() => h1(page)).toBe('コードの入力');
    expect(await text(page)).toContain('リンクの形が正しくありません');
    await page.goto(`${server.baseUrl}/feedback/#${FY}/ZZZZZZZZZZZZZZZZZZZZZZZZZZ`);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('このリンクは使えません');
    await shot(page, 'feedback', 'errors-02-unknown-link');
    await page.getByRole('link', { name: 'コードを入力する' }).click();
    await expect.poll(() => h1(page)).toBe('コードの入力');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('keeps the batch before sending it: after a lost answer and a reload, the same batch is sent again', async () => {
    const { context, page, errors } = await phonePage(browser);
    const batches: string[][] = [];
    let lose = true;
    await page.route('**/api/public/feedback/redeem', async (route) => {
      batches.push(JSON.parse(route.request().postData()!).blindedMessages);
      if (!lose) return route.continue();
      lose = false;
      // The server signs the batch and claims the code; the answer never arrives.
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.goto(codes[0]!.url);
    await page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('通信できませんでした');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('notice');
    await shot(page, 'feedback', 'errors-03-redeem-network');
    expect(await feedbackCodeRedeemed(server.runtime.deps, codes[0]!.code)).toBe(true);
    const kept = (await wallet(page))!.value;
    expect(kept.batch).toHaveLength(12);
    expect(kept.batch.map((b: { blinded: string }) => b.blinded)).toEqual(batches[0]);
    expect(kept.tokens).toEqual([]);

    // Closing the tab loses nothing: the page offers to finish, and sends the same batch.
    await page.reload();
    await page.getByRole('button', { name: '投稿の準備を続ける' }).click();
    await expect
      .poll(() => page.locator('#tokens-left').textContent())
      .toBe('残りのトークン：12個（全12個）');
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual(batches[0]);
    expect((await wallet(page))!.value.batch).toBeUndefined();

    // The same link in another browser: the code is used, and the page says why nothing can be done there.
    const other = await phonePage(browser);
    await other.page.goto(codes[0]!.url);
    await other.page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect.poll(() => h1(other.page)).toBe('このコードは、別の端末かブラウザで使われています');
    expect(await text(other.page)).toContain('最初に使った端末とブラウザで同じリンクを開くか');
    expect(await text(other.page)).toContain('引き継ぎコード');
    await shot(other.page, 'feedback', 'errors-04-code-used');
    expect(errors).toEqual([]);
    await other.context.close();
    await context.close();
  }, 120_000);
});

describe('posting', () => {
  it('retries with the same token after a network failure, and after a lost answer finds the post instead of posting twice', async () => {
    const { context, page, errors } = await phonePage(browser);
    await redeem(page, 2);
    const tokens: string[] = [];
    let mode: 'offline' | 'lose' | 'pass' = 'offline';
    await page.route('**/api/public/feedback/posts', async (route) => {
      tokens.push(JSON.parse(route.request().postData()!).token);
      if (mode === 'offline') return route.abort('internetdisconnected');
      if (mode === 'lose') {
        mode = 'pass';
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    // Offline: the draft and the token are kept; the retry sends the same token.
    await write(page, 2, '更衣室の照明が暗い');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('通信できませんでした');
    expect(await page.locator('#notice').textContent()).toContain(
      '書いた内容とトークンはこの端末に保存されています',
    );
    await shot(page, 'feedback', 'errors-05-post-network');
    mode = 'lose';
    await page.locator('#notice').getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('通信できませんでした');
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    expect(await posts()).toHaveLength(1);

    // The answer was lost but the post arrived: the retry learns so, and does not post twice.
    await page.locator('#notice').getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    expect(await text(page)).toContain('前回の送信は届いていました');
    expect(tokens).toHaveLength(3);
    expect(tokens[2]).toBe(tokens[0]);
    expect(await tokensLeft(page)).toBe('残りのトークン：11個（全12個）');
    const server1 = await posts();
    expect(server1.filter((p) => p.title === '更衣室の照明が暗い')).toHaveLength(1);
    const w = (await wallet(page))!.value;
    expect(w.posts).toEqual([expect.objectContaining({ postId: server1[0].id, receipt: tokens[0] })]);
    expect(w.sending).toBeUndefined();
    expect(w.draft.title).toBe('');
    await shot(page, 'feedback', 'errors-06-post-recovered');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('marks a token the server reports spent and posts with the next; a token that does not verify is explained', async () => {
    const { context, page, errors } = await phonePage(browser);
    const tokens: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/public/feedback/posts')) tokens.push(JSON.parse(r.postData()!).token);
    });
    await redeem(page, 3);
    await write(page, 3, '研修の日程を早めに知りたい');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');

    // This browser forgot that the first token was spent (another tab, a storage hiccup).
    await editWallet(page, 'unspend-first');
    await write(page, 3, '会議室の予約方法を統一してほしい');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    expect(await text(page)).not.toContain('前回の送信は届いていました');
    expect(tokens).toHaveLength(3);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[0]);
    expect(await tokensLeft(page)).toBe('残りのトークン：10個（全12個）');
    const titles = (await posts()).map((p) => p.title);
    expect(titles).toContain('研修の日程を早めに知りたい');
    expect(titles).toContain('会議室の予約方法を統一してほしい');
    expect((await wallet(page))!.value.posts).toHaveLength(2);

    // A token whose signature does not verify (a damaged record): 401, in words; nothing is posted.
    await editWallet(page, 'swap-signature');
    const count = (await posts()).length;
    await write(page, 3, '休憩スペースがほしい');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('トークンを確認できませんでした');
    expect(await page.locator('#notice button').count()).toBe(0);
    expect((await posts()).length).toBe(count);
    expect(await page.locator('#title').inputValue()).toBe('休憩スペースがほしい');
    await shot(page, 'feedback', 'errors-07-bad-signature');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('checks the form in words, never sends on Enter, and posts under a name only when asked', async () => {
    const { context, page, errors } = await phonePage(browser);
    const sent: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/public/feedback/posts')) sent.push(JSON.parse(r.postData()!));
    });
    await redeem(page, 4);
    await page.getByRole('link', { name: '新しく投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('新しく投稿する');

    // Nothing filled in: every field says what is missing, and focus goes to the first.
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => page.locator('.field-error').count()).toBe(3);
    expect(await page.locator('#kind-error').textContent()).toContain('種類を選んでください。');
    // The area is optional: 「わからない／人事課に任せる」 is chosen until the poster picks one.
    expect(await page.locator('#pillar-error').count()).toBe(0);
    expect(await page.locator('input[name="pillar"][value="unsure"]').isChecked()).toBe(true);
    expect(await page.locator('#title-error').textContent()).toContain('件名を入力してください。');
    expect(await page.locator('#body-error').textContent()).toContain('内容を入力してください。');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
      .toBe('kind');
    await shot(page, 'feedback', 'errors-08-form');
    // The errors follow the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('#kind-error').textContent()).toBe('Error: Choose a kind.');
    expect(await page.getByRole('button', { name: 'Post anonymously' }).count()).toBe(1);
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.locator('#kind-error').textContent()).toBe('エラー：種類を選んでください。');

    // Fixing a field clears its error; a title over 120 characters is refused before sending.
    await page.locator('input[name="kind"][value="question"]').check();
    await expect.poll(() => page.locator('#kind-error').count()).toBe(0);
    await page.locator('input[name="pillar"][value="training"]').check();
    await page.locator('#title').fill('長'.repeat(121));
    expect(await page.locator('#title-count').getAttribute('class')).toBe('counter over');
    await page.locator('#body').fill('eラーニングの受講期限はいつですか。');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect
      .poll(() => page.locator('#title-error').textContent())
      .toContain('120文字以内にしてください。');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('title');

    // Enter in the title, also to commit an IME conversion, never sends.
    await page.locator('#title').fill('');
    await page.locator('#title').focus();
    await imeEnter(page, 'しつもん', '質問');
    await expect.poll(() => page.locator('#title').inputValue()).toBe('質問');
    await page.locator('#title').press('Enter');
    expect(sent).toHaveLength(0);

    // Under a name: a clear warning, a different button, and the name is required.
    await page.locator('#title').fill('eラーニングの受講期限');
    await page.locator('#named').check();
    expect(await page.locator('.named .note').textContent()).toContain('匿名ではありません');
    expect(await page.locator('#named-hint').textContent()).toContain('この投稿は匿名ではなくなります');
    await page.getByRole('button', { name: '名前を出して投稿する' }).click();
    await expect.poll(() => page.locator('#name-error').textContent()).toContain('表示する名前を入力するか');
    await page.locator('#name').fill('研修係 山田');
    await shot(page, 'feedback', 'errors-09-named');
    await page.getByRole('button', { name: '名前を出して投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.displayName).toBe('研修係 山田');
    const mine = (await posts()).find((p) => p.title === 'eラーニングの受講期限');
    expect(mine).toMatchObject({ displayName: '研修係 山田', kind: 'question', pillarId: 'training' });

    // The next post is anonymous again unless asked.
    await page.goto(`${codes[4]!.url}/new`);
    await expect.poll(() => h1(page)).toBe('新しく投稿する');
    expect(await page.locator('#named').isChecked()).toBe(false);
    expect(await page.getByRole('button', { name: '匿名で投稿する' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('replies, tokens and the device', () => {
  it('explains a failed load of replies and retries; with no token left only reading and adding remain; forgetting removes all', async () => {
    const { context, page, errors } = await phonePage(browser);
    await redeem(page, 5);
    await write(page, 5, '駐輪場の屋根');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');

    // Replies cannot be loaded: the list says it shows what it knew; the thread offers a retry.
    let offline = true;
    await page.route('**/api/public/feedback/thread', (route) =>
      offline ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('navigation').getByRole('link', { name: 'わたしの投稿' }).click();
    await expect
      .poll(() => page.locator('.note').textContent())
      .toContain('最新の状況を読み込めませんでした');
    await page.getByRole('link', { name: '駐輪場の屋根' }).click();
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('通信できませんでした');
    await shot(page, 'feedback', 'errors-10-thread-network');
    offline = false;
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => page.locator('.badges .status').textContent()).toBe('状況：受付');
    expect(await text(page)).toContain('まだ返信はありません。');

    // Every token spent: no new post, but the thread can still be read.
    await editWallet(page, 'spend-all');
    await page.goto(codes[5]!.url);
    await expect.poll(() => page.locator('#tokens-left').textContent()).toBe('残りのトークン：0個（全12個）');
    expect(await text(page)).toContain('トークンをすべて使いました。');
    expect(await page.getByRole('link', { name: '新しく投稿する' }).count()).toBe(0);
    await page.goto(`${codes[5]!.url}/new`);
    await expect.poll(() => page.locator('#notice h2').textContent()).toBe('トークンが残っていません');
    await shot(page, 'feedback', 'errors-11-no-tokens');

    // On a shared computer: remove the tokens and receipts from this browser.
    await page.goto(codes[5]!.url);
    await page.getByRole('button', { name: 'この端末から消去' }).click();
    await page.getByRole('button', { name: '本当に消去する' }).click();
    await expect.poll(() => h1(page)).toContain('消去しました');
    expect(await wallet(page)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
