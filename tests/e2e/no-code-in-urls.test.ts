import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage, setUpCampaign, walkToReview } from '../support/answer';
import { custodian, startTestServer, type TestServer } from '../support/server';

/**
 * DESIGN §3, A7: codes travel in POST bodies, and a link carries its code in
 * the fragment only. Every request the answer and feedback pages make through
 * a whole flow (the page, its assets, every API call) is recorded, and no
 * invitation or feedback code appears in any request's path or query. The
 * code routes are seen to carry the code, in the body.
 */

let server: TestServer;
let browser: Browser;
let setup: Awaited<ReturnType<typeof setUpCampaign>>;
let feedbackCodes: Array<{ staffNo: string; code: string; url: string }>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  setup = await setUpCampaign(server);
  const keeper = await custodian(setup.admin);
  expect((await keeper.post(`/api/campaigns/${setup.campaignId}/invitations/deliver`)).status).toBe(200);
  feedbackCodes = (await keeper.post('/api/feedback/codes', { fiscalYear: 2026 })).json.codes;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const plain = (code: string) => code.replace(/-/g, '');
const h1 = (page: Page) => page.locator('h1').textContent();

/** Every request of a page: method, path and query, and the body of POSTs. */
function record(page: Page) {
  const seen: Array<{ method: string; pathAndQuery: string; body: string }> = [];
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    seen.push({ method: r.method(), pathAndQuery: `${url.pathname}${url.search}`, body: r.postData() ?? '' });
  });
  return seen;
}

/** Every code in play, in every form a URL could carry: grouped, plain, lower case, percent-encoded. */
function forms(codes: string[]): string[] {
  return codes.flatMap((c) => [c, plain(c), c.toLowerCase(), plain(c).toLowerCase(), encodeURIComponent(c)]);
}

function expectNoCodeIn(seen: Array<{ pathAndQuery: string }>, codes: string[]) {
  const all = forms(codes);
  const leaks = seen.filter((s) => all.some((c) => s.pathAndQuery.toLowerCase().includes(c.toLowerCase())));
  expect(leaks).toEqual([]);
}

describe('no code in any URL the pages request', () => {
  it('answering from the e-mailed link, and again from a code typed off a paper slip', async () => {
    const outbox = path.join(server.dataDir, 'outbox');
    const [file] = await fs.readdir(outbox);
    const eml = await fs.readFile(path.join(outbox, file!), 'utf8');
    const link = /http:\/\/127\.0\.0\.1:\d+\/answer\/#\S+/.exec(eml)![0];
    const code = link.split('/').at(-1)!;
    const { context, page, errors } = await phonePage(browser);
    const seen = record(page);

    await page.goto(link);
    await expect.poll(() => h1(page)).toBe('令和8年度 職員意識調査');
    await page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(page, setup.survey);
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(page)).toBe('回答を受け付けました');

    // A second person types their code from a slip on the bare page.
    const slip = (
      await (
        await custodian(setup.admin)
      ).post(`/api/campaigns/${setup.campaignId}/invitations/slips`, {
        staffNos: [setup.invitations[1]!.staffNo],
      })
    ).json.slips[0];
    const typing = await phonePage(browser);
    const typed = record(typing.page);
    await typing.page.goto(`${server.baseUrl}/answer/`);
    await expect.poll(() => h1(typing.page)).toBe('招待コードの入力');
    // Typed as people do: lower case, full-width, with spaces for the slip's hyphens.
    await typing.page
      .locator('#code')
      .fill(
        [...slip.code.toLowerCase()]
          .map((c: string) => (c === '-' ? ' ' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)))
          .join(''),
      );
    await typing.page.locator('#code').press('Enter');
    await expect.poll(() => h1(typing.page)).toBe('令和8年度 職員意識調査');

    const codes = setup.invitations.map((i) => i.code);
    expect(codes.map(plain)).toContain(code);
    for (const requests of [seen, typed]) {
      expect(requests.length).toBeGreaterThan(3);
      expectNoCodeIn(requests, codes);
    }
    // The survey and the token were asked for with the code, in POST bodies.
    const withCode = seen.filter((s) => s.body.includes(code)).map((s) => `${s.method} ${s.pathAndQuery}`);
    expect(withCode).toEqual([`POST /api/public/campaigns/${setup.campaignId}`, 'POST /api/public/tokens']);
    // The typed code found its survey, then opened it: both in POST bodies.
    expect(
      typed.filter((s) => s.body.includes(plain(slip.code))).map((s) => `${s.method} ${s.pathAndQuery}`),
    ).toEqual(['POST /api/public/invitations/lookup', `POST /api/public/campaigns/${setup.campaignId}`]);
    expect(errors).toEqual([]);
    expect(typing.errors).toEqual([]);
    await context.close();
    await typing.context.close();
  }, 120_000);

  it('posting feedback from the link, and opening the feedback page with a typed code', async () => {
    const { context, page, errors } = await phonePage(browser);
    const seen = record(page);
    const mine = feedbackCodes[0]!;
    await page.goto(mine.url);
    await expect.poll(() => h1(page)).toBe('職員提案・意見箱');
    await page.getByRole('button', { name: '今年度の投稿を始める' }).click();
    await expect
      .poll(() => page.locator('#tokens-left').textContent())
      .toBe('残りのトークン：12個（全12個）');
    await page.getByRole('link', { name: '新しく投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('新しく投稿する');
    await page.locator('input[name="kind"][value="proposal"]').check();
    await page.locator('input[name="pillar"][value="culture"]').check();
    await page.locator('#title').fill('コードはURLに載らない');
    await page.locator('#body').fill('本文です。');
    await page.getByRole('button', { name: '匿名で投稿する' }).click();
    await expect.poll(() => h1(page)).toBe('投稿を受け付けました');
    await page.getByRole('navigation').getByRole('link', { name: 'わたしの投稿' }).click();
    await expect.poll(() => h1(page)).toBe('わたしの投稿');

    const typing = await phonePage(browser);
    const typed = record(typing.page);
    await typing.page.goto(`${server.baseUrl}/feedback/#code`);
    await expect.poll(() => h1(typing.page)).toBe('コードの入力');
    await typing.page.locator('#code').fill(feedbackCodes[1]!.code);
    await typing.page.locator('#code').press('Enter');
    await expect.poll(() => h1(typing.page)).toBe('職員提案・意見箱');

    const codes = feedbackCodes.map((c) => c.code);
    for (const requests of [seen, typed]) {
      expect(requests.length).toBeGreaterThan(3);
      expectNoCodeIn(requests, codes);
    }
    const withCode = seen
      .filter((s) => s.body.includes(plain(mine.code)))
      .map((s) => `${s.method} ${s.pathAndQuery}`);
    expect(withCode).toContain('POST /api/public/feedback/key');
    expect(withCode).toContain('POST /api/public/feedback/redeem');
    expect(typed.some((s) => s.pathAndQuery === '/api/public/feedback/key' && s.method === 'POST')).toBe(
      true,
    );
    expect(errors).toEqual([]);
    expect(typing.errors).toEqual([]);
    await context.close();
    await typing.context.close();
  }, 120_000);
});
