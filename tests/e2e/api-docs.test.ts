import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, launchChromium, shot } from '../support/answer';
import { startTestServer, type TestServer } from '../support/server';

/**
 * `/api/docs` in Chromium: koe's own page (no CDN; the page keeps koe's CSP),
 * rendered from /api/openapi.json, listing every operation of the document
 * with who may call it, and clean under axe-core.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('/api/docs', () => {
  it('renders every operation of the document, Japanese first, with nothing fetched from elsewhere', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(expected.length).toBeGreaterThan(50);

    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const blocked: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.baseUrl)) elsewhere.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    const res = await page.goto(`${server.baseUrl}/api/docs`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");

    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.locator('h1').textContent()).toMatch(/^koe API リファレンス.*API reference/);
    const shown = await page
      .locator('article.op h3')
      .evaluateAll((hs) => hs.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(shown.sort()).toEqual(expected.sort());

    // One operation in full: who may call it, its body fields, its answers.
    const results = page.locator('article#put-api-auth-users-email-role');
    expect(await results.count()).toBe(1);
    const text = (await results.textContent()) ?? '';
    expect(text).toContain('呼び出せる人 / Who may call');
    expect(text).toContain('管理者（admin）');
    expect(text).toContain('リクエスト本文 / Request body');
    for (const field of ['role', 'unitCode']) expect(text).toContain(field);
    for (const status of ['200', '401', '403', '409']) {
      expect(await results.locator('tbody th', { hasText: new RegExp(`^${status}$`) }).count()).toBe(1);
    }
    const login = (await page.locator('article#post-api-auth-login').textContent()) ?? '';
    expect(login).toContain('誰でも（サインイン不要） / Anyone, no sign-in');

    expect(elsewhere).toEqual([]);
    expect(blocked).toEqual([]);
    await shot(page, 'api-docs', 'reference');
    await context.close();
  });

  it('has no serious or critical axe-core violation', async () => {
    // axe-core is injected as an inline script, which the page's CSP (rightly) forbids.
    const context = await browser.newContext({ locale: 'ja-JP', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/api/docs`);
    await page.locator('h1').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    const landmarks = await page.evaluate(() => ({
      mains: document.querySelectorAll('main').length,
      h1s: document.querySelectorAll('h1').length,
    }));
    expect(landmarks).toEqual({ mains: 1, h1s: 1 });
    await context.close();
  });
});
