import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { FULL, type Fixture, fixture, requests, routesOf } from './support/fuzz';
import { expectErrorShape, expectNoPollution, prototypeSnapshot } from './support/hostile';

/**
 * A smaller sample of the same hostile requests over real HTTP (the node
 * server in front of the app), and requests no well-behaved client would
 * send on a raw socket: the server answers each without a 5xx and stays up.
 */

const PER_ROUTE = Number(process.env.KOE_FUZZ_HTTP_RUNS ?? (FULL ? 200 : 20));

let server: TestServer;
let f: Fixture;
const before = prototypeSnapshot();

beforeAll(async () => {
  server = await startTestServer();
  f = await fixture(server);
}, 60_000);
afterAll(async () => server?.close());

async function health() {
  const res = await fetch(`${server.baseUrl}/api/health`);
  return res.status;
}

/** Writes raw bytes, reads what comes back until the server closes or a pause. */
function raw(payload: string | Buffer, opts: { endAfter?: boolean; waitMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(server.baseUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    let data = '';
    const done = () => {
      socket.destroy();
      resolve(data);
    };
    let timer = setTimeout(done, opts.waitMs ?? 1500);
    socket.on('data', (d) => {
      data += d.toString('latin1');
      // An answer has come: give the rest of it a moment, then hang up.
      clearTimeout(timer);
      timer = setTimeout(done, 150);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.write(payload);
    if (opts.endAfter) socket.end();
  });
}

describe('hostile requests over real HTTP', () => {
  it(`answers ${PER_ROUTE} fuzzed requests per route without a 5xx, in the error shape`, async () => {
    const routes = routesOf(server.runtime.app);
    let sent = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requests(route, f), async (req) => {
          const url = req.url.replace('http://127.0.0.1', server.baseUrl);
          let res: Response;
          try {
            res = await fetch(url, req.init);
          } catch (err) {
            // fetch itself refuses some requests (e.g. an invalid URL); the server never saw them.
            if (err instanceof TypeError && !/fetch failed/.test(err.message)) return;
            throw err;
          }
          const text = await res.text();
          sent++;
          expect(res.status, `${req.init.method} ${url.slice(0, 160)}: ${text.slice(0, 200)}`).toBeLessThan(
            500,
          );
          if (res.status >= 400 && req.init.method !== 'HEAD') {
            expectErrorShape(res.status, text, `${req.init.method} ${url.slice(0, 160)}`);
          }
        }),
        { numRuns: PER_ROUTE },
      );
    }
    expect(sent).toBeGreaterThan(routes.length * PER_ROUTE * 0.9);
    expectNoPollution(before);
  }, 180_000);

  it('survives malformed HTTP on a raw socket, answering none with a 5xx', async () => {
    const cases: Array<[string, string | Buffer, { endAfter?: boolean; waitMs?: number }?]> = [
      ['garbage', 'NOT HTTP AT ALL\r\n\r\n'],
      ['no Host', 'GET /api/health HTTP/1.1\r\n\r\n'],
      [
        'a body shorter than its Content-Length, then close',
        'POST /api/public/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"code":',
        { endAfter: true },
      ],
      [
        'a body longer than its Content-Length',
        'POST /api/public/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}{"code":"x"}',
      ],
      [
        'a broken chunked body',
        'POST /api/public/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
      ],
      [
        'both Content-Length and chunked (smuggling)',
        'POST /api/public/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/staff HTTP/1.1\r\nHost: x\r\n\r\n',
      ],
      ['a 20 kB URL', `GET /api/public/campaigns/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
      ['a 40 kB header', `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`],
      [
        'a header with a bare LF and a NUL',
        'GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\nX-B: \u0000\r\n\r\n',
      ],
      [
        'an absolute-form target to another host',
        'GET http://169.254.169.254/latest/meta-data HTTP/1.1\r\nHost: x\r\n\r\n',
      ],
      ['a path that climbs out', 'GET /assets/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['an encoded climb', 'GET /assets/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['HTTP/0.9', 'GET /api/health\r\n\r\n'],
      [
        'a slow request left hanging',
        'POST /api/public/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"campaignId"',
        { waitMs: 500 },
      ],
    ];
    for (const [name, payload, opts] of cases) {
      const answer = await raw(payload, opts);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      expect(status >= 500, `${name}: ${answer.slice(0, 120)}`).toBe(false);
      expect(answer, name).not.toMatch(/root:x:0:0|ami-id|at \S+ \(/);
      expect(await health(), `the server is still up after: ${name}`).toBe(200);
    }
  }, 60_000);
});
