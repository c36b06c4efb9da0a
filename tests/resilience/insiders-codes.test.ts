import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../support/answers';
import { respondent } from '../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../support/server';
import { rosterCsv, type StaffSpec, staffOf } from './support/flow';
import { routesOf } from './support/fuzz';

/**
 * Finding 2 of issue 13 (k − 1 fake answers), played against the running app.
 * Before: HR's admin account received every invitation code in clear
 * (`POST /api/campaigns/:id/invitations`), answered with nine of them,
 * and subtracted its own answers from the totals. Now (DESIGN §3, A5) the
 * system e-mails the codes and a custodian prints slips for staff without
 * e-mail; the custodian reads no results, and no account that reads results
 * reaches a code by any route.
 */

const FY = 2026;
const STAFF = 24;
const NO_EMAIL = 5;
const PASSWORD = 'reader password of some length';

let server: TestServer;
let admin: ReturnType<typeof client>;
let keeper: ReturnType<typeof client>;
let readers: Record<'admin' | 'analyst' | 'manager', ReturnType<typeof client>>;
let campaignId: string;
let staff: StaffSpec[];
/** Every code in play, as printed (grouped) and as in links (plain). */
const codes: string[] = [];

const plain = (code: string) => code.replace(/-/g, '');
const leaked = (text: string) => codes.filter((c) => text.includes(c) || text.includes(plain(c)));

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  for (const u of [
    { code: 'HQ', name: { ja: '本部' } },
    { code: 'A', name: { ja: '課 A' }, parentCode: 'HQ' },
  ]) {
    expect((await admin.post('/api/units', u)).status).toBe(201);
  }
  staff = staffOf([
    { code: 'HQ', staff: 6 },
    { code: 'A', staff: STAFF - 6 },
  ]);
  // The last NO_EMAIL people have no e-mail address: they get a printed slip.
  const csv = rosterCsv(staff)
    .split('\n')
    .map((line, i) => (i > STAFF - NO_EMAIL ? line.replace(/,[a-z0-9]+@example\.jp,/, ',,') : line))
    .join('\n');
  expect((await admin.post('/api/staff/import', csv, { 'content-type': 'text/csv' })).status).toBe(200);
  const created = await admin.post('/api/campaigns', {
    fiscalYear: FY,
    templateId: 'annual-staff-survey-v1',
    opensAt: '2026-06-01T00:00:00+09:00',
    closesAt: '2026-06-30T23:59:59+09:00',
  });
  campaignId = created.json.id;
  expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);

  for (const [role, extra] of [
    ['analyst', {}],
    ['manager', { unitCode: 'HQ' }],
  ] as const) {
    const made = await admin.post('/api/auth/users', {
      email: `${role}@example.jp`,
      password: PASSWORD,
      role,
      ...extra,
    });
    expect(made.status).toBe(201);
  }
  const analyst = client(server.baseUrl);
  await analyst.login('analyst@example.jp', PASSWORD);
  const manager = client(server.baseUrl);
  await manager.login('manager@example.jp', PASSWORD);
  readers = { admin, analyst, manager };
  keeper = await custodian(admin);
}, 60_000);
afterAll(async () => server?.close());

describe('finding 2: the people who read results cannot obtain a code', () => {
  it('the system e-mails one .eml per person with an address, and answers with counts only', async () => {
    const res = await keeper.post(`/api/campaigns/${campaignId}/invitations/deliver`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ sent: STAFF - NO_EMAIL, withoutEmail: NO_EMAIL });

    const outbox = path.join(server.dataDir, 'outbox');
    expect((await fs.stat(outbox)).mode & 0o777).toBe(0o700);
    const files = (await fs.readdir(outbox)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(STAFF - NO_EMAIL);
    const to = new Set<string>();
    for (const file of files) {
      const full = path.join(outbox, file);
      expect((await fs.stat(full)).mode & 0o777).toBe(0o600);
      const eml = await fs.readFile(full, 'utf8');
      const split = eml.indexOf('\r\n\r\n');
      const head = eml.slice(0, split);
      const body = eml.slice(split + 4);
      expect(head).toMatch(/^From: .+\r\nTo: [a-z0-9]+@example\.jp\r\nSubject: =\?UTF-8\?B\?/);
      expect(head).toContain('MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8');
      expect(head).toMatch(/\r\nDate: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\r\n/);
      expect(head).toMatch(/\r\nMessage-ID: <[0-9a-f]{32}@localhost>\r\n/);
      // Every header line is ASCII and short; the Japanese subject is encoded-words.
      for (const line of head.split('\r\n')) {
        expect(line).toMatch(/^[\x20-\x7e]{1,998}$/);
      }
      const subject = [...head.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/g)]
        .map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'))
        .join('');
      expect(subject).toContain('職員アンケート');
      const person = staff.find((s) => head.includes(`To: ${s.staffNo.toLowerCase()}@example.jp`))!;
      to.add(person.staffNo);
      expect(body).toContain(`職員 ${person.staffNo} 様`);
      // The link carries the code in the fragment only: nothing of it in the path or query.
      const link = /http:\/\/127\.0\.0\.1:\d+\/answer\/#([^\s]+)/.exec(body);
      expect(link, 'a link in the body').not.toBeNull();
      const url = new URL(link![0]);
      expect(url.search).toBe('');
      expect(url.pathname).toBe('/answer/');
      const [id, code] = url.hash.slice(1).split('/');
      expect(id).toBe(campaignId);
      expect(code).toMatch(/^[0-9A-Z]{26}$/);
      const printed = /招待コード: ([0-9A-Z-]+)/.exec(body)![1]!;
      expect(plain(printed)).toBe(code);
      codes.push(printed);
    }
    expect(to.size).toBe(STAFF - NO_EMAIL);
  });

  it('prints slips for the staff without e-mail, reprints on demand, and audits each act without a code', async () => {
    const slips = await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`);
    expect(slips.status).toBe(200);
    expect(slips.json.slips.map((s: { staffNo: string }) => s.staffNo)).toEqual(
      staff.slice(STAFF - NO_EMAIL).map((s) => s.staffNo),
    );
    for (const s of slips.json.slips) {
      expect(s.url).toBe(`${server.baseUrl}/answer/#${campaignId}/${plain(s.code)}`);
      expect(s.name).toBe(`職員 ${s.staffNo}`);
      codes.push(s.code);
    }
    expect(new Set(codes).size).toBe(STAFF);
    const again = [staff[0]!.staffNo, staff[STAFF - 1]!.staffNo];
    const reprint = await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`, { staffNos: again });
    expect(reprint.json.slips.map((s: { staffNo: string }) => s.staffNo)).toEqual(again);
    expect(
      (await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`, { staffNos: ['NOBODY'] })).status,
    ).toBe(400);

    // The yearly feedback codes go the same ways.
    const fb = await keeper.post('/api/feedback/codes/deliver', { fiscalYear: FY });
    expect(fb.json).toEqual({ sent: STAFF - NO_EMAIL, withoutEmail: NO_EMAIL });
    const fbSlips = await keeper.post('/api/feedback/codes/slips', { fiscalYear: FY });
    expect(fbSlips.json.slips).toHaveLength(NO_EMAIL);
    const fbAll = await keeper.post('/api/feedback/codes', { fiscalYear: FY });
    for (const c of fbAll.json.codes) codes.push(c.code);
    expect(new Set(codes).size).toBe(2 * STAFF);

    const log = await server.runtime.store.audit.listMonth(new Date().toISOString().slice(0, 7));
    const acts = log.map((e) => `${e.actor} ${e.action} ${e.target}`);
    expect(acts).toEqual(
      expect.arrayContaining([
        `custodian@example.jp invitations.delivered ${campaignId}`,
        `custodian@example.jp invitations.slips_printed ${campaignId}`,
        `custodian@example.jp invitations.slips_reprinted ${campaignId}`,
        `custodian@example.jp feedback_codes.delivered FY${FY}`,
        `custodian@example.jp feedback_codes.slips_printed FY${FY}`,
        `custodian@example.jp feedback_codes.listed FY${FY}`,
      ]),
    );
    const reprinted = log.find((e) => e.action === 'invitations.slips_reprinted')!;
    expect(reprinted.detail).toEqual({ count: 2, staffNos: again.join(' ') });
    expect(log.find((e) => e.action === 'invitations.delivered')!.detail).toMatchObject({
      sent: STAFF - NO_EMAIL,
      withoutEmail: NO_EMAIL,
    });
    expect(leaked(JSON.stringify(log))).toEqual([]);
  });

  it('staff answer with their own codes; the campaign closes with results', async () => {
    const r = respondent(server.baseUrl);
    let seed = 7;
    const pick = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (const code of codes.slice(0, 12)) {
      const cred = await r.obtain(campaignId, code);
      expect((await r.submit(cred, answersFor(cred.survey, pick))).status).toBe(202);
    }
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    expect((await admin.get(`/api/campaigns/${campaignId}/results`)).status).toBe(200);
  });

  it('as admin, analyst or manager, no route of the app or of the OpenAPI document returns a code', async () => {
    // Every route the app serves and every one the contract lists, with :id the campaign.
    const fromApp = routesOf(server.runtime.app).map((r) => `${r.method} ${r.path}`);
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const fromDoc = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p.replace('{id}', ':id')}`),
    );
    const routes = [...new Set([...fromApp, ...fromDoc])].filter((r) => r !== 'POST /api/auth/logout');
    const bodies = [
      undefined,
      {},
      { fiscalYear: FY },
      { staffNos: [staff[0]!.staffNo] },
      { unitCodes: ['HQ'] },
      { code: codes[0] },
    ];
    let requests = 0;
    let refused = 0;
    const found = new Set<string>();
    for (const [role, reader] of Object.entries(readers)) {
      for (const route of routes) {
        const [method, pattern] = route.split(' ') as [string, string];
        const url = pattern.replace(':id', campaignId);
        for (const body of method === 'GET' ? [undefined] : bodies) {
          const res = await reader.call(method, url, body);
          requests++;
          if (res.status === 403) refused++;
          const hits = leaked(res.text + JSON.stringify([...res.headers]));
          for (const h of hits) found.add(`${role} ${route}: ${h}`);
        }
      }
      // The old ways in, one by one: each refused outright.
      for (const [method, url, body] of [
        ['POST', `/api/campaigns/${campaignId}/invitations`, undefined],
        ['GET', `/api/campaigns/${campaignId}/invitations.csv`, undefined],
        ['POST', `/api/campaigns/${campaignId}/invitations/slips`, undefined],
        ['POST', `/api/campaigns/${campaignId}/invitations/deliver`, undefined],
        ['POST', '/api/feedback/codes', { fiscalYear: FY }],
        ['POST', '/api/feedback/codes/slips', { fiscalYear: FY }],
        ['POST', '/api/feedback/codes/deliver', { fiscalYear: FY }],
      ] as const) {
        const res = await reader.call(method, url, body);
        expect(res.status, `${role} ${method} ${url}`).toBe(403);
      }
    }
    expect([...found]).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(35);
    expect(requests).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);

  it('the custodian obtains codes but is refused results, indicators and posts', async () => {
    // The roster and participation counts stay open to the custodian: they say who is invited and how
    // many answered, never what (DESIGN §3, A5 lists results, comments, indicators and posts).
    for (const url of [
      `/api/campaigns/${campaignId}/results`,
      '/api/indicators?from=2023&to=2026',
      `/api/feedback/posts?fiscalYear=${FY}`,
      '/api/feedback/indicators?from=2023&to=2026',
    ]) {
      const res = await keeper.get(url);
      expect(res.status, url).toBe(403);
    }
    // A closed campaign takes no more invitations: the custodian cannot make new codes for it.
    expect((await keeper.post(`/api/campaigns/${campaignId}/invitations/deliver`)).status).toBe(409);
  });

  it('the old code routes take no code in the URL any more', async () => {
    const code = plain(codes[0]!);
    const old = await fetch(`${server.baseUrl}/api/public/campaigns/${campaignId}?code=${code}`);
    expect(old.status).toBe(405);
    expect(old.headers.get('allow')).toBe('POST');
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    const key = await fetch(`${server.baseUrl}/api/public/feedback/key?code=${plain(codes[STAFF]!)}`);
    expect(key.status).toBe(405);
  });
});
