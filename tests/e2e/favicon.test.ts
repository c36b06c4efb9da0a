import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Each page names its icon (the character 声), and the icon it names is served
 * from the same origin as an SVG image: the tab shows koe's mark, not a blank
 * page, and the CSP needs nothing more ('self').
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ web: true });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('favicon', () => {
  for (const page of ['answer', 'feedback', 'console']) {
    it(`the ${page} page's icon resolves to an SVG image`, async () => {
      const html = await (await fetch(`${server.baseUrl}/${page}/`)).text();
      const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
      expect(href, html).toMatch(/^\/assets\/favicon-[\w-]+\.svg$/);
      const res = await fetch(new URL(href!, `${server.baseUrl}/${page}/`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toContain('声');
    });
  }
});
