import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { check, type Fixture, fixture, isPublic, requests, routesOf, RUNS } from './support/fuzz';
import { expectNoPollution, prototypeSnapshot } from './support/hostile';

/**
 * Property-based fuzzing of every signed-in route in process (app.request),
 * mostly with a valid admin session so that hostile input reaches the
 * handlers: never a 5xx, always the JSON error shape, no prototype pollution.
 */

let server: TestServer;
let f: Fixture;
const before = prototypeSnapshot();

beforeAll(async () => {
  server = await startTestServer();
  f = await fixture(server);
}, 60_000);
afterAll(async () => server?.close());

describe('fuzzing the signed-in routes', () => {
  it(`sends ≥ ${RUNS} hostile requests to each, never a 5xx, always the error shape`, async () => {
    // Readers first: the fuzzing creates campaigns and units, which would make every later list slower.
    const routes = routesOf(server.runtime.app)
      .filter((r) => !isPublic(r.method, r.path))
      .sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
    expect(routes.length).toBeGreaterThanOrEqual(20);
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
    // Hostile input reached the handlers: successes and domain errors, not only 400/401.
    expect([...reached].filter((s) => s >= 200 && s < 300).length).toBeGreaterThan(0);
    expect(reached.has(404) || reached.has(409)).toBe(true);
    expectNoPollution(before);
  }, 600_000);
});
