import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { MOVE_BLOCK_BYTES, MOVE_OVERHEAD_BYTES } from '../../shared/crypto/move-box';
import {
  answerByPointer,
  launchChromium,
  phonePage,
  plan,
  setUpCampaign,
  shot,
  storedResponses,
  walkToReview,
} from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Start anywhere, finish anywhere (issue 19), in three browsers that share
 * nothing: device A reads the invitation and begins; device B opens the same
 * invitation, answers and sends (the token is taken then, not when answering
 * starts); B makes a transfer code, and device C, given only that code typed
 * by hand, gets the sent survey and changes an answer. The server keeps the
 * box as ciphertext it cannot open, hands it out once, and one answer is
 * stored in the end.
 */

let server: TestServer;
let browser: Browser;
let setup: Awaited<ReturnType<typeof setUpCampaign>>;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  setup = await setUpCampaign(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = (page: Page) => page.locator('h1').textContent();
const tokenCalls = (page: Page) => {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/public/tokens')) calls.push(r.method());
  });
  return calls;
};

describe('one invitation across devices', () => {
  it('reads on A, answers and sends on B, moves the sent survey to C with a typed transfer code', async () => {
    const invitation = setup.invitations[0]!;
    const sections = setup.survey.survey.sections;
    const base = new URL(invitation.url).origin;

    // A: reads the invitation, starts and answers the first section, then puts the phone away.
    const a = await phonePage(browser);
    const aTokens = tokenCalls(a.page);
    await a.page.goto(invitation.url);
    await expect.poll(() => h1(a.page)).toBe('令和8年度 職員意識調査');
    // The first screen says what happens if the device is lost.
    expect(await a.page.locator('main').textContent()).toContain('端末をなくしたら');
    await a.page.getByRole('button', { name: '回答をはじめる' }).click();
    await expect.poll(() => h1(a.page)).toBe(sections[0]!.title.ja);
    for (const { q, value } of plan(setup.survey)[0]!) await answerByPointer(a.page, q, value);
    await a.page.getByRole('button', { name: '次へ' }).click();
    expect(aTokens).toEqual([]);

    // B: the same link on another device starts afresh; nothing was taken on A.
    const b = await phonePage(browser);
    const bTokens = tokenCalls(b.page);
    await b.page.goto(invitation.url);
    await expect.poll(() => h1(b.page)).toBe('令和8年度 職員意識調査');
    await b.page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(b.page, setup.survey);
    expect(bTokens).toEqual([]);
    await b.page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(b.page)).toBe('回答を受け付けました');
    expect(bTokens).toEqual(['POST']);
    const receipt = await b.page.locator('#receipt').textContent();

    // B makes a transfer code: the box it leaves holds no code, no campaign, only whole blocks.
    const boxes: Array<{ id: string; box: string }> = [];
    b.page.on('request', (r) => {
      if (r.url().endsWith('/api/public/moves')) boxes.push(r.postDataJSON());
    });
    await b.page.getByRole('button', { name: '引き継ぎコードを作る' }).click();
    const moveCode = (await b.page.locator('#move-code').textContent({ timeout: 10_000 }))!;
    expect(moveCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(await b.page.locator('.move').textContent()).toContain('1回だけ使えます');
    await shot(b.page, 'answer-devices', 'b-transfer-code');
    expect(boxes).toHaveLength(1);
    const sealed = Buffer.from(boxes[0]!.box, 'base64url');
    expect((sealed.length - MOVE_OVERHEAD_BYTES) % MOVE_BLOCK_BYTES).toBe(0);
    const plain = sealed.toString('latin1');
    for (const secret of [invitation.code, setup.campaignId, moveCode.replace(/-/g, '')])
      expect(plain).not.toContain(secret);
    expect(JSON.stringify(boxes[0])).not.toContain(moveCode.replace(/-/g, ''));

    // C: only the answer page's address and the code, typed in lower case with spaces.
    const c = await phonePage(browser);
    const cTokens = tokenCalls(c.page);
    await c.page.goto(`${base}/answer/`);
    await expect.poll(() => h1(c.page)).toBe('招待コードの入力');
    await c.page.locator('#code').fill(moveCode.toLowerCase().replace(/-/g, ' '));
    await c.page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => c.page.locator('#receipt').count(), { timeout: 10_000 }).toBe(1);
    expect(await c.page.locator('#receipt').textContent()).toBe(receipt);
    await shot(c.page, 'answer-devices', 'c-moved-receipt');

    // C changes one answer and sends with the same token: the answer is replaced, not added.
    const first = sections[0]!.questions.find((q) => q.type === 'likert5')!;
    const planned = plan(setup.survey)[0]!.find((p) => p.q.id === first.id)!.value as number;
    const changed = planned === 5 ? 4 : planned + 1;
    await c.page.getByRole('button', { name: '回答を変更する' }).click();
    await expect.poll(() => h1(c.page)).toBe('回答の確認');
    await c.page.getByRole('button', { name: `「${sections[0]!.title.ja}」を修正` }).click();
    await expect.poll(() => h1(c.page)).toBe(sections[0]!.title.ja);
    await answerByPointer(c.page, first, changed);
    await c.page.getByRole('button', { name: '確認画面へ' }).click();
    await expect.poll(() => h1(c.page)).toBe('回答の確認');
    await c.page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(c.page)).toBe('回答の変更を受け付けました');
    expect(cTokens).toEqual([]);

    await flushAnswers(server.runtime.store);
    const stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers[first.id]).toBe(changed);

    // The box was taken: the same code on a fourth device finds nothing, and says so at the field.
    const d = await phonePage(browser);
    await d.page.goto(`${base}/answer/`);
    await d.page.locator('#code').fill(moveCode);
    await d.page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => d.page.locator('#code-error').textContent()).toContain('1回だけ');

    // A, back on the first phone, finds the answers already sent from another device.
    await walkRestOfWay(a.page);
    await a.page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(a.page)).toBe('この招待の回答は、別の端末かブラウザから送信済みです');
    await shot(a.page, 'answer-devices', 'a-already-sent');

    for (const device of [a, b, c, d]) {
      expect(device.errors).toEqual([]);
      await device.context.close();
    }
  }, 90_000);
});

/** From the second section to the review, with the planned answers. */
async function walkRestOfWay(page: Page) {
  const sections = setup.survey.survey.sections;
  const planned = plan(setup.survey);
  for (let i = 1; i < sections.length; i++) {
    await page.locator('h1', { hasText: sections[i]!.title.ja }).waitFor();
    for (const { q, value } of planned[i]!) await answerByPointer(page, q, value);
    await page.getByRole('button', { name: '次へ' }).click();
  }
  await page.locator('h1', { hasText: 'あなたについて（任意）' }).waitFor();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.locator('h1', { hasText: '回答の確認' }).waitFor();
}
