import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../functions/auth/session';
import { localFrontDoor } from '../../functions/local/server';
import { createAccount, LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../functions/services/accounts';
import { ADDRESS_FAILURES } from '../../functions/api/middleware/login-limit';
import { ADMIN, client, startTestServer, type TestServer, WEB_DIR } from '../support/server';
import { isPublic, routesOf } from './support/fuzz';
import { expectErrorShape } from './support/hostile';

/**
 * Who may do what: sign-in lockout and rate limits, session expiry and
 * tampering, a session on every non-public route, CSRF on cookie sessions,
 * and the security headers of the web app's pages.
 */

let server: TestServer;
/** A second server whose clock the sign-in tests move, to skip lockout windows. */
let clocked: TestServer;
let clock = Date.now();

async function withAccounts(s: TestServer) {
  const { deps } = s.runtime;
  await deps.store.directory.createUnit({ code: 'HQ', name: { ja: '本部' }, parentCode: null });
  await createAccount(deps, { email: 'victim@example.jp', password: 'victim-password-1', role: 'analyst' });
  await createAccount(deps, {
    email: 'manager@example.jp',
    password: 'manager-password-1',
    role: 'manager',
    unitCode: 'HQ',
  });
  return s;
}

beforeAll(async () => {
  server = await withAccounts(await startTestServer({ web: true }));
  clocked = await withAccounts(await startTestServer({ now: () => new Date(clock) }));
});
afterAll(async () => {
  await server?.close();
  await clocked?.close();
});

const login = (email: string, password: string) =>
  client(clocked.baseUrl).post('/api/auth/login', { email, password });

describe('sign-in', () => {
  it(`locks an account after ${MAX_FAILED_LOGINS} failures for ${LOCK_MINUTES} minutes, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const res = await login('victim@example.jp', `wrong-${i}`);
      expect(res.status).toBe(401);
      expectErrorShape(res.status, res.text, 'wrong password');
    }
    const locked = await login('victim@example.jp', 'victim-password-1');
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('locked');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(LOCK_MINUTES * 60 - 5);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_MINUTES * 60);
  });

  it('answers an address without an account exactly as a locked one (no account discovery)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      statuses.push((await login('nobody@example.jp', `guess-${i}`)).status);
    expect(statuses).toEqual(Array(MAX_FAILED_LOGINS).fill(401));
    const unknown = await login('nobody@example.jp', 'guess-again');
    const known = await login('victim@example.jp', 'guess-again');
    expect(unknown.status).toBe(429);
    expect(unknown.json).toEqual(known.json);
    expect(unknown.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('lets the account in again once the lock has passed', async () => {
    clock += (LOCK_MINUTES * 60 + 1) * 1000;
    const res = await login('victim@example.jp', 'victim-password-1');
    expect(res.status).toBe(200);
    expect((await clocked.runtime.store.directory.getUser('victim@example.jp'))?.failedLogins).toBe(0);
  });

  it(`refuses a client after ${ADDRESS_FAILURES} failed sign-ins over many addresses (password spraying)`, async () => {
    for (let i = 0; i < ADDRESS_FAILURES; i++) {
      expect((await login(`spray${i}@example.jp`, 'Password1!')).status).toBe(401);
    }
    // Even the right password of another account, from the same client.
    const res = await login(ADMIN.email, ADMIN.password);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The admin account itself was not locked by someone else's spraying.
    expect((await clocked.runtime.store.directory.getUser(ADMIN.email))?.lockedUntil).toBeUndefined();
    clock += 16 * 60_000;
    expect((await login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
});

describe('sessions', () => {
  const session = () => ({
    jwtSecret: server.runtime.deps.config.jwtSecret,
    ttlSeconds: server.runtime.deps.config.sessionTtlSeconds,
  });
  const me = (token: string) =>
    fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then(
      (r) => r.status,
    );

  it('expire after their lifetime', async () => {
    const ttl = session().ttlSeconds * 1000;
    const fresh = await issueSession(
      { email: ADMIN.email, role: 'admin' },
      session(),
      new Date(Date.now() - ttl + 60_000),
    );
    const stale = await issueSession(
      { email: ADMIN.email, role: 'admin' },
      session(),
      new Date(Date.now() - ttl - 1_000),
    );
    expect(await me(fresh)).toBe(200);
    expect(await me(stale)).toBe(401);
  });

  it('cannot be forged: tampered claims, another key, or no signature', async () => {
    const token = await issueSession(
      { email: 'manager@example.jp', role: 'manager', unitCode: 'HQ' },
      session(),
    );
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(await me(`${h}.${promoted}.${s}`)).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await me(`${none}.${promoted}.`)).toBe(401);
    expect(await me(await sign({ ...claims, role: 'admin' }, 'guessed-secret', 'HS256'))).toBe(401);
    expect(await me(token)).toBe(200);
  });
});

describe('every signed-in route', () => {
  const routes = () =>
    routesOf(server.runtime.app)
      .filter((r) => !isPublic(r.method, r.path))
      .map((r) => ({ ...r, url: r.path.replace(/:[A-Za-z]+/g, 'x') }));

  it('refuses a request without a session with 401', async () => {
    const all = routes();
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const r of all) {
      const res = await fetch(`${server.baseUrl}${r.url}`, {
        method: r.method,
        ...(r.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expectErrorShape(res.status, await res.text(), `${r.method} ${r.path}`);
    }
  });

  it('lets analysts and the auditor read only, managers change nothing but their action plans, and the custodian nothing but code delivery', async () => {
    const { deps } = server.runtime;
    await createAccount(deps, {
      email: 'keeper@example.jp',
      password: 'keeper-password-1',
      role: 'custodian',
    });
    await createAccount(deps, {
      email: 'watcher@example.jp',
      password: 'watcher-password-1',
      role: 'auditor',
    });
    const tokens = {
      manager: await issueSession(
        { email: 'manager@example.jp', role: 'manager', unitCode: 'HQ' },
        session(),
      ),
      analyst: await issueSession({ email: 'victim@example.jp', role: 'analyst' }, session()),
      auditor: await issueSession({ email: 'watcher@example.jp', role: 'auditor' }, session()),
      custodian: await issueSession({ email: 'keeper@example.jp', role: 'custodian' }, session()),
    };
    // The custodian's own changes: obtaining and delivering invitation and feedback codes, and reminders.
    const delivery = (path: string) => /invitation|\/codes|deliver|slip|reprint|outbox|remind/.test(path);
    // The manager's own changes (issue 15): their subtree's action plans, never approving them
    // (tests/functions/api/actions.test.ts: another subtree → 403).
    const actionPlans = (path: string) => path.startsWith('/api/actions') && !path.endsWith('/approve');
    const changes = routes().filter((r) => r.method !== 'GET' && r.path !== '/api/auth/logout');
    expect(changes.length).toBeGreaterThanOrEqual(10);
    for (const [role, token] of Object.entries(tokens)) {
      for (const r of changes) {
        if (role === 'custodian' && delivery(r.path)) continue;
        if (role === 'manager' && actionPlans(r.path)) continue;
        const res = await fetch(`${server.baseUrl}${r.url}`, {
          method: r.method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        });
        expect(res.status, `${role} ${r.method} ${r.path}`).toBe(403);
      }
    }
    // Not for these roles: the roster, and who-got-which-code (the custodian's alone).
    for (const url of ['/api/staff', '/api/campaigns/x/invitations.csv']) {
      for (const role of ['manager', 'analyst', 'auditor'] as const) {
        const res = await fetch(`${server.baseUrl}${url}`, {
          headers: { authorization: `Bearer ${tokens[role]}` },
        });
        expect(res.status, `${role} ${url}`).toBe(403);
      }
    }
  });

  function session() {
    return { jwtSecret: server.runtime.deps.config.jwtSecret, ttlSeconds: 600 };
  }
});

describe('cookie sessions and CSRF', () => {
  async function cookieSession() {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const value = (name: string) =>
      cookies
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]!
        .slice(name.length + 1);
    return { cookies, cookie: cookies.map((c) => c.split(';')[0]).join('; '), csrf: value('koe_csrf') };
  }

  it('sets the session cookie HttpOnly, SameSite=Strict, Secure when served over HTTPS', async () => {
    const plain = await cookieSession();
    const sessionCookie = plain.cookies.find((c) => c.startsWith('koe_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Strict/i);
    expect(sessionCookie).toMatch(/Path=\//i);
    expect(plain.cookies.find((c) => c.startsWith('koe_csrf='))).not.toMatch(/HttpOnly/i);
    server.runtime.deps.config.secure = true;
    try {
      const secure = await cookieSession();
      for (const c of secure.cookies) expect(c).toMatch(/;\s*Secure/i);
    } finally {
      server.runtime.deps.config.secure = false;
    }
  });

  it('refuses every unsafe request on a cookie session without the matching CSRF header', async () => {
    const a = await cookieSession();
    const b = await cookieSession();
    const unsafe = routesOf(server.runtime.app).filter(
      (r) => !isPublic(r.method, r.path) && !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
    );
    for (const r of unsafe) {
      const url = `${server.baseUrl}${r.path.replace(/:[A-Za-z]+/g, 'x')}`;
      for (const header of [undefined, '', 'x', b.csrf]) {
        const res = await fetch(url, {
          method: r.method,
          headers: {
            cookie: a.cookie,
            'content-type': 'application/json',
            ...(header !== undefined ? { 'x-csrf-token': header } : {}),
          },
          body: JSON.stringify({ code: 'CSRF', name: { ja: '検査' } }),
        });
        expect(res.status, `${r.method} ${r.path} with csrf ${header}`).toBe(403);
        expect((await res.json()).error.code).toBe('csrf');
      }
    }
    expect(await server.runtime.store.directory.getUnit('CSRF')).toBeUndefined();
    // With the matching header it goes through.
    const ok = await fetch(`${server.baseUrl}/api/units`, {
      method: 'POST',
      headers: { cookie: a.cookie, 'content-type': 'application/json', 'x-csrf-token': a.csrf },
      body: JSON.stringify({ code: 'CSRF', name: { ja: '検査' } }),
    });
    expect(ok.status).toBe(201);
  });

  it('offers no CORS: a cross-origin preflight gets no allowance', async () => {
    const res = await fetch(`${server.baseUrl}/api/units`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('security headers', () => {
  const pages = ['/answer/', '/console/', '/console/campaigns/x', '/api/health', '/nothing-here'];

  it('serve the web app with a strict CSP, no framing, no sniffing, no referrer; no HSTS on plain HTTP', async () => {
    for (const page of pages) {
      const res = await fetch(`${server.baseUrl}${page}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(csp, page).toContain("default-src 'self'");
      expect(csp, page).toMatch(/script-src 'self'(;|$)/);
      expect(csp, page).toContain("object-src 'none'");
      expect(csp, page).toContain("base-uri 'none'");
      expect(res.headers.get('x-frame-options'), page).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), page).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), page).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security'), page).toBeNull();
    }
    const api = await fetch(`${server.baseUrl}/api/health`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('adds HSTS when served over HTTPS', async () => {
    const app = localFrontDoor(server.runtime.app, WEB_DIR, { secure: true });
    for (const page of pages) {
      const res = await app.request(page);
      expect(res.headers.get('strict-transport-security'), page).toMatch(/max-age=\d{8,}/);
      expect(res.headers.get('content-security-policy'), page).toContain("frame-ancestors 'none'");
    }
  });

  it('ship pages whose scripts all come from files (the CSP forbids inline script)', async () => {
    for (const page of ['/answer/', '/console/']) {
      const html = await (await fetch(`${server.baseUrl}${page}`)).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, page).toMatch(/\bsrc=/);
        expect(body!.trim(), page).toBe('');
      }
      expect(html, page).not.toMatch(/\son[a-z]+=/i);
    }
  });
});
