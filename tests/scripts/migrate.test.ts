import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app';
import { createAwsDeps } from '../../functions/lambda/aws-deps';
import { startLocalRuntime } from '../../functions/local/runtime';
import { ensureFirstAdmin } from '../../functions/services/accounts';
import { seedBase } from '../../functions/seed/base';
import { seedDemo } from '../../functions/seed/demo';
import { tablesFor } from '../../functions/store/config';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '../../functions/store/embedded';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { respondent } from '../support/respondent';
import { ADMIN, CUSTODIAN } from '../support/server';

/**
 * `npm run migrate` end to end (issue 20, "Done when"): the demo seeded into
 * a local koe on disk, koe stopped, the CLI run against a second DynamoDB
 * (DynamoDB Local under `npm run test:conformance`, else a second embedded
 * engine on a loopback port) with a fresh key file standing in for KMS, then
 * the AWS-mode app (createAwsDeps, pointed at the target) must answer the
 * dashboard, results, indicators and reports byte for byte as the local app did
 * (on DynamoDB Local: the same JSON up to the order of object keys, which
 * DynamoDB chooses for map attributes; the codes' CSV byte for byte).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC_URL = 'https://koe.example.jp';
const JWT = 'a-test-session-secret-of-at-least-32-characters';

let dataDir: string;
let targetKeyDir: string;
let target: EmbeddedDynamo | undefined;
let endpoint: string;
let embeddedTarget = true;
const prefix = `m${Math.random().toString(36).slice(2, 8)}`;
const before = new Map<string, string>();

function inProcess(app: Hono) {
  let token = '';
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await app.request(url, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    call,
    async login(email: string, password: string) {
      const res = await call('POST', '/api/auth/login', { email, password });
      expect(res.status, res.text).toBe(200);
      token = JSON.parse(res.text).token;
    },
  };
}

/** The console's reads: dashboard (indicators, participation), results, feedback and the codes. */
async function readAll(app: Hono): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const admin = inProcess(app);
  await admin.login(ADMIN.email, ADMIN.password);
  const get = async (url: string) => {
    const res = await admin.call('GET', url);
    expect(res.status, `${url}: ${res.text}`).toBe(200);
    out.set(url, res.text);
    return JSON.parse(res.text);
  };
  await get('/api/plan');
  await get('/api/targets');
  await get('/api/units');
  await get('/api/staff');
  await get('/api/templates');
  await get('/api/indicators?from=2023&to=2027');
  const campaigns = await get('/api/campaigns');
  for (const c of campaigns) {
    await get(`/api/campaigns/${c.id}`);
    await get(`/api/campaigns/${c.id}/participation`);
    if (c.status === 'closed') await get(`/api/campaigns/${c.id}/results`);
  }
  for (const fy of [2023, 2024, 2025, 2026]) await get(`/api/feedback/posts?fiscalYear=${fy}`);
  await get('/api/feedback/indicators?from=2023&to=2027');
  // The custodian's codes of the open campaign: derived from its secret, wrapped again on the way.
  const custodian = inProcess(app);
  await custodian.login(CUSTODIAN.email, CUSTODIAN.password);
  for (const c of campaigns.filter((c: { status: string }) => c.status === 'open')) {
    const url = `/api/campaigns/${c.id}/invitations.csv`;
    const res = await custodian.call('GET', url);
    expect(res.status, res.text).toBe(200);
    out.set(url, res.text);
  }
  return out;
}

/** JSON text with every object's keys sorted. */
function sortedKeys(text: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(text)));
}

/** The AWS functions' environment, pointed at the target, with the key file standing in for KMS. */
function awsEnv(): NodeJS.ProcessEnv {
  const tables = tablesFor(prefix);
  return {
    AWS_REGION: 'ap-northeast-1',
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_DIRECTORY: tables.directory,
    TABLE_SURVEYS: tables.surveys,
    TABLE_RESPONSES: tables.responses,
    TABLE_FEEDBACK: tables.feedback,
    KOE_LOCAL_KEY_DIR: targetKeyDir,
    KOE_JWT_SECRET: JWT,
    KOE_PUBLIC_URL: PUBLIC_URL,
  };
}

function runMigrate(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'koe-migrate-src-'));
  targetKeyDir = await mkdtemp(path.join(tmpdir(), 'koe-migrate-kms-'));
  const runtime = await startLocalRuntime({ dataDir, publicBaseUrl: PUBLIC_URL });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
  await seedDemo({ app: runtime.app, deps: runtime.deps }, { scale: 0.01 });
  const admin = inProcess(runtime.app);
  await admin.login(ADMIN.email, ADMIN.password);
  const made = await admin.call('POST', '/api/auth/users', { ...CUSTODIAN, role: 'custodian' });
  expect(made.status, made.text).toBe(201);
  for (const [url, text] of await readAll(runtime.app)) before.set(url, text);
  await runtime.close();

  const external = process.env.KOE_TEST_DYNAMODB_ENDPOINT;
  embeddedTarget = !external;
  if (!external) target = await startEmbeddedDynamo({});
  endpoint = external ?? target!.endpoint;
}, 600_000);

afterAll(async () => {
  await target?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (targetKeyDir) await rm(targetKeyDir, { recursive: true, force: true });
});

describe('npm run migrate', () => {
  it('moves the demo, verifies it, and the AWS-mode app shows the same dashboard and reports', async () => {
    const deployment = path.join(dataDir, 'deployment.json');
    await writeFile(
      deployment,
      JSON.stringify({ region: 'ap-northeast-1', endpoint, tablesPrefix: prefix, localKeyDir: targetKeyDir }),
    );
    const first = await runMigrate(['--to', deployment, '--data-dir', dataDir]);
    expect(first.output).toContain('migrated and verified');
    expect(first.code).toBe(0);
    for (const table of ['directory', 'surveys', 'feedback', 'responses']) {
      expect(first.output).toMatch(new RegExp(`OK ${table}: (\\d+) / \\1,`));
    }

    // Resuming and re-running are tested on the core (tests/functions/migrate); here the CLI's own report.
    console.log(first.output);

    const deps = await createAwsDeps('admin', { env: awsEnv() });
    // The results function computes on AWS; every demo result was computed before the move.
    const after = await readAll(createApi(deps));
    deps.store.doc.destroy();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [url, text] of before) {
      if (embeddedTarget || url.endsWith('.csv')) expect(after.get(url), url).toBe(text);
      // DynamoDB returns a map's attributes in its own order, so the JSON's keys may come in
      // another order from DynamoDB Local (as from AWS); every value and every list order is the same.
      else expect(sortedKeys(after.get(url)!), url).toBe(sortedKeys(text));
    }

    // The open campaign's signing key, wrapped again, signs on AWS: a respondent obtains a token
    // from the AWS-mode public app with a code from the (unchanged) invitation list.
    const publicDeps = await createAwsDeps('public', { env: { ...awsEnv(), KOE_JWT_SECRET: undefined } });
    const server = serve({ fetch: createApi(publicDeps).fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const csvUrl = [...before.keys()].find((u) => u.endsWith('.csv'))!;
      const campaignId = csvUrl.split('/')[3]!;
      const codes = before
        .get(csvUrl)!
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',')[4]!.replaceAll('"', ''));
      let credential: Awaited<ReturnType<ReturnType<typeof respondent>['obtain']>> | undefined;
      // A code whose holder answered already is refused: take the first that is not.
      for (const code of codes.slice(0, 20)) {
        credential = await respondent(base)
          .obtain(campaignId, code)
          .catch(() => undefined);
        if (credential) break;
      }
      expect(credential?.signature).toBeTruthy();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      publicDeps.store.doc.destroy();
    }
  }, 300_000);
});
