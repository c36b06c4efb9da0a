import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../functions/api/app';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * Registrations that are middleware, not routes: they answer no request of
 * their own, so the document has nothing to say about them. Named one by one,
 * so that a new catch-all shows up here instead of slipping past the check.
 */
const MIDDLEWARE = new Map([
  ['ALL /*', 'security headers on every response'],
  ['ALL /api/*', 'body limit, path-segment check, and the admin part’s sign-in'],
  ['ALL /api/staff/import', 'the roster’s larger body limit'],
  ['ALL /api/public/*', 'writes the answer batch when it is due'],
  ['ALL /api/public/feedback/*', 'writes the post batch when it is due'],
]);

type Doc = { paths: Record<string, Record<string, unknown>> };

/** `METHOD /path` of every registered route (`:id` written `{id}`) the document lacks. */
function missingFromDocument(routes: { method: string; path: string }[], doc: Doc): string[] {
  const missing = new Set<string>();
  for (const { method, path } of routes) {
    if (method === 'ALL' || path.includes('*')) continue;
    const openapiPath = path.replaceAll(/:([^/]+)/g, '{$1}');
    if (!doc.paths[openapiPath]?.[method.toLowerCase()]) missing.add(`${method} ${openapiPath}`);
  }
  return [...missing];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('the OpenAPI document and the routes the app registers', () => {
  it('documents every route of the public and admin parts', async () => {
    const app = createApi(server.runtime.deps, ['public', 'admin']);
    const doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    const routes = app.routes.map(({ method, path }) => ({ method, path }));

    const skipped = new Set(
      routes.filter((r) => r.method === 'ALL' || r.path.includes('*')).map((r) => `${r.method} ${r.path}`),
    );
    expect([...skipped].sort()).toEqual([...MIDDLEWARE.keys()].sort());

    const served = new Set(routes.filter((r) => !skipped.has(`${r.method} ${r.path}`)).map((r) => r.path));
    expect(served.size).toBeGreaterThan(50);
    expect(missingFromDocument(routes, doc)).toEqual([]);
  });

  it('would fail on a route the document lacks', async () => {
    const app = createApi(server.runtime.deps, ['public', 'admin']);
    const doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
    const { patch: _, ...rest } = doc.paths['/api/campaigns/{id}']!;
    const cut = { paths: { ...doc.paths, '/api/campaigns/{id}': rest } };
    expect(missingFromDocument(app.routes, cut)).toEqual(['PATCH /api/campaigns/{id}']);
  });

  it('describes both parts from a function that serves one', async () => {
    const whole = (await (await createApi(server.runtime.deps).request('/api/openapi.json')).json()) as Doc;
    for (const part of [['public'], ['admin']] as const) {
      const res = await createApi(server.runtime.deps, [...part]).request('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(Object.keys(((await res.json()) as Doc).paths)).toEqual(Object.keys(whole.paths));
    }
  });

  it('names who may call each operation and the session it needs', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as any;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'cookie']);
    expect(doc.components.securitySchemes.cookie).toMatchObject({ in: 'cookie', name: 'koe_session' });
    const results = doc.paths['/api/campaigns/{id}/results'].get;
    expect(results['x-koe-access']).toEqual(['admin', 'analyst', 'manager']);
    expect(results.security).toEqual([{ cookie: [] }, { bearer: [] }]);
    expect(Object.keys(results.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '409']));
    const submit = doc.paths['/api/public/responses'].post;
    expect(submit['x-koe-access']).toBe('public');
    expect(submit.security).toBeUndefined();
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(['200', '202', '400', '413', '415']),
    );
    expect(doc.paths['/api/auth/me'].get['x-koe-access']).toBe('signed-in');
    const csv = doc.paths['/api/staff/import'].post;
    // The roster as it comes from an HR system: CSV, or an .xlsx workbook (routes/roster.ts).
    expect(Object.keys(csv.requestBody.content)).toEqual([
      'text/csv',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(csv.parameters.map((p: { name: string }) => p.name)).toEqual(['dryRun']);
    const email = doc.paths['/api/auth/users/{email}/role'].put.parameters[0];
    expect(email).toMatchObject({ name: 'email', in: 'path', required: true });
  });
});
