import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { check, type Fixture, fixture, isPublic, requests, routesOf, RUNS } from './support/fuzz';
import { expectNoPollution, prototypeSnapshot } from './support/hostile';

/**
 * Property-based fuzzing of every public route (and sign-in) in process
 * (app.request): hostile bodies, parameters, queries and headers never get a
 * 5xx, always get the JSON error shape, and pollute no prototype.
 */

let server: TestServer;
let f: Fixture;
const before = prototypeSnapshot();

beforeAll(async () => {
  server = await startTestServer();
  f = await fixture(server);
}, 60_000);
afterAll(async () => server?.close());

describe('fuzzing the public routes', () => {
  it('covers every public route the app serves', () => {
    const routes = routesOf(server.runtime.app).filter((r) => isPublic(r.method, r.path));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/public/campaigns/:id',
        'POST /api/public/tokens',
        'POST /api/public/responses',
        'POST /api/auth/login',
      ]),
    );
  });

  async function fuzz(group: 'respondents' | 'sign-in') {
    const routes = routesOf(server.runtime.app).filter(
      (r) => isPublic(r.method, r.path) && (group === 'respondents') === r.path.startsWith('/api/public/'),
    );
    const reached = new Set<number>();
    for (const route of routes) {
      const t0 = performance.now();
      await fc.assert(
        fc.asyncProperty(requests(route, f), async (req) => {
          reached.add(await check(server.runtime.app, req));
        }),
        { numRuns: RUNS },
      );
      if (process.env.KOE_FUZZ_TIMING)
        console.info(`${route.method} ${route.path}: ${Math.round(performance.now() - t0)} ms`);
    }
    expectNoPollution(before);
    return reached;
  }

  it(`respondents' routes: ≥ ${RUNS} hostile requests each, never a 5xx, always the error shape`, async () => {
    const reached = await fuzz('respondents');
    // Hostile input got past validation too (unknown codes, bad signatures, closed or missing surveys).
    expect([...reached].some((s) => s === 401 || s === 404 || s === 409)).toBe(true);
  }, 300_000);

  it(`sign-in, sign-out, health, OpenAPI: ≥ ${RUNS} hostile requests each, never a 5xx, always the error shape`, async () => {
    const reached = await fuzz('sign-in');
    expect(reached.has(401) || reached.has(429)).toBe(true);
  }, 300_000);
});
