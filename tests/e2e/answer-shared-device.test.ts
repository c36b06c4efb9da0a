import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAnswers } from '../../functions/services/answer-buffer';
import {
  axeProblems,
  launchChromium,
  phonePage,
  setUpCampaign,
  shot,
  storedResponses,
  walkToReview,
} from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Shared-PC mode (issue 14), in real Chromium: the start page asks whether the
 * device is shared; answering on a shared device keeps nothing in
 * localStorage, sessionStorage or IndexedDB at any step (the language choice
 * included), and 「該当しない」 goes through to the stored answers. On one's own
 * device the copy kept after sending is removed once the answers are stored,
 * unless the person keeps the receipt.
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

/** Everything the page could have left in the browser: storage keys, IndexedDB databases, cookies. */
async function leftBehind(context: BrowserContext, page: Page) {
  const inPage = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    indexedDb: (await indexedDB.databases()).map((d) => d.name ?? ''),
  }));
  return { ...inPage, cookies: (await context.cookies()).map((c) => c.name) };
}
const NOTHING = { local: [], session: [], indexedDb: [], cookies: [] };

const answerKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('koe:answer:')));

describe('answering on a shared device', () => {
  it('asks at the start and keeps nothing in the browser, from the first answer to the end', async () => {
    const { context, page, errors } = await phonePage(browser, { forAxe: true });
    const sections = setup.survey.survey.sections;
    await page.goto(setup.invitations[0]!.url);
    await expect.poll(() => h1(page)).toBe('令和8年度 職員意識調査');
    const intro = (await page.locator('main').textContent())!;
    // The plan is named from the plan data, and the question is asked before anything starts.
    expect(intro).toContain('「会津若松市人材育成推進プラン（令和5年度～令和9年度）」の成果');
    expect(intro).toContain('共用の端末ですか？');
    // Both ways to start are in the first screen of a 390×844 phone.
    for (const name of ['回答をはじめる', '共用の端末で回答する']) {
      const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.y + box.height, name).toBeLessThanOrEqual(844);
    }
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'answer-shared', '01-start');

    // A language switch before choosing: the page had kept it; choosing "shared" forgets it.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Staff survey FY2026');
    expect((await leftBehind(context, page)).local).toEqual(['koe:lang']);
    await page.getByRole('button', { name: 'Answer on a shared device' }).click();
    await expect.poll(() => h1(page)).toBe(sections[0]!.title.en);
    expect(await leftBehind(context, page)).toEqual(NOTHING);
    expect(await page.locator('main').textContent()).toContain(
      'Shared device: nothing of your answers is kept',
    );
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => h1(page)).toBe(sections[0]!.title.ja);
    expect(await leftBehind(context, page)).toEqual(NOTHING);

    // Closing part-way keeps nothing: opened again, it starts afresh, not "continue where I stopped".
    await page.locator(`input[name="${sections[0]!.questions[0]!.id}"]`).first().check();
    expect(await leftBehind(context, page)).toEqual(NOTHING);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('令和8年度 職員意識調査');
    expect(await page.getByRole('button', { name: '続きから回答する' }).count()).toBe(0);

    await page.getByRole('button', { name: '共用の端末で回答する' }).click();
    await walkToReview(page, setup.survey, async () => {
      expect(await leftBehind(context, page)).toEqual(NOTHING);
    });
    // 「該当しない」 where a statement does not apply (no newcomers to mentor here).
    const workplace = sections.find((s) => s.id === 'workplace')!;
    await page.getByRole('button', { name: `「${workplace.title.ja}」を修正` }).click();
    await expect.poll(() => h1(page)).toBe(workplace.title.ja);
    const mentoring = page.locator('input[name="lrn.mentoring"][value="na"]');
    expect(await page.locator('input[name="lrn.mentoring"]').count()).toBe(6);
    await mentoring.check();
    expect(await mentoring.evaluate((e) => e.closest('label')!.textContent)).toBe('該当しない');
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect.poll(() => h1(page)).toBe('回答の確認');
    expect(await page.locator('main').textContent()).toContain('該当しない');
    expect(await leftBehind(context, page)).toEqual(NOTHING);

    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(page)).toBe('回答を受け付けました');
    const receipt = (await page.locator('main').textContent())!;
    expect(receipt).toContain('共用の端末のため、この端末には何も残していません');
    // Nothing to keep on a shared device: no "keep a copy" offer.
    expect(await page.getByRole('button', { name: 'この端末に控えを残す' }).count()).toBe(0);
    expect(await leftBehind(context, page)).toEqual(NOTHING);
    expect(await axeProblems(page)).toEqual([]);
    await shot(page, 'answer-shared', '02-receipt');

    // The answers arrived, 該当しない as 'na'.
    await flushAnswers(server.runtime.store);
    const stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers['lrn.mentoring']).toBe('na');

    // Finishing clears the screen too, for the next person at this device.
    await page.getByRole('button', { name: '画面の回答を消去して終える' }).click();
    await page.getByRole('button', { name: '本当に消去する' }).click();
    await expect.poll(() => h1(page)).toContain('消去しました');
    expect(await page.locator('#receipt').count()).toBe(0);
    expect(await leftBehind(context, page)).toEqual(NOTHING);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('answering on one’s own device', () => {
  it('removes the copy once the answers are stored, unless the person keeps the receipt', async () => {
    const { context, page, errors } = await phonePage(browser);
    await page.goto(setup.invitations[1]!.url);
    await page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(page, setup.survey);
    // While answering, the draft is kept here (closing the tab loses nothing).
    expect(await answerKeys(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(page)).toBe('回答を受け付けました');
    // Only held for the next batch: the copy stays, so that the page can send it again (A2).
    expect(await page.locator('#store-status').textContent()).toContain('自動で消去します');
    expect(await answerKeys(page)).toHaveLength(1);

    // Stored: opened again, the page learns it and removes the copy.
    await flushAnswers(server.runtime.store);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('回答が保存されました');
    await expect.poll(() => answerKeys(page)).toHaveLength(0);
    expect(await page.locator('#store-status').textContent()).toContain('控えは消去しました');
    await shot(page, 'answer-shared', '03-own-stored-cleared');

    // Keeping the receipt puts it back, to change the answers later from this browser.
    await page.getByRole('button', { name: 'この端末に控えを残す' }).click();
    await expect.poll(() => page.locator('#kept').textContent()).toBe('この端末に控えを残しました。');
    expect(await answerKeys(page)).toHaveLength(1);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('回答が保存されました');
    expect(await page.locator('#store-status').textContent()).toContain('控えが残っています');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
