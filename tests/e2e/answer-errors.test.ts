import type { Browser, Page } from 'playwright-core';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  phonePage,
  setUpCampaign,
  shot,
  storedResponses,
  walkToReview,
} from '../support/answer';
import { custodian, startTestServer, type TestServer } from '../support/server';

/**
 * What goes wrong, in plain words (DESIGN §6): typing a code from a paper
 * slip, an unknown code, a lost reply while the token is signed (the retry
 * must send the same blinded message), a used invitation in another browser,
 * the network or the service failing while sending, answers or a signature
 * the server refuses, a survey not yet open and one that has closed.
 */

let server: TestServer;
let browser: Browser;
let setup: Awaited<ReturnType<typeof setUpCampaign>>;
/** The browser that answered in the retry test; it comes back after the survey closed. */
let answered: Awaited<ReturnType<typeof phonePage>> | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  setup = await setUpCampaign(server);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = (page: Page) => page.locator('h1').textContent();
const text = (page: Page) => page.locator('main').textContent();

describe('respondent errors', () => {
  it('takes a code typed from a paper slip, however it is typed, and explains an unknown one', async () => {
    const { context, page, errors } = await phonePage(browser);
    const base = new URL(setup.invitations[0]!.url).origin;
    // Printed grouped, e.g. ABCD-EFGH-JKMNP-QRST-VWXY-Z0123; the page keeps the plain 26 characters.
    const code = setup.invitations[2]!.code;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);

    // Not reachable: the start request fails, and a retry button loads it.
    let failOnce = true;
    await page.route('**/api/public/campaigns/**', (route) => {
      if (!failOnce) return route.continue();
      failOnce = false;
      return route.abort('internetdisconnected');
    });

    // The slip's address: only the code is asked for (no slip names a survey id).
    const lookups: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/public/invitations/lookup')) lookups.push(`${r.method()} ${r.postData()}`);
    });
    await page.goto(`${base}/answer/`);
    await expect.poll(() => h1(page)).toBe('招待コードの入力');
    expect(await page.locator('main input').count()).toBe(1);

    // A short code: the error is tied to the field and focus goes there.
    await page.locator('#code').fill('abcd-efgh');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code');
    expect(await page.locator('#code').getAttribute('aria-describedby')).toContain('code-error');
    expect(await page.locator('#code-error').textContent()).toContain('いま8文字');
    await shot(page, 'answer-errors', 'entry-short-code');
    expect(lookups).toEqual([]);

    // A well-formed code nobody was given: the server says so, and the error is tied to the field.
    await page.locator('#code').fill('abcd efgh jkmnp qrst vwxy z0123');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect.poll(() => page.locator('#code-error').textContent()).toContain('調査が見つかりません');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code');
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(lookups).toEqual(['POST {"code":"ABCDEFGHJKMNPQRSTVWXYZ0123"}']);
    await shot(page, 'answer-errors', 'entry-unknown-code');

    // Lower case, full-width and spaced, as people type it; Enter while an IME composes does not send.
    const typed = [...code.replace(/-/g, '').toLowerCase()]
      .map((c, i) => (i % 3 === 0 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join('')
      .replace(/(.{4})/g, '$1 ');
    await page.locator('#code').fill(typed);
    // Echoed in the slip's groups, to compare group by group.
    expect(await page.locator('.code-echo .mono').textContent()).toBe(code);
    for (const composing of [{ isComposing: true }, { keyCode: 229 }]) {
      await page.locator('#code').evaluate((el, init) => {
        const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init });
        if ('keyCode' in init) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
        el.dispatchEvent(e);
      }, composing);
      expect(await page.evaluate(() => location.hash)).toBe('');
    }
    await page.locator('#code').press('Enter');
    await expect
      .poll(() => page.evaluate(() => location.hash))
      .toBe(`#${setup.campaignId}/${code.replace(/-/g, '')}`);
    await expect.poll(() => h1(page)).toBe('通信できませんでした');
    expect(await text(page)).toContain('入力した回答はこの端末に保存されています');
    await shot(page, 'answer-errors', 'load-network');
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => h1(page)).toBe('令和8年度 職員意識調査');

    // A code that does not exist.
    await page.goto(`${base}/answer/#${setup.campaignId}/ABCDEFGHJKMNPQRSTVWXYZ0123`);
    await expect.poll(() => h1(page)).toBe('このリンクは使えません');
    expect(await text(page)).toContain('リンクが途中で切れていないか');
    await shot(page, 'answer-errors', 'unknown-code');
    await page.getByRole('button', { name: '招待コードを入力する' }).click();
    await expect.poll(() => h1(page)).toBe('招待コードの入力');
    expect(await page.locator('main input').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('retries a lost token reply with the same blinded message, also after the tab was closed', async () => {
    const invitation = setup.invitations[3]!;
    const { context, page } = await phonePage(browser);
    const sent: string[] = [];
    let lose = 2;
    await page.route('**/api/public/tokens', async (route) => {
      sent.push(route.request().postDataJSON().blindedMessage);
      if (lose === 0) return route.continue();
      lose--;
      // The server signs and marks the invitation used; the reply never arrives.
      const reply = await route.fetch();
      expect(reply.status()).toBe(200);
      return route.abort('connectionreset');
    });
    let outcome: 'offline' | 'busy' | 'badAnswer' | 'badSignature' | 'lost' | 'pass' = 'offline';
    await page.route('**/api/public/responses', async (route) => {
      const body = route.request().postDataJSON();
      switch (outcome) {
        case 'offline':
          return route.abort('internetdisconnected');
        case 'busy':
          return route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'unavailable', message: 'busy' } }),
          });
        case 'badAnswer':
          // The server's own check answers: an answer out of range.
          return route.continue({
            postData: JSON.stringify({ ...body, answers: { ...body.answers, 'eng.motivated': 9 } }),
          });
        case 'badSignature': {
          const sig = Buffer.from(body.signature, 'base64url');
          sig[10]! ^= 1;
          return route.continue({
            postData: JSON.stringify({ ...body, signature: sig.toString('base64url') }),
          });
        }
        case 'lost':
          // Acknowledged as pending, but the server never keeps them: as when a restart loses its buffer.
          return route.fulfill({
            status: 202,
            contentType: 'application/json',
            body: JSON.stringify({ receipt: 'lost-receipt-000', status: 'pending' }),
          });
        default:
          return route.continue();
      }
    });
    const send = () => page.getByRole('button', { name: 'この内容で送信する' }).click();

    // The token is taken when the answers are sent (issue 19): starting and answering take none.
    await page.goto(invitation.url);
    await page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(page, setup.survey);
    expect(sent).toHaveLength(0);
    await send();
    await expect.poll(() => page.locator('#notice').textContent()).toContain('通信できませんでした');
    await shot(page, 'answer-errors', 'token-network');
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => sent.length).toBe(2);
    await expect.poll(() => page.locator('#notice').textContent()).toContain('通信できませんでした');

    // The tab is closed and opened again: the kept blinded message is sent once more, with the answers.
    await page.reload();
    await expect.poll(() => h1(page)).toBe('回答の確認');
    await send();
    await expect.poll(() => sent.length).toBe(3);
    expect(new Set(sent).size).toBe(1);
    const participation = await setup.admin.get(`/api/campaigns/${setup.campaignId}/participation`);
    expect(participation.json.tokensIssued).toBeGreaterThanOrEqual(1);

    // Sending: the network fails, then the service is busy; the answers stay and a retry sends them.
    await expect.poll(() => page.locator('#notice').textContent()).toContain('通信できませんでした');
    expect(await h1(page)).toBe('回答の確認');
    await shot(page, 'answer-errors', 'submit-network');
    outcome = 'busy';
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toContain('ただいま混み合っています');
    await shot(page, 'answer-errors', 'submit-503');

    outcome = 'badSignature';
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toContain('回答の証明を確認できませんでした');
    await shot(page, 'answer-errors', 'submit-401');

    outcome = 'badAnswer';
    await page.getByRole('button', { name: 'もう一度試す' }).click();
    const section = setup.survey.survey.sections[0]!;
    await expect.poll(() => h1(page)).toBe(section.title.ja);
    expect(await page.locator('#notice').textContent()).toContain('送信できなかった回答があります');
    expect(await page.locator('[id="e-eng.motivated"]').textContent()).toContain(
      '1〜5の範囲で回答してください。',
    );
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
      .toBe('eng.motivated');
    await shot(page, 'answer-errors', 'submit-400');

    // Fixed (here the kept answer was fine all along): back to the review and send.
    // Acknowledged (202 pending) and then lost by the server: the page kept its copy, finds the
    // server does not know the answers ("unknown") and sends them again by itself.
    outcome = 'lost';
    await page.getByRole('button', { name: '確認画面へ' }).click();
    await expect.poll(() => h1(page)).toBe('回答の確認');
    await send();
    await expect.poll(() => h1(page)).toBe('回答を受け付けました');
    expect(await page.locator('main').textContent()).toContain(
      'このブラウザに回答の控えを残しておいてください',
    );
    // This respondent keeps the receipt on the device (issue 14), so it is still here after the close.
    await page.getByRole('button', { name: 'この端末に控えを残す' }).click();
    await flushAnswers(server.runtime.store);
    expect(await storedResponses(server, setup.campaignId)).toHaveLength(0);
    outcome = 'pass';
    // The page sends them again by itself: at once on the receipt it showed (its request may reach the
    // server just as the tab is reloaded, whose reply then never arrives), or on opening after the
    // reload, or at its next check a minute later. However it went, they end up held, then stored.
    await page.reload();
    await expect.poll(() => h1(page)).toBe('回答を受け付けました');
    await expect
      .poll(
        async () => {
          await flushAnswers(server.runtime.store);
          return (await storedResponses(server, setup.campaignId)).length;
        },
        { timeout: 75_000, interval: 1_000 },
      )
      .toBe(1);
    // Opened again: the page asks, and says they are stored.
    await page.reload();
    await expect.poll(() => h1(page)).toBe('回答が保存されました');
    answered = { context, page, errors: [] };
  }, 150_000);

  it('explains an invitation already sent from another browser, and keeps the answers here', async () => {
    const { context, page } = await phonePage(browser);
    await page.goto(setup.invitations[3]!.url);
    await page.getByRole('button', { name: '回答をはじめる' }).click();
    await walkToReview(page, setup.survey);
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(page)).toBe('この招待の回答は、別の端末かブラウザから送信済みです');
    const body = await text(page);
    expect(body).toContain('引き継ぎコード');
    expect(body).toContain('この端末の回答は消えずに残っています');
    expect(await page.getByRole('button', { name: 'もう一度試す' }).count()).toBe(0);
    await shot(page, 'answer-errors', 'code-used');
    await context.close();
  });

  it('says when a survey has not opened yet, and when it has closed', async () => {
    const created = await setup.admin.post('/api/campaigns', {
      fiscalYear: 2027,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2027-06-01T00:00:00+09:00',
      closesAt: '2027-06-30T23:59:00+09:00',
    });
    expect(created.status).toBe(201);
    // A draft has no invitations (who is invited is frozen at open, A3), so no code of it reaches the
    // page; the page's words for a survey not open yet are shown with the server's answer for one.
    const draft = await (await custodian(setup.admin)).post(`/api/campaigns/${created.json.id}/invitations`);
    expect(draft.status).toBe(409);
    const { context, page } = await phonePage(browser);
    await page.route(
      (url) => url.pathname === `/api/public/campaigns/${setup.campaignId}`,
      (route) =>
        route.fulfill({
          status: 409,
          json: { error: { code: 'campaign_not_open', message: 'this survey is not open yet' } },
        }),
    );
    await page.goto(setup.invitations[6]!.url);
    await expect.poll(() => h1(page)).toBe('この調査はまだ始まっていません');
    await shot(page, 'answer-errors', 'not-open');

    // The respondent of the retry test comes back after the survey closed.
    expect((await setup.admin.post(`/api/campaigns/${setup.campaignId}/close`)).status).toBe(200);
    const back = answered!.page;
    await back.goto(setup.invitations[3]!.url);
    await back.reload();
    await expect.poll(() => h1(back)).toBe('この調査は締め切られました');
    const closed = await text(back);
    expect(closed).toContain('回答の受付と変更は終了しています');
    expect(closed).toMatch(
      /あなたの回答は受け付け済みです（受付番号 [0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}）/,
    );
    expect(await back.getByRole('button', { name: 'もう一度試す' }).count()).toBe(0);
    await shot(back, 'answer-errors', 'closed');
    await answered!.context.close();
    await context.close();
  });
});
