import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../../functions/auth/session';
import { createAccount } from '../../../functions/services/accounts';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Every admin route against: no token, a malformed token, a token signed with
 * another secret, an expired token, and each role.
 */

type Role = 'admin' | 'custodian' | 'analyst' | 'manager' | 'auditor';
interface RouteCase {
  method: string;
  path: string;
  body?: unknown;
  csv?: boolean;
  allowed: Role[];
}

const ALL: Role[] = ['admin', 'custodian', 'analyst', 'manager', 'auditor'];
/** Who reads results, indicators and posts; never the custodian, who obtains codes (A5). */
const READERS: Role[] = ['admin', 'analyst'];
const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/api/auth/me', allowed: ALL },
  {
    method: 'POST',
    path: '/api/auth/users',
    body: { email: 'x@example.jp', password: 'short' },
    allowed: ['admin'],
  },
  { method: 'GET', path: '/api/auth/users', allowed: ['admin'] },
  {
    method: 'PUT',
    path: '/api/auth/users/nobody%40example.jp/role',
    body: { role: 'analyst' },
    allowed: ['admin'],
  },
  { method: 'POST', path: '/api/auth/users/nobody%40example.jp/disable', allowed: ['admin'] },
  { method: 'POST', path: '/api/auth/users/nobody%40example.jp/enable', allowed: ['admin'] },
  {
    method: 'POST',
    path: '/api/auth/users/nobody%40example.jp/password',
    body: { password: 'a-new-password-1' },
    allowed: ['admin'],
  },
  { method: 'DELETE', path: '/api/auth/users/nobody%40example.jp', allowed: ['admin'] },
  { method: 'GET', path: '/api/audit', allowed: ['auditor'] },
  { method: 'GET', path: '/api/backups/last', allowed: ['admin'] },
  { method: 'GET', path: '/api/units', allowed: ALL },
  { method: 'POST', path: '/api/units', body: { code: 'Z', name: { ja: 'Z' } }, allowed: ['admin'] },
  { method: 'PUT', path: '/api/units/order', body: { codes: ['HQ'] }, allowed: ['admin'] },
  { method: 'PATCH', path: '/api/units/NONE', body: { order: 1 }, allowed: ['admin'] },
  { method: 'GET', path: '/api/staff', allowed: ['admin', 'custodian'] },
  { method: 'POST', path: '/api/staff/import?dryRun=1', body: 'staffNo\n', csv: true, allowed: ['admin'] },
  { method: 'GET', path: '/api/roster/labels', allowed: ['admin'] },
  { method: 'PUT', path: '/api/roster/labels', body: { jobLevel: { 班長: 'chief' } }, allowed: ['admin'] },
  { method: 'POST', path: '/api/roster/uploads', body: { fileName: 'r.csv', size: 10 }, allowed: ['admin'] },
  {
    method: 'PUT',
    path: '/api/roster/uploads/AAAAAAAAAAAAAAAAAAAAAA',
    body: 'x',
    csv: true,
    allowed: ['admin'],
  },
  {
    method: 'POST',
    path: '/api/roster/uploads/AAAAAAAAAAAAAAAAAAAAAA/preview',
    body: {},
    allowed: ['admin'],
  },
  { method: 'POST', path: '/api/roster/uploads/AAAAAAAAAAAAAAAAAAAAAA/import', body: {}, allowed: ['admin'] },
  { method: 'DELETE', path: '/api/roster/uploads/AAAAAAAAAAAAAAAAAAAAAA', allowed: ['admin'] },
  { method: 'GET', path: '/api/templates', allowed: ALL },
  { method: 'GET', path: '/api/templates/annual-staff-survey-v1', allowed: ALL },
  { method: 'GET', path: '/api/campaigns', allowed: ALL },
  { method: 'POST', path: '/api/campaigns', body: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/campaigns/none', allowed: ALL },
  { method: 'PATCH', path: '/api/campaigns/none', body: { fiscalYear: 2026 }, allowed: ['admin'] },
  { method: 'POST', path: '/api/campaigns/none/open', allowed: ['admin'] },
  { method: 'POST', path: '/api/campaigns/none/close', allowed: ['admin'] },
  // Codes are the custodian's alone (DESIGN §3, A5): no reader of results reaches one.
  { method: 'POST', path: '/api/campaigns/none/invitations', allowed: ['custodian'] },
  { method: 'GET', path: '/api/campaigns/none/invitations.csv', allowed: ['custodian'] },
  { method: 'POST', path: '/api/campaigns/none/invitations/deliver', allowed: ['custodian'] },
  { method: 'POST', path: '/api/campaigns/none/invitations/slips', allowed: ['custodian'] },
  // Reminders mail codes again, and who has not answered is not the readers' to know (A2, A5).
  { method: 'POST', path: '/api/campaigns/none/reminders', allowed: ['custodian'] },
  { method: 'POST', path: '/api/feedback/codes', body: { fiscalYear: 2026 }, allowed: ['custodian'] },
  { method: 'POST', path: '/api/feedback/codes/deliver', body: { fiscalYear: 2026 }, allowed: ['custodian'] },
  { method: 'POST', path: '/api/feedback/codes/slips', body: { fiscalYear: 2026 }, allowed: ['custodian'] },
  {
    method: 'GET',
    path: '/api/campaigns/none/participation',
    allowed: ['admin', 'analyst', 'custodian'],
  },
  { method: 'GET', path: '/api/campaigns/none/results', allowed: [...READERS, 'manager'] },
  { method: 'GET', path: '/api/indicators?from=2023&to=2027', allowed: READERS },
  // The annual report and its files (no results here: 404 for the allowed, after the role check).
  { method: 'GET', path: '/api/reports/2025', allowed: READERS },
  { method: 'GET', path: '/api/reports/2025/report.pdf', allowed: READERS },
  { method: 'GET', path: '/api/reports/2025/report.xlsx', allowed: READERS },
  { method: 'GET', path: '/api/feedback/posts?fiscalYear=2026', allowed: READERS },
  { method: 'GET', path: '/api/feedback/indicators?from=2025&to=2026', allowed: READERS },
  // Retention (issue 20): the admin's alone, setting and dry run.
  { method: 'GET', path: '/api/settings/retention', allowed: ['admin'] },
  { method: 'PUT', path: '/api/settings/retention', body: { years: null }, allowed: ['admin'] },
  { method: 'GET', path: '/api/settings/retention/preview', allowed: ['admin'] },
  { method: 'PATCH', path: '/api/feedback/posts/none', body: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/targets', allowed: ALL },
  {
    method: 'PUT',
    path: '/api/targets',
    body: { constructId: 'health', fiscalYear: 2026, favourable: 0.7 },
    allowed: ['admin'],
  },
  { method: 'GET', path: '/api/plan', allowed: ALL },
];

let server: TestServer;
const tokens = {} as Record<Role | 'expired' | 'foreign', string>;

beforeAll(async () => {
  server = await startTestServer();
  const { deps } = server.runtime;
  await deps.store.directory.createUnit({ code: 'HQ', name: { ja: '本部' }, parentCode: null });
  await createAccount(deps, { email: 'analyst@example.jp', password: 'analyst-password-1', role: 'analyst' });
  await createAccount(deps, {
    email: 'custodian@example.jp',
    password: 'custodian-password-1',
    role: 'custodian',
  });
  await createAccount(deps, { email: 'auditor@example.jp', password: 'auditor-password-1', role: 'auditor' });
  await createAccount(deps, {
    email: 'manager@example.jp',
    password: 'manager-password-1',
    role: 'manager',
    unitCode: 'HQ',
  });
  const c = client(server.baseUrl);
  tokens.admin = (await c.login()).token;
  tokens.analyst = (await c.login('analyst@example.jp', 'analyst-password-1')).token;
  tokens.manager = (await c.login('manager@example.jp', 'manager-password-1')).token;
  tokens.custodian = (await c.login('custodian@example.jp', 'custodian-password-1')).token;
  tokens.auditor = (await c.login('auditor@example.jp', 'auditor-password-1')).token;
  const session = { jwtSecret: deps.config.jwtSecret, ttlSeconds: 60 };
  tokens.expired = await issueSession(
    { email: 'admin@example.jp', role: 'admin' },
    session,
    new Date(Date.now() - 3_600_000),
  );
  tokens.foreign = await issueSession(
    { email: 'admin@example.jp', role: 'admin' },
    { jwtSecret: 'another secret entirely', ttlSeconds: 60 },
  );
});
afterAll(async () => server?.close());

async function send(route: RouteCase, authorization?: string) {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (route.body !== undefined) headers['content-type'] = route.csv ? 'text/csv' : 'application/json';
  const res = await fetch(`${server.baseUrl}${route.path}`, {
    method: route.method,
    headers,
    ...(route.body !== undefined
      ? { body: route.csv ? (route.body as string) : JSON.stringify(route.body) }
      : {}),
  });
  const body = await res.json().catch(() => undefined);
  return { status: res.status, body };
}

describe.each(ROUTES)('$method $path', (route) => {
  it('refuses a request without a token, a malformed one, a foreign one and an expired one with 401', async () => {
    for (const auth of [
      undefined,
      'Bearer not-a-jwt',
      'Basic abc',
      `Bearer ${tokens.foreign}`,
      `Bearer ${tokens.expired}`,
    ]) {
      const res = await send(route, auth);
      expect(res.status, `auth ${auth}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it.each(ALL)('answers %s as the role allows', async (role) => {
    const res = await send(route, `Bearer ${tokens[role]}`);
    if (route.allowed.includes(role)) {
      expect([401, 403]).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});

describe('cookie sessions', () => {
  it('need the CSRF header on unsafe requests', async () => {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.jp', password: 'correct horse battery staple' }),
    });
    const cookies = login.headers.getSetCookie();
    expect(cookies.some((c) => /koe_session=.*HttpOnly/i.test(c) && /SameSite=Strict/i.test(c))).toBe(true);
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = cookies
      .find((c) => c.startsWith('koe_csrf='))!
      .split(';')[0]!
      .slice('koe_csrf='.length);
    const get = await fetch(`${server.baseUrl}/api/units`, { headers: { cookie } });
    expect(get.status).toBe(200);
    const unit = { code: 'CSRF', name: { ja: '検査' } };
    const post = (headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/api/units`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(unit),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect(await server.runtime.store.directory.getUnit('CSRF')).toBeUndefined();
    expect((await post({ 'x-csrf-token': csrf })).status).toBe(201);
  });
});
