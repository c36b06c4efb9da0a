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
 * The same walk with the keyboard alone: Tab and Shift+Tab between fields,
 * arrow keys inside radio groups, Space for checkboxes, Enter on buttons.
 * No pointer event is sent. Every step also checks that focus lands where
 * the page's order says it should.
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

interface Focused {
  tag: string;
  name: string;
  id: string;
  text: string;
  value: string;
  checked: boolean;
  outline: string;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement;
    const ring = el.closest('.choice') ?? el;
    const style = getComputedStyle(ring);
    return {
      tag: el.tagName.toLowerCase(),
      name: el.name ?? '',
      id: el.id,
      text: (el.textContent ?? '').trim(),
      value: el.value ?? '',
      checked: !!el.checked,
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });

/**
 * Presses Tab (or Shift+Tab) until focus matches; every element passed on
 * the way must satisfy `passing`, so focus order is checked, not just reachability.
 */
async function tabTo(
  page: Page,
  wanted: (f: Focused) => boolean,
  passing: (f: Focused) => boolean = () => true,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
) {
  for (let i = 0; i < 80; i++) {
    const f = await focused(page);
    if (wanted(f)) return f;
    if (i > 0 && !passing(f)) throw new Error(`focus went to an unexpected element: ${JSON.stringify(f)}`);
    await page.keyboard.press(key);
  }
  throw new Error(`never reached the wanted element; last: ${JSON.stringify(await focused(page))}`);
}

const button = (label: string) => (f: Focused) => f.tag === 'button' && f.text === label;
const heading = (page: Page) => page.locator('h1').textContent();
const belongsTo = (q: Question) => (f: Focused) => f.name === q.id || f.id === `q-${q.id}`;

/** Index of a value among the question's choices, as the page lists them. */
function choiceIndex(q: Question, value: number | string): number {
  if (q.type === 'likert5') return (value as number) - 1;
  if (q.type === 'nps') return value as number;
  return q.options!.findIndex((o) => o.value === value);
}

/** Answers the focused question with keys only. */
async function answerByKeyboard(page: Page, q: Question, value: number | string | string[]) {
  const f = await focused(page);
  switch (q.type) {
    case 'likert5':
    case 'nps':
    case 'single': {
      const target = choiceIndex(q, value as number | string);
      const at = f.checked ? choiceIndex(q, q.type === 'single' ? f.value : Number(f.value)) : -1;
      if (at === -1 && target === 0) await page.keyboard.press('Space');
      // An arrow key moves to the next choice and checks it (from an unchecked group, from the first).
      const from = at === -1 ? 0 : at;
      const key = target >= from ? 'ArrowDown' : 'ArrowUp';
      for (let i = 0; i < Math.abs(target - from); i++) await page.keyboard.press(key);
      const now = await focused(page);
      expect(now.checked).toBe(true);
      expect(now.value).toBe(String(value));
      expect(now.outline).toMatch(/solid \dpx/);
      break;
    }
    case 'multi': {
      for (const v of value as string[]) {
        await tabTo(page, (x) => x.name === q.id && x.value === v, belongsTo(q));
        await page.keyboard.press('Space');
        expect((await focused(page)).checked).toBe(true);
      }
      break;
    }
    case 'number': {
      // Enter in a field never sends the page (it would skip questions by accident).
      const title = await heading(page);
      await page.keyboard.type(String(value));
      await page.keyboard.press('Enter');
      expect(await heading(page)).toBe(title);
      expect(await page.locator('.field-error').count()).toBe(0);
      break;
    }
    case 'text': {
      // Enter makes a new line in free text and never sends the page.
      const title = await heading(page);
      await page.keyboard.type(String(value));
      await page.keyboard.press('Enter');
      expect(await heading(page)).toBe(title);
      expect(await page.locator(`[id="q-${q.id}"]`).inputValue()).toBe(`${value}\n`);
      await page.keyboard.press('Backspace');
      break;
    }
  }
}

describe('answering with the keyboard alone', () => {
  it('walks the whole survey, sends, and changes an answer later', async () => {
    const survey: PublicSurvey = setup.survey;
    const sections = survey.survey.sections;
    const planned = plan(survey);
    const invitation = setup.invitations[1]!;
    const { context, page, errors } = await phonePage(browser);
    const mouse: string[] = [];
    await page.exposeFunction('koeMouse', (type: string) => mouse.push(type));
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'pointerdown', 'click']) {
        addEventListener(
          type,
          (e) => {
            // Keyboard activation of a button fires a click with no pointer (detail 0).
            if (type !== 'click' || (e as MouseEvent).detail > 0) (window as any).koeMouse(type);
          },
          true,
        );
      }
    });

    await page.goto(invitation.url);
    await expect.poll(() => heading(page)).toBe('令和8年度 職員意識調査');

    // The language switch comes first, then the start button.
    await tabTo(page, button('English'));
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('Staff survey FY2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('令和8年度 職員意識調査');
    // On the way: the link to the published key list (A4), then the start button.
    await tabTo(
      page,
      button('回答をはじめる'),
      (f) => f.tag === 'button' || (f.tag === 'a' && f.text.includes('鍵の一覧')),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe(sections[0]!.title.ja);

    // Sending the first page empty: focus goes to the first required question.
    await tabTo(page, button('次へ'));
    await page.keyboard.press('Enter');
    const first = sections[0]!.questions[0]!;
    await expect.poll(async () => (await focused(page)).name).toBe(first.id);
    expect(await page.locator(`[id="q-${first.id}"]`).getAttribute('aria-describedby')).toContain(
      `e-${first.id}`,
    );

    for (let s = 0; s < sections.length; s++) {
      const section = sections[s]!;
      await expect.poll(() => heading(page)).toBe(section.title.ja);
      const steps = planned[s]!;
      for (let i = 0; i < steps.length; i++) {
        const { q, value } = steps[i]!;
        const previous = steps[i - 1]?.q;
        // Tab from the previous question (or the page's top) straight to this one.
        await tabTo(page, belongsTo(q), (f) => (previous ? belongsTo(previous)(f) : f.tag !== 'input'));
        await answerByKeyboard(page, q, value);
        if (s === 1 && i === 0) await shot(page, 'answer-keyboard', 'focus-ring');
      }
      const last = steps[steps.length - 1]!.q;
      await tabTo(page, button('次へ'), belongsTo(last));
      if (s === 1) {
        // Shift+Tab goes back to the last question; the arrow key changes its answer.
        const back = await tabTo(page, belongsTo(last), () => true, 'Shift+Tab');
        expect(back.checked).toBe(true);
        await page.keyboard.press('ArrowUp');
        const value = steps[steps.length - 1]!.value as number;
        steps[steps.length - 1]!.value = value - 1;
        expect((await focused(page)).value).toBe(String(value - 1));
        await tabTo(page, button('次へ'), belongsTo(last));
      }
      await page.keyboard.press('Enter');
    }

    // About you: the default is "prefer not to say"; choose a job level with the arrow keys.
    await expect.poll(() => heading(page)).toBe('あなたについて（任意）');
    const job = await tabTo(page, (f) => f.name === 'attr-jobLevel');
    expect(job.value).toBe('');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect((await focused(page)).value).toBe('chief');
    await tabTo(page, button('次へ'), (f) => f.name.startsWith('attr-'));
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page)).toBe('回答の確認');
    await tabTo(page, button('この内容で送信する'), (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('回答を受け付けました');

    const expected: Record<string, unknown> = {};
    for (const { q, value } of planned.flat()) expected[q.id] = value;
    await flushAnswers(server.runtime.store);
    let stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual(expected);
    expect(stored[0]!.attributes).toEqual({ jobLevel: 'chief' });

    // Change one answer later, still by keyboard.
    await tabTo(page, button('回答を変更する'));
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('回答の確認');
    const engagement = sections[0]!;
    await tabTo(page, button(`「${engagement.title.ja}」を修正`), (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe(engagement.title.ja);
    const nps = engagement.questions.find((q) => q.type === 'nps')!;
    // Wait for the section to show the kept answer and for the page to put focus on its heading, as it
    // does after each move, before tabbing: on a busy machine the Tab presses came before the page had
    // settled, and its focus then moved away from the answer.
    await expect.poll(() => page.locator(`input[name="${nps.id}"]:checked`).getAttribute('value')).toBe('8');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tabTo(page, belongsTo(nps));
    expect((await focused(page)).value).toBe('8');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).value).toBe('10');
    await tabTo(page, button('確認画面へ'));
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('回答の確認');
    await tabTo(page, button('この内容で送信する'), (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toBe('回答の変更を受け付けました');
    await shot(page, 'answer-keyboard', 'receipt-changed');

    await flushAnswers(server.runtime.store);
    stored = await storedResponses(server, setup.campaignId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual({ ...expected, [nps.id]: 10 });
    expect(mouse).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
