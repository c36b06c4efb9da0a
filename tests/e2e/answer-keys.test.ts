import { createHash, generateKeyPairSync } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../shared/crypto/fingerprint';
import { launchChromium, phonePage, setUpCampaign, shot } from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Key transparency (DESIGN §3, A4) in the browser: the answer page shows the
 * respondent's key group and the key's fingerprint before they answer, the
 * published list shows every group, and a key that is not on that list (a
 * server handing one person a key of their own) is refused before any token
 * is asked for.
 */

let server: TestServer;
let browser: Browser;
let setup: Awaited<ReturnType<typeof setUpCampaign>>;
let published: any;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchChromium()]);
  setup = await setUpCampaign(server);
  published = await (await fetch(`${server.baseUrl}/api/public/campaigns/${setup.campaignId}/keys`)).json();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const h1 = (page: Page) => page.locator('h1').textContent();

/** The campaign response for one invitation only (GET with the code, or a POST carrying it). */
const isCampaignRequest = (campaignId: string) => (url: URL) =>
  url.pathname === `/api/public/campaigns/${campaignId}`;

/** Counts token requests: a refused key must never get as far as asking for one. */
async function watchTokens(page: Page): Promise<string[]> {
  const sent: string[] = [];
  await page.route('**/api/public/tokens', (route) => {
    sent.push(route.request().url());
    return route.continue();
  });
  return sent;
}

function freshKey() {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const digest = createHash('sha256').update(spki).digest();
  return {
    publicKey: spki.toString('base64url'),
    keyId: digest.toString('base64url').slice(0, 22),
    fingerprint: formatFingerprint(digest),
  };
}

describe('key transparency on the answer page', () => {
  it('shows the group and the key fingerprint before answering, the same as on the published list', async () => {
    expect(published.groups).toHaveLength(1);
    const group = published.groups[0];
    expect(group).toMatchObject({ groupId: 'HQ', invited: setup.invitations.length });
    const { context, page, errors } = await phonePage(browser);
    await page.goto(setup.invitations[0]!.url);
    const box = page.getByTestId('key-group');
    // In 「匿名のしくみ（詳しく）」, one tap below the start button.
    await page.getByText('匿名のしくみ（詳しく）').click();
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await page.getByTestId('fingerprint').textContent()).toBe(group.fingerprint);
    const text = (await box.textContent()) ?? '';
    for (const name of ['本庁', '人事課', '情報政策課']) expect(text).toContain(name);
    expect(text).toContain(`${group.invited}人`);
    await shot(page, 'answer-keys', 'intro-key-group');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists every group with its units, invited count and fingerprint, Japanese first, without sign-in', async () => {
    const { context, page, errors } = await phonePage(browser);
    await page.goto(`${server.baseUrl}/answer/#keys/${setup.campaignId}`);
    await expect.poll(() => h1(page)).toBe('署名鍵の一覧');
    const row = page.locator('tr[data-group="HQ"]');
    await expect.poll(() => row.isVisible()).toBe(true);
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toContain('人事課');
    expect(cells[1]).toBe(`${published.groups[0].invited}人`);
    expect(cells[2]).toBe(published.groups[0].fingerprint);
    await shot(page, 'answer-keys', 'key-list');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Signing keys');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a key that is not on the published list, and asks for no token', async () => {
    const invitation = setup.invitations[1]!;
    const { context, page } = await phonePage(browser);
    const tokens = await watchTokens(page);
    // A server that hands this one person a key of their own, consistent with itself.
    const own = freshKey();
    await page.route(isCampaignRequest(setup.campaignId), async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.publicKey = own.publicKey;
      body.keyId = own.keyId;
      body.keyGroup = { ...body.keyGroup, id: 'SOLO', fingerprint: own.fingerprint, invited: 12 };
      return route.fulfill({ response, json: body });
    });
    await page.goto(invitation.url);
    await expect.poll(() => h1(page)).toBe('この調査の鍵を確認できませんでした');
    expect(await page.getByRole('button', { name: '回答をはじめる' }).count()).toBe(0);
    await shot(page, 'answer-keys', 'key-not-listed');
    expect(tokens).toEqual([]);
    await context.close();
  });

  it('refuses a listed key id whose key is another one (its fingerprint differs)', async () => {
    const invitation = setup.invitations[2]!;
    const { context, page } = await phonePage(browser);
    const tokens = await watchTokens(page);
    const other = freshKey();
    await page.route(isCampaignRequest(setup.campaignId), async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      // Same key id and group as published, but another key (and the fingerprint the list shows).
      body.publicKey = other.publicKey;
      return route.fulfill({ response, json: body });
    });
    await page.goto(invitation.url);
    await expect.poll(() => h1(page)).toBe('この調査の鍵を確認できませんでした');
    expect(tokens).toEqual([]);
    // Nothing was claimed: the invitation can still be used with the real key.
    const ledger = await server.runtime.store.directory.listLedger(setup.campaignId);
    expect(ledger.find((e) => e.staffNo === invitation.staffNo)?.state).toBe('invited');
    await context.close();
  });
});
