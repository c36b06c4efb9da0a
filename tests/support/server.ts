import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { ensureFirstAdmin } from '../../functions/services/accounts';
import type { DemoStatus } from '../../functions/local/demo-status';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';
import { localFrontDoor } from '../../functions/local/server';
import { seedBase } from '../../functions/seed/base';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';

export const ADMIN = { email: 'admin@example.jp', password: 'correct horse battery staple' };
/** The code custodian (DESIGN §3, A5): the only account that obtains invitation and feedback codes. */
export const CUSTODIAN = { email: 'custodian@example.jp', password: 'custodian keeps the codes apart' };

export interface TestServer {
  baseUrl: string;
  runtime: LocalRuntime;
  dataDir: string;
  close(): Promise<void>;
}

/** The built web app (tests/setup/web.ts builds it before the suites that serve pages). */
export const WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');

export interface TestServerOptions {
  now?: () => Date;
  /**
   * Also serve the built web app (/answer/, /console/, /assets/) through the
   * local front door, as `npm start` does: `true` for dist/web, or a folder.
   */
  web?: boolean | string;
  /** With `web`: where a demo seed is, served at /api/local/demo-status as `npm start` does. */
  demo?: DemoStatus;
}

/**
 * A real koe server for tests: the embedded DynamoDB in memory (or the
 * endpoint in KOE_TEST_DYNAMODB_ENDPOINT), the Hono app on a loopback port,
 * the plan and templates loaded and the first admin created.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-test-'));
  const endpoint = process.env.KOE_TEST_DYNAMODB_ENDPOINT;
  let baseUrl = 'http://127.0.0.1';
  const runtime = await startLocalRuntime({
    dataDir,
    inMemory: true,
    ...(endpoint ? { endpoint, tablePrefix: `t${Math.random().toString(36).slice(2, 10)}` } : {}),
    publicBaseUrl: baseUrl,
    ...(options.now ? { now: options.now } : {}),
  });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
  const app = options.web
    ? localFrontDoor(runtime.app, options.web === true ? WEB_DIR : options.web, {
        secure: false,
        ...(options.demo ? { demo: options.demo } : {}),
      })
    : runtime.app;
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime.deps.config.publicBaseUrl = baseUrl;
  return {
    baseUrl,
    runtime,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small JSON client over real HTTP. */
export function client(baseUrl: string) {
  let token: string | undefined;
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json: json as any, text, headers: res.headers };
  };
  return {
    baseUrl,
    call,
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await call('POST', '/api/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
      token = res.json.token;
      return res.json;
    },
    setToken(t: string | undefined) {
      token = t;
    },
  };
}

const custodians = new WeakMap<object, Promise<ReturnType<typeof client>>>();

/**
 * The custodian's client beside an admin's: the admin creates the account
 * (once per server) and the custodian signs in. Tests fetch codes through it,
 * since no admin, analyst or manager can (DESIGN §3, A5).
 */
export function custodian(admin: ReturnType<typeof client>): Promise<ReturnType<typeof client>> {
  let found = custodians.get(admin);
  if (!found) {
    found = (async () => {
      const made = await admin.post('/api/auth/users', { ...CUSTODIAN, role: 'custodian' });
      if (made.status !== 201 && made.status !== 409) {
        throw new Error(`custodian account: ${made.status} ${made.text}`);
      }
      const c = client(admin.baseUrl);
      await c.login(CUSTODIAN.email, CUSTODIAN.password);
      return c;
    })();
    custodians.set(admin, found);
  }
  return found;
}

/**
 * A server's organisation as one unit `A` whose staff are `people` (staff number and e-mail, empty
 * for none), all regular staff: what the delivery tests send codes to.
 */
export async function oneUnitStaff(
  admin: ReturnType<typeof client>,
  people: ReadonlyArray<{ staffNo: string; email: string }>,
): Promise<void> {
  const unit = await admin.post('/api/units', { code: 'A', name: { ja: '課 A' } });
  if (unit.status !== 201) throw new Error(`unit A: ${unit.status} ${unit.text}`);
  const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (const [i, p] of people.entries()) csv.push(`${p.staffNo},職員 ${i + 1},${p.email},A,staff,regular`);
  const imported = await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' });
  if (imported.status !== 200) throw new Error(`roster: ${imported.status} ${imported.text}`);
}
