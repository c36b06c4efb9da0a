import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AxeViolation,
  axeProblems,
  launchChromium,
  phonePage,
  setUpCampaign,
  shot,
  walkToReview,
} from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * axe-core in Chromium on every respondent page — the code entry, the start
 * page in both languages, each section (also with its errors showing), about
 * you, the review, the receipt and the error pages — finds no serious or
 * critical violation. Also checks the basics axe cannot: the page language,
 * a main landmark and one h1, tap targets of at least 44 px, and no sideways
 * scrolling at 390 px.
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

const found: Record<string, AxeViolation[]> = {};
const checked: string[] = [];

async function audit(page: Page, name: string) {
  await page.locator('h1').waitFor();
  found[name] = await axeProblems(page);
  checked.push(name);
  const basics = await page.evaluate(() => {
    const small = [
      ...document.querySelectorAll<HTMLElement>('button, .choice, input[type="text"], input[type="number"]'),
    ]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      // 44×44 everywhere, except that the 0–10 scale's eleven choices share one row on a 360 px
      // phone: each stays 44 high and at least 24 wide (WCAG 2.2 AA target size, 2.5.8).
      .filter(({ el, box }) =>
        el.closest('.scale') ? box.height < 44 || box.width < 24 : box.height < 44 || box.width < 44,
      )
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
  await shot(page, 'answer-a11y', name);
}

describe('accessibility of the respondent pages', () => {
  it('has no serious or critical axe violation on any page', async () => {
    const { context, page } = await phonePage(browser, { forAxe: true });
    const base = new URL(setup.invitations[0]!.url).origin;

    // Code entry for a paper slip, empty and with an error.
    await page.goto(`${base}/answer/`);
    await audit(page, 'entry');
    await page.locator('#code').fill('ABCD');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('#code-error').waitFor();
    await audit(page, 'entry-error');
    await page.locator('#code').fill('ABCDEFGHJKMNPQRSTVWXYZ0123');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('#code-error', { hasText: '調査が見つかりません' }).waitFor();
    await audit(page, 'entry-unknown');

    // An error page: a code that does not exist.
    await page.goto(`${base}/answer/#${setup.campaignId}/ABCDEFGHJKMNPQRSTVWXYZ0123`);
    await page.locator('h1', { hasText: 'このリンクは使えません' }).waitFor();
    await audit(page, 'error-unknown-code');

    // The start page in Japanese and English.
    await page.goto(setup.invitations[0]!.url);
    await page.reload();
    await page.locator('h1', { hasText: '令和8年度 職員意識調査' }).waitFor();
    await audit(page, 'start');
    // The technical explanation, opened.
    await page.getByText('匿名のしくみ（詳しく）').click();
    await page.getByTestId('key-group').waitFor();
    await audit(page, 'start-details');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Staff survey FY2026' }).waitFor();
    await audit(page, 'start-english');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: '回答をはじめる' }).click();

    // The first section with every required error showing, then each section and the rest.
    await page.locator('h1', { hasText: setup.survey.survey.sections[0]!.title.ja }).waitFor();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('.field-error').first().waitFor();
    await audit(page, 'section-1-errors');
    await walkToReview(page, setup.survey, (name) => audit(page, name));
    await audit(page, 'review');
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await page.locator('h1', { hasText: '回答を受け付けました' }).waitFor();
    await audit(page, 'receipt');
    // A transfer code made for another device (issue 19).
    await page.getByRole('button', { name: '引き継ぎコードを作る' }).click();
    await page.locator('#move-code').waitFor();
    await audit(page, 'receipt-transfer-code');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Your answers were' }).waitFor();
    await audit(page, 'receipt-english');

    // A failure while sending: the inline problem with its retry button.
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('button', { name: '回答を変更する' }).click();
    await page.route('**/api/public/responses', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await page.locator('#notice', { hasText: '通信できませんでした' }).waitFor();
    await audit(page, 'review-network-error');

    // Another browser with a used invitation.
    const other = await phonePage(browser, { forAxe: true });
    await other.page.goto(setup.invitations[0]!.url);
    await other.page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(other.page, setup.survey);
    await other.page.getByRole('button', { name: 'この内容で送信する' }).click();
    await other.page.locator('h1', { hasText: '別の端末かブラウザから送信済みです' }).waitFor();
    await audit(other.page, 'error-code-used');

    const serious = Object.entries(found).filter(([, v]) => v.length > 0);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(setup.survey.survey.sections.length + 10);
    await other.context.close();
    await context.close();
  }, 180_000);
});
