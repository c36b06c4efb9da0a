import type { Browser, Page } from 'playwright-core';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  type PublicSurvey,
  type Question,
  phonePage,
  plan,
  setUpCampaign,
  shot,
  storedResponses,
} from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The respondent's whole walk in real Chromium at phone size (390×844), by
 * pointer: open the invitation link, answer every question, reload half-way
 * and resume, send, come back with the same link and change an answer. The
 * store then holds exactly one response, with the changed answer.
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

const heading = (page: Page) => page.locator('h1');
const byId = (id: string) => `[id="${id}"]`;

/** Answers one question the way a person would: tapping choices, typing numbers and text. */
async function answer(page: Page, q: Question, value: number | string | string[]) {
  switch (q.type) {
    case 'likert5':
    case 'nps':
    case 'single':
      await page.locator(`input[name="${q.id}"][value="${value}"]`).check();
      break;
    case 'multi':
      for (const v of value as string[]) await page.locator(`input[name="${q.id}"][value="${v}"]`).check();
      break;
    case 'number':
    case 'text':
      await page.locator(byId(`q-${q.id}`)).fill(String(value));
      break;
  }
}

async function expectAnswered(page: Page, q: Question, value: number | string | string[]) {
  if (q.type === 'number' || q.type === 'text') {
    await expect.poll(() => page.locator(byId(`q-${q.id}`)).inputValue()).toBe(String(value));
  } else {
    for (const v of [value].flat()) {
      expect(await page.locator(`input[name="${q.id}"][value="${v}"]`).isChecked()).toBe(true);
    }
  }
}

describe('answering on a phone', () => {
  it('walks from the invitation link to the receipt, resuming after a reload, and changes an answer later', async () => {
    const survey: PublicSurvey = setup.survey;
    const sections = survey.survey.sections;
    const planned = plan(survey);
    const invitation = setup.invitations[0]!;
    const { context, page, errors } = await phonePage(browser);

    // The start page explains purpose, time and anonymity before any token exists.
    const tokenRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/public/tokens')) tokenRequests.push(r.postData() ?? '');
    });
    await page.goto(invitation.url);
    await expect.poll(() => heading(page).textContent()).toBe('令和8年度 職員意識調査');
    const intro = await page.locator('main').textContent();
    expect(intro).toContain('5人以上の集団');
    expect(intro).toContain('10人以上の集団');
    expect(intro).toMatch(/約\d+分です（全\d+問）/);
    expect(intro).toContain('招待コード');
    expect(intro).toContain('IPアドレス');
    expect(intro).toContain('回答期限：6月30日（火）23:59まで');
    // The plan is named as stored, never a fixed name; what to do after losing the device is said up front.
    expect(intro).toContain('「会津若松市人材育成推進プラン（令和5年度～令和9年度）」の成果');
    expect(intro).not.toContain('人材育成基本計画');
    expect(intro).toContain('端末をなくしたら');
    // On a 390×844 phone the start button is in the first screen, before any scrolling.
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
    const start = await page.getByRole('button', { name: '回答をはじめる' }).boundingBox();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(start!.y).toBeGreaterThanOrEqual(0);
    expect(start!.y + start!.height).toBeLessThanOrEqual(844);
    // The technical explanation (tokens, blind signatures, the key group) is one tap away.
    const more = page.locator('details.more');
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('main > p, main > h2').allTextContents()).not.toContainEqual(
      expect.stringMatching(/トークン|ブラインド|署名/),
    );
    await page.getByText('匿名のしくみ（詳しく）').click();
    await expect.poll(() => page.getByTestId('key-group').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(tokenRequests).toHaveLength(0);
    await shot(page, 'answer', '01-start');

    // English by a switch, remembered across a reload; then back to Japanese.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Staff survey FY2026');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Staff survey FY2026');
    expect(await page.locator('main').textContent()).toContain('at least 5 respondents');
    await shot(page, 'answer', '02-start-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');

    // Start: no token yet; it is taken when the answers are sent (issue 19).
    await page.getByRole('button', { name: '回答をはじめる' }).click();
    await expect.poll(() => heading(page).textContent()).toBe(sections[0]!.title.ja);
    expect(tokenRequests).toHaveLength(0);
    expect(await page.locator('.progress').textContent()).toContain(`1 / ${sections.length + 2}`);

    // Required questions are checked before moving on; focus goes to the first one.
    await page.getByRole('button', { name: '次へ' }).click();
    const first = sections[0]!.questions[0]!;
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
      .toBe(first.id);
    const group = page.locator(byId(`q-${first.id}`));
    expect(await group.getAttribute('aria-describedby')).toContain(`e-${first.id}`);
    expect(await page.locator(byId(`e-${first.id}`)).textContent()).toContain('この質問は回答が必要です。');
    await shot(page, 'answer', '03-required-errors');

    const half = Math.floor(sections.length / 2);
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i]!;
      await expect.poll(() => heading(page).textContent()).toBe(section.title.ja);
      if (section.questions.some((q) => q.sensitive)) {
        expect(await page.locator('.sensitive').textContent()).toContain('10人以上');
      }
      for (const { q, value } of planned[i]!) {
        if (q.type === 'nps') {
          // 0–10 in one row on a 360 px phone: all eleven choices share one top.
          await page.setViewportSize({ width: 360, height: 780 });
          const tops = await page
            .locator(`input[name="${q.id}"]`)
            .evaluateAll((els) =>
              els.map((e) => Math.round(e.closest('label')!.getBoundingClientRect().top)),
            );
          expect(tops).toHaveLength(11);
          expect(new Set(tops).size).toBe(1);
          await page.setViewportSize({ width: 390, height: 844 });
        }
        if (q.type === 'multi' && q.options!.some((o) => o.value === 'none')) {
          // "None of these" stands alone: choosing it clears the others, and the reverse.
          const box = (v: string) => page.locator(`input[name="${q.id}"][value="${v}"]`);
          const firstChoice = q.options![0]!.value;
          await box(firstChoice).check();
          await box('none').check();
          expect(await box(firstChoice).isChecked()).toBe(false);
          await box(firstChoice).check();
          expect(await box('none').isChecked()).toBe(false);
        }
        await answer(page, q, value);
        if (q.type === 'text') {
          const length = [...String(value)].length;
          expect(await page.locator(byId(`c-${q.id}`)).textContent()).toBe(`${length} / ${q.maxLength}文字`);
        }
      }
      for (const { q, value } of planned[i]!.filter((p) => p.q.type === 'number')) {
        // Out of range: the server's rule, checked before moving on, shown at the field.
        await page.locator(byId(`q-${q.id}`)).fill(String(q.max! + 50));
        await page.getByRole('button', { name: '次へ' }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`q-${q.id}`);
        expect(await page.locator(byId(`e-${q.id}`)).textContent()).toContain(
          `${q.min}〜${q.max}の範囲で回答してください。`,
        );
        expect(await page.locator(byId(`q-${q.id}`)).getAttribute('aria-invalid')).toBe('true');
        await shot(page, 'answer', `04-section-${i + 1}-number-error`);
        await answer(page, q, value);
      }
      if (i === half) {
        // Closing the tab mid-section loses nothing: reload and find the same page and answers.
        await page.reload();
        await expect.poll(() => heading(page).textContent()).toBe(section.title.ja);
        expect(await page.locator('main').textContent()).toContain('前回の続きから表示しています。');
        for (const { q, value } of planned[i]!) await expectAnswered(page, q, value);
        // And the earlier sections kept theirs.
        await page.getByRole('button', { name: '戻る' }).click();
        await expect.poll(() => heading(page).textContent()).toBe(sections[i - 1]!.title.ja);
        for (const { q, value } of planned[i - 1]!) await expectAnswered(page, q, value);
        await page.getByRole('button', { name: '次へ' }).click();
        await expect.poll(() => heading(page).textContent()).toBe(section.title.ja);
      }
      await shot(page, 'answer', `04-section-${i + 1}-${section.id}`);
      await page.getByRole('button', { name: '次へ' }).click();
    }
    // Still no token after the reload: answering takes none.
    expect(tokenRequests).toHaveLength(0);

    // About you: prefer-not-to-say is the default; pick a job level only.
    await expect.poll(() => heading(page).textContent()).toBe('あなたについて（任意）');
    for (const a of survey.survey.attributes) {
      expect(await page.locator(`input[name="attr-${a.id}"][value=""]`).isChecked()).toBe(true);
    }
    await page.locator('input[name="attr-jobLevel"][value="chief"]').check();
    await shot(page, 'answer', '05-about-you');
    await page.getByRole('button', { name: '次へ' }).click();

    // Review, then send.
    await expect.poll(() => heading(page).textContent()).toBe('回答の確認');
    const review = await page.locator('main').textContent();
    expect(review).toContain('係長（相当職を含む）');
    expect(review).toContain('研修の機会がもっと欲しいです。');
    await shot(page, 'answer', '06-review');
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('回答を受け付けました');
    expect(tokenRequests).toHaveLength(1);
    const receipt = await page.locator('#receipt').textContent();
    // Crockford base32 in groups of four: no I, L, O, U to misread.
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const receiptText = await page.locator('main').textContent();
    // The deadline as people read it, in Japan time (shared/time/deadline.ts), in both languages.
    expect(receiptText).toContain(
      '6月30日（火）23:59までは、同じリンクをこのブラウザで開くと回答を変更できます',
    );
    expect(receiptText).not.toContain('until Tue 30 Jun, 23:59');
    expect(receiptText).toContain('受付番号は、回答が届いたことの控えです');
    // Received, held for the next shuffled batch (A2): the page says so and keeps its copy.
    expect(receiptText).toContain('保存されるまで、このブラウザに回答の控えを残しておいてください');
    await shot(page, 'answer', '07-receipt');
    expect(await storedResponses(server, setup.campaignId)).toHaveLength(0);

    // The batch time comes.
    await flushAnswers(server.runtime.store);
    const expected: Record<string, unknown> = {};
    for (const { q, value } of planned.flat()) expected[q.id] = value;
    let stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual(expected);
    expect(stored[0]!.attributes).toEqual({ jobLevel: 'chief' });
    // Stored under the person's key group (A3): HR and IT share City hall's key.
    expect(stored[0]!.unitCode).toBe('HQ');

    // Later, the same link in the same browser: the receipt, now stored, and the answers can be changed.
    const again = await context.newPage();
    await again.goto(invitation.url);
    await expect.poll(() => heading(again).textContent()).toBe('回答が保存されました');
    expect(await again.locator('#receipt').textContent()).toBe(receipt);
    await again.getByRole('button', { name: '回答を変更する' }).click();
    await expect.poll(() => heading(again).textContent()).toBe('回答の確認');
    const workplace = sections.findIndex((s) => s.id === 'workplace');
    await again.getByRole('button', { name: `「${sections[workplace]!.title.ja}」を修正` }).click();
    await expect.poll(() => heading(again).textContent()).toBe(sections[workplace]!.title.ja);
    const changed = expected['psy.raise_problems'] === 5 ? 1 : 5;
    await again.locator(`input[name="psy.raise_problems"][value="${changed}"]`).check();
    // Closing the tab before sending keeps the change, and says it is not sent yet.
    await again.reload();
    await expect.poll(() => heading(again).textContent()).toBe(sections[workplace]!.title.ja);
    expect(await again.locator('main').textContent()).toContain('変更した回答は、まだ送信されていません。');
    expect(await again.locator(`input[name="psy.raise_problems"][value="${changed}"]`).isChecked()).toBe(
      true,
    );
    await again.getByRole('button', { name: '確認画面へ' }).click();
    await expect.poll(() => heading(again).textContent()).toBe('回答の確認');
    await shot(again, 'answer', '08-review-changed');
    await again.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => heading(again).textContent()).toBe('回答の変更を受け付けました');
    expect(await again.locator('#receipt').textContent()).toBe(receipt);
    await shot(again, 'answer', '09-receipt-changed');
    await flushAnswers(server.runtime.store);

    stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual({ ...expected, 'psy.raise_problems': changed });
    expect(tokenRequests).toHaveLength(1);

    const participation = await setup.admin.get(`/api/campaigns/${setup.campaignId}/participation`);
    expect(participation.json).toMatchObject({ tokensIssued: 1, responses: 1 });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
