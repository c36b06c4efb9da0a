import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app';
import { createAccount, MAX_FAILED_LOGINS } from '../../functions/services/accounts';
import { ADMIN, client, startTestServer, type TestServer } from '../support/server';
import { rosterCsv, staffOf } from './support/flow';
import { isPublic, routesOf } from './support/fuzz';

/**
 * Issue 13, A5 and finding 7, played by insiders against the running app:
 * (a) no account both obtains codes and reads results, comments, indicators or
 *     posts — over every signed-in route the app serves, so new routes count;
 * (b) 40 simultaneous password guesses for one account, spread over several
 *     function instances that share the store: how many are judged;
 * (c) a signed-out, disabled, re-roled or re-passworded session is refused at once;
 * (d) results reads and account changes land in the audit log, which only the
 *     auditor reads.
 */

type Role = 'admin' | 'custodian' | 'analyst' | 'manager' | 'auditor';
const ROLES: Role[] = ['admin', 'custodian', 'analyst', 'manager', 'auditor'];
const PASSWORD: Record<Role, string> = {
  admin: ADMIN.password,
  custodian: 'custodian-password-1',
  analyst: 'analyst-password-1',
  manager: 'manager-password-1',
  auditor: 'auditor-password-1',
};
const EMAIL: Record<Role, string> = {
  admin: ADMIN.email,
  custodian: 'custodian@example.jp',
  analyst: 'analyst@example.jp',
  manager: 'manager@example.jp',
  auditor: 'auditor@example.jp',
};
const FY = 2026;

/** Routes that hand out codes (invitation or feedback codes, their delivery, slips, reprints). */
const givesCodes = (path: string) => /invitation|\/codes\b|deliver|slip|reprint|outbox|remind/i.test(path);
/** Routes that read what staff said or how it scored: results, indicators, comments, posts, triage. */
const readsAnswers = (path: string) =>
  /results|indicators|comments|posts|triage|construct|export/i.test(path);

let server: TestServer;
const tokens = {} as Record<Role, string>;
let openId = '';
let closedId = '';

async function signIn(email: string, password: string, base = server.baseUrl): Promise<string> {
  const res = await client(base).post('/api/auth/login', { email, password });
  expect(res.status, `${email}: ${res.text}`).toBe(200);
  return res.json.token as string;
}

async function as(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined; // a CSV
  }
  return { status: res.status, text, json };
}

beforeAll(async () => {
  server = await startTestServer();
  const { deps } = server.runtime;
  const admin = client(server.baseUrl);
  await admin.login();
  const units = [
    { code: 'HQ', staff: 4 },
    { code: 'A', parentCode: 'HQ', staff: 12 },
  ];
  for (const u of units) {
    const res = await admin.post('/api/units', {
      code: u.code,
      name: { ja: `課 ${u.code}`, en: `Unit ${u.code}` },
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
    });
    expect(res.status).toBe(201);
  }
  const csv = rosterCsv(staffOf(units));
  expect((await admin.post('/api/staff/import', csv, { 'content-type': 'text/csv' })).status).toBe(200);
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    await createAccount(deps, {
      email: EMAIL[role],
      password: PASSWORD[role],
      role,
      ...(role === 'manager' ? { unitCode: 'A' } : {}),
    });
  }
  const campaign = async (fiscalYear: number) => {
    const res = await admin.post('/api/campaigns', {
      fiscalYear,
      templateId: 'annual-staff-survey-v1',
      opensAt: `${fiscalYear}-06-01T00:00:00+09:00`,
      closesAt: `${fiscalYear}-06-30T23:59:59+09:00`,
    });
    expect(res.status, res.text).toBe(201);
    const id = res.json.id as string;
    expect((await admin.post(`/api/campaigns/${id}/open`)).status).toBe(200);
    return id;
  };
  closedId = await campaign(FY - 1);
  expect((await admin.post(`/api/campaigns/${closedId}/close`)).status).toBe(200);
  openId = await campaign(FY);
  for (const role of ROLES) tokens[role] = await signIn(EMAIL[role], PASSWORD[role]);
}, 120_000);
afterAll(async () => server?.close());

/** A route's path with real ids, so that an allowed request reaches real data. */
function urlOf(path: string): string {
  return path
    .replace(':id', path.startsWith('/api/campaigns') ? openId : 'none')
    .replace(':email', encodeURIComponent('nobody@example.jp'))
    .replace(/:[A-Za-z]+/g, 'x');
}
const bodyOf = (method: string, path: string) =>
  method === 'GET' || method === 'HEAD'
    ? undefined
    : path === '/api/feedback/codes'
      ? { fiscalYear: FY }
      : {};

describe('(a) no account both obtains codes and reads results', () => {
  it('holds over every signed-in route the app serves, for every role', async () => {
    const routes = routesOf(server.runtime.app).filter((r) => !isPublic(r.method, r.path));
    const codeRoutes = routes.filter((r) => givesCodes(r.path));
    const readRoutes = routes.filter((r) => readsAnswers(r.path) && !givesCodes(r.path));
    // The routes known today must be among them; new ones are classified by their paths.
    expect(codeRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/campaigns/:id/invitations',
        'GET /api/campaigns/:id/invitations.csv',
        'POST /api/feedback/codes',
        'POST /api/campaigns/:id/reminders',
      ]),
    );
    expect(readRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/campaigns/:id/results',
        'GET /api/indicators',
        'GET /api/feedback/posts',
        'GET /api/feedback/indicators',
        'PATCH /api/feedback/posts/:id',
      ]),
    );

    const reach = {} as Record<Role, { codes: string[]; reads: string[] }>;
    for (const role of ROLES) {
      reach[role] = { codes: [], reads: [] };
      for (const [kind, list] of [
        ['codes', codeRoutes],
        ['reads', readRoutes],
      ] as const) {
        for (const r of list) {
          const res = await as(tokens[role], r.method, urlOf(r.path), bodyOf(r.method, r.path));
          expect(res.status, `${role} ${r.method} ${r.path}: ${res.text.slice(0, 200)}`).not.toBe(401);
          if (res.status !== 403) reach[role][kind].push(`${r.method} ${r.path}`);
        }
      }
    }
    for (const role of ROLES) {
      const { codes, reads } = reach[role];
      expect(
        codes.length === 0 || reads.length === 0,
        `${role} obtains codes (${codes.join(', ')}) and reads (${reads.join(', ')})`,
      ).toBe(true);
    }
    // Not vacuous: the custodian does obtain codes, and the readers do read.
    expect(reach.custodian.codes.length).toBeGreaterThan(0);
    expect(reach.custodian.reads).toEqual([]);
    expect(reach.admin.reads.length).toBeGreaterThan(0);
    expect(reach.analyst.reads.length).toBeGreaterThan(0);
    expect(reach.manager.reads).toContain('GET /api/campaigns/:id/results');
    expect(reach.auditor).toEqual({ codes: [], reads: [] });
  });

  it('shows no invitation or feedback code in any response a reader or the auditor gets', async () => {
    const custodian = tokens.custodian;
    const inv = await as(custodian, 'POST', `/api/campaigns/${openId}/invitations`, {});
    expect(inv.status, inv.text).toBe(200);
    const fb = await as(custodian, 'POST', '/api/feedback/codes', { fiscalYear: FY });
    expect(fb.status, fb.text).toBe(200);
    const codes = [
      ...(inv.json.invitations as Array<{ code: string }>).map((i) => i.code),
      ...(fb.json.codes as Array<{ code: string }>).map((c) => c.code),
    ];
    expect(codes.length).toBeGreaterThan(10);
    const gets = routesOf(server.runtime.app).filter(
      (r) => r.method === 'GET' && !isPublic(r.method, r.path),
    );
    for (const role of ['admin', 'analyst', 'manager', 'auditor'] as const) {
      for (const r of gets) {
        for (const id of [openId, closedId]) {
          const url = urlOf(r.path).replace(openId, id);
          const res = await as(tokens[role], 'GET', url);
          for (const code of codes) {
            expect(res.text.includes(code), `${role} GET ${url} shows a code`).toBe(false);
          }
        }
      }
    }
  });
});

describe('(b) simultaneous password guesses', () => {
  /** Function instances sharing one store, as Lambda runs them: each has its own in-memory limits. */
  async function instances(n: number) {
    const servers = await Promise.all(
      Array.from({ length: n }, async () => {
        const s = serve({ fetch: createApi(server.runtime.deps).fetch, port: 0, hostname: '127.0.0.1' });
        await new Promise<void>((resolve) => s.once('listening', () => resolve()));
        return s;
      }),
    );
    return {
      urls: servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`),
      close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))),
    };
  }

  async function burst(email: string, passwords: string[]) {
    const farm = await instances(8);
    try {
      const results = await Promise.all(
        passwords.map((password, i) =>
          client(farm.urls[i % farm.urls.length]!).post('/api/auth/login', { email, password }),
        ),
      );
      // Judged: the password was checked (200 right, 401 wrong); 429 was refused unjudged.
      const judged = results.filter((r) => r.status === 200 || r.status === 401).length;
      for (const r of results) expect([200, 401, 429], r.text).toContain(r.status);
      return { judged, results };
    } finally {
      await farm.close();
    }
  }

  it(`judges at most ${MAX_FAILED_LOGINS} of 40 simultaneous wrong guesses; the right password is then refused`, async () => {
    const email = 'target1@example.jp';
    const right = 'the-right-password-1';
    await createAccount(server.runtime.deps, { email, password: right, role: 'analyst' });
    const { judged } = await burst(
      email,
      Array.from({ length: 40 }, (_, i) => `wrong-guess-${i}`),
    );
    console.info(`(b) 40 simultaneous wrong guesses: ${judged} judged`);
    expect(judged).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    const after = await client(server.baseUrl).post('/api/auth/login', { email, password: right });
    expect(after.status).toBe(429);
    expect(after.json.error.code).toBe('locked');
  });

  it('judges at most 10 of 40 simultaneous guesses with the right one among them; the right one never gets in past the lock', async () => {
    const email = 'target2@example.jp';
    const right = 'the-right-password-2';
    await createAccount(server.runtime.deps, { email, password: right, role: 'analyst' });
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 39 ? right : `wrong-guess-${i}`));
    const { judged, results } = await burst(email, passwords);
    console.info(
      `(b) 40 simultaneous guesses, the right one last: ${judged} judged, right one ${results[39]!.status}`,
    );
    expect(judged).toBeLessThanOrEqual(10);
    // At most the lock threshold of wrong guesses were judged before the right one could be.
    const wrongJudged = results.filter((r) => r.status === 401).length;
    if (results[39]!.status === 200) expect(wrongJudged).toBeLessThanOrEqual(2 * MAX_FAILED_LOGINS);
    else expect(results[39]!.status).toBe(429);
    // Once locked, the right password stays out.
    const user = await server.runtime.store.directory.getUser(email);
    if (user?.lockedUntil) {
      expect((await client(server.baseUrl).post('/api/auth/login', { email, password: right })).status).toBe(
        429,
      );
    }
  });
});

describe('(c) sessions end at once', () => {
  const me = (token: string) => as(token, 'GET', '/api/auth/me').then((r) => r.status);
  const admin = () => tokens.admin;
  const who = 'revoked@example.jp';
  const path = `/api/auth/users/${encodeURIComponent(who)}`;

  it('on sign-out (this session only), disable, role change, password reset and delete', async () => {
    await createAccount(server.runtime.deps, { email: who, password: 'revoked-password-1', role: 'analyst' });
    let password = 'revoked-password-1';

    // Sign-out ends that session server-side; a copy of its token is refused; another session lives.
    const kept = await signIn(who, password);
    const leaving = await signIn(who, password);
    expect(await me(leaving)).toBe(200);
    expect((await as(leaving, 'POST', '/api/auth/logout')).status).toBe(204);
    expect(await me(leaving)).toBe(401);
    expect(await me(kept)).toBe(200);

    // Disable: the live session is refused at once, and signing in looks like a wrong password.
    expect((await as(admin(), 'POST', `${path}/disable`)).status).toBe(200);
    expect(await me(kept)).toBe(401);
    const refused = await client(server.baseUrl).post('/api/auth/login', { email: who, password });
    const wrong = await client(server.baseUrl).post('/api/auth/login', {
      email: who,
      password: 'not-it-at-all',
    });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual(wrong.json);
    expect((await as(admin(), 'POST', `${path}/enable`)).status).toBe(200);
    expect(await me(kept)).toBe(401);

    // Role change.
    const before = await signIn(who, password);
    const changed = await as(admin(), 'PUT', `${path}/role`, { role: 'manager', unitCode: 'A' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.user).toEqual({ email: who, role: 'manager', unitCode: 'A', disabled: false });
    expect(await me(before)).toBe(401);

    // Password reset.
    const again = await signIn(who, password);
    password = 'a-brand-new-password-1';
    expect((await as(admin(), 'POST', `${path}/password`, { password })).status).toBe(200);
    expect(await me(again)).toBe(401);
    expect(
      (await client(server.baseUrl).post('/api/auth/login', { email: who, password: 'revoked-password-1' }))
        .status,
    ).toBe(401);

    // Delete.
    const last = await signIn(who, password);
    expect((await as(admin(), 'DELETE', path)).status).toBe(204);
    expect(await me(last)).toBe(401);
    expect(await server.runtime.store.directory.getUser(who)).toBeUndefined();
  });

  it('ends a cookie session on sign-out even if the cookie is replayed', async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL.analyst, password: PASSWORD.analyst }),
    });
    const cookies = res.headers.getSetCookie();
    const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = cookies
      .find((c) => c.startsWith('koe_csrf='))!
      .split(';')[0]!
      .slice('koe_csrf='.length);
    expect((await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const out = await fetch(`${server.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    // The analyst's other session (signed in at the start) still works.
    expect(await me(tokens.analyst)).toBe(200);
  });

  it('keeps an admin from disabling, deleting or demoting themselves, and refuses a duplicate e-mail', async () => {
    const self = `/api/auth/users/${encodeURIComponent(ADMIN.email)}`;
    for (const [method, url, body] of [
      ['POST', `${self}/disable`, undefined],
      ['DELETE', self, undefined],
      ['PUT', `${self}/role`, { role: 'analyst' }],
    ] as const) {
      const res = await as(admin(), method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(res.json.error.code).toBe('self_change');
    }
    expect(await me(admin())).toBe(200);
    const dup = await as(admin(), 'POST', '/api/auth/users', {
      email: EMAIL.analyst.toUpperCase(),
      password: 'another-password-1',
      role: 'analyst',
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('user_exists');
    const list = await as(admin(), 'GET', '/api/auth/users');
    expect(list.status).toBe(200);
    expect(list.text).not.toMatch(/scrypt|passwordHash|failedLogins/);
    expect(list.json.users).toEqual(
      expect.arrayContaining([{ email: EMAIL.manager, role: 'manager', unitCode: 'A', disabled: false }]),
    );
  });
});

describe('(d) the audit log', () => {
  it('records every results read and account change, and only the auditor reads it', async () => {
    for (const role of ['admin', 'analyst', 'manager'] as const) {
      expect((await as(tokens[role], 'GET', `/api/campaigns/${closedId}/results`)).status).toBe(200);
    }
    expect((await as(tokens.analyst, 'GET', '/api/indicators?from=2023&to=2026')).status).toBe(200);
    expect((await as(tokens.analyst, 'GET', `/api/feedback/posts?fiscalYear=${FY}`)).status).toBe(200);
    expect((await as(tokens.admin, 'GET', '/api/feedback/indicators?from=2025&to=2026')).status).toBe(200);
    const email = 'audited@example.jp';
    expect(
      (
        await as(tokens.admin, 'POST', '/api/auth/users', {
          email,
          password: 'audited-password-1',
          role: 'analyst',
        })
      ).status,
    ).toBe(201);
    const url = `/api/auth/users/${encodeURIComponent(email)}`;
    expect((await as(tokens.admin, 'PUT', `${url}/role`, { role: 'custodian' })).status).toBe(200);

    const month = new Date().toISOString().slice(0, 7);
    for (const role of ['admin', 'custodian', 'analyst', 'manager'] as const) {
      const res = await as(tokens[role], 'GET', `/api/audit?month=${month}`);
      expect(res.status, role).toBe(403);
    }
    expect((await as(tokens.auditor, 'GET', '/api/audit?month=2026-13')).status).toBe(400);
    const log = await as(tokens.auditor, 'GET', `/api/audit?month=${month}`);
    expect(log.status).toBe(200);
    expect(log.json.month).toBe(month);
    const entries = log.json.entries as Array<{
      actor: string;
      action: string;
      target: string;
      detail?: Record<string, unknown>;
    }>;
    const has = (actor: string, action: string, target: string) =>
      entries.some((e) => e.actor === actor && e.action === action && e.target === target);
    for (const role of ['admin', 'analyst', 'manager'] as const) {
      expect(has(EMAIL[role], 'results.read', closedId), `${role} results.read`).toBe(true);
    }
    expect(has(EMAIL.analyst, 'indicators.read', 'FY2023-FY2026')).toBe(true);
    expect(has(EMAIL.analyst, 'feedback.posts_read', `FY${FY}`)).toBe(true);
    expect(has(EMAIL.admin, 'feedback.indicators_read', 'FY2025-FY2026')).toBe(true);
    expect(has(EMAIL.admin, 'user.created', email)).toBe(true);
    const change = entries.find((e) => e.action === 'user.role_changed' && e.target === email);
    expect(change).toMatchObject({ actor: EMAIL.admin, detail: { from: 'analyst', to: 'custodian' } });
    // The earlier parts' account changes are there too, and nothing refused was logged as a read.
    for (const action of ['user.disabled', 'user.enabled', 'user.password_reset', 'user.deleted']) {
      expect(has(EMAIL.admin, action, 'revoked@example.jp'), action).toBe(true);
    }
    expect(entries.some((e) => e.actor === EMAIL.custodian && e.action.endsWith('read'))).toBe(false);
    expect(entries.some((e) => e.actor === EMAIL.auditor && e.action.endsWith('read'))).toBe(false);
    // Oldest first.
    const times = entries.map((e) => (e as unknown as { at: string }).at);
    expect([...times].sort()).toEqual(times);
  });
});
