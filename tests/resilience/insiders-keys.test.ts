import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../functions/seed/demo';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { answersFor } from '../support/answers';
import { respondent } from '../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../support/server';
import { dumpResponses, joinWithRoster, type RosterPerson } from './support/dump-join';

/**
 * Issue 13, played by the people who run koe (findings 3, 4, 6, 9's second
 * half, and "a campaign accepts k = 3"), against the running app:
 * - HR gives one person a unit of their own before opening (finding 3);
 * - the operator joins a dump of the responses table with the roster
 *   (finding 4), here and on the demo data;
 * - a harassment item answered by fewer than k_sensitive people (finding 6);
 * - HR changes the roster, the units and k after the close, hoping the
 *   results move (finding 9);
 * - HR asks for k = 3.
 */

const K = 5;
const LEVELS = ['staff', 'senior', 'chief', 'deputy', 'manager'];
const AGES = ['under30', '30s', '40s', '50s', '60plus'];
const KINDS = ['regular', 'reappointed', 'fiscal_year', 'fixed_term'];

interface Person {
  staffNo: string;
  unitCode: string;
  jobLevel: string;
  ageBand: string;
  employmentType: string;
}

/** CITY (no staff of its own) with HQ (14), SMALL (6), TINY (3) and DEPT (12) under it. */
const UNITS = [
  { code: 'CITY', name: { ja: '市役所', en: 'City' } },
  { code: 'HQ', name: { ja: '本庁', en: 'Head office' }, parentCode: 'CITY' },
  { code: 'SMALL', name: { ja: '小さな課', en: 'Small division' }, parentCode: 'CITY' },
  { code: 'TINY', name: { ja: '極小の係', en: 'Tiny section' }, parentCode: 'CITY' },
  { code: 'DEPT', name: { ja: '事業部', en: 'Department' }, parentCode: 'CITY' },
];
const SIZES: Record<string, number> = { HQ: 14, SMALL: 6, TINY: 3, DEPT: 12 };

function people(): Person[] {
  const out: Person[] = [];
  let n = 0;
  for (const [unitCode, size] of Object.entries(SIZES)) {
    for (let i = 0; i < size; i++, n++) {
      // Attributes spread so that most full combinations are unique, as in a real roster.
      out.push({
        staffNo: `K${String(n + 1).padStart(4, '0')}`,
        unitCode,
        // Most are staff (as in a city), the rest spread over the other levels.
        jobLevel: n % 3 === 0 ? LEVELS[(n / 3) % LEVELS.length]! : 'staff',
        ageBand: AGES[(n * 3) % AGES.length]!,
        employmentType: KINDS[(n >> 1) % KINDS.length]!,
      });
    }
  }
  return out;
}

const csv = (rows: readonly Person[]) =>
  [
    'staffNo,name,email,unitCode,jobLevel,employmentType,ageBand',
    ...rows.map(
      (p) => `${p.staffNo},職員 ${p.staffNo},,${p.unitCode},${p.jobLevel},${p.employmentType},${p.ageBand}`,
    ),
  ].join('\n');

let server: TestServer;
let admin: ReturnType<typeof client>;
let roster: Person[];
let campaignId: string;
let invitations: Array<{ staffNo: string; unitCode: string; code: string }>;
let keyList: any;
const SOLO_PERSON = 'K0001';

async function importRoster(rows: readonly Person[]) {
  const res = await admin.post('/api/staff/import', csv(rows), { 'content-type': 'text/csv' });
  expect(res.status, res.text).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  for (const u of UNITS) expect((await admin.post('/api/units', u)).status).toBe(201);
  roster = people();
  await importRoster(roster);
}, 60_000);
afterAll(async () => server?.close());

describe('finding 3: a unit of one', () => {
  it('HR moves one person into a unit of their own and opens: that person shares a key group of at least 10', async () => {
    expect(
      (await admin.post('/api/units', { code: 'SOLO', name: { ja: '特命担当' }, parentCode: 'CITY' })).status,
    ).toBe(201);
    // A one-line roster import: K0001 now works alone in SOLO.
    const moved = roster.find((p) => p.staffNo === SOLO_PERSON)!;
    moved.unitCode = 'SOLO';
    await importRoster([moved]);
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    });
    expect(created.status).toBe(201);
    campaignId = created.json.id;
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);
    invitations = (await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`)).json
      .invitations;
    expect(invitations).toHaveLength(roster.length);

    // The published list (A4), read without signing in.
    const res = await fetch(`${server.baseUrl}/api/public/campaigns/${campaignId}/keys`);
    expect(res.status).toBe(200);
    keyList = await res.json();
    const invited = new Map<string, number>();
    for (const p of roster) invited.set(p.unitCode, (invited.get(p.unitCode) ?? 0) + 1);
    const groupOf = new Map<string, any>();
    for (const g of keyList.groups) {
      // No signing key serves fewer than k_sensitive = 10 invited people.
      expect(g.invited).toBeGreaterThanOrEqual(10);
      expect(g.invited).toBe(g.units.reduce((n: number, u: any) => n + (invited.get(u.code) ?? 0), 0));
      for (const u of g.units) groupOf.set(u.code, g);
    }
    // Every unit under 10 (SOLO with 1, TINY with 3, SMALL with 6) shares a group with others.
    for (const [unit, n] of invited) {
      if (n < 10) expect(groupOf.get(unit).units.length, unit).toBeGreaterThan(1);
    }
    expect(groupOf.get('SOLO').invited).toBeGreaterThanOrEqual(10);

    // What the person's own answer page is told: their group, not a key of their own.
    const r = respondent(server.baseUrl);
    const mine = invitations.find((i) => i.staffNo === SOLO_PERSON)!;
    const page = await r.campaign(campaignId, mine.code);
    expect(page.status).toBe(200);
    expect(page.body.unit.code).toBe('SOLO');
    expect(page.body.keyGroup.units.map((u: any) => u.code)).toContain('SOLO');
    expect(page.body.keyGroup.invited).toBeGreaterThanOrEqual(10);
    const listed = keyList.groups.find((g: any) => g.groupId === page.body.keyGroup.id);
    expect(page.body.keyGroup.fingerprint).toBe(listed.fingerprint);
    expect(page.body.keyId).toBe(listed.keyId);
    // A colleague in TINY gets the very same key.
    const tiny = invitations.find((i) => i.unitCode === 'TINY')!;
    expect((await r.campaign(campaignId, tiny.code)).body.keyId).toBe(page.body.keyId);
  });

  it('publishes the same list to everyone, with fingerprints of the keys actually used', async () => {
    const again = await (await fetch(`${server.baseUrl}/api/public/campaigns/${campaignId}/keys`)).text();
    expect(JSON.parse(again)).toEqual(keyList);
    expect(keyList.campaign).toMatchObject({ id: campaignId, fiscalYear: 2026, status: 'open' });
    const keys = await server.runtime.store.campaigns.listUnitKeys(campaignId);
    for (const g of keyList.groups) {
      const key = keys.find((k) => k.keyId === g.keyId)!;
      const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(key.publicKeySpki)));
      expect(g.fingerprint.replaceAll(' ', '')).toBe(digest.toString('hex'));
      expect(g.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    }
  });

  it('invites the population frozen at open: a roster change afterwards changes nothing', async () => {
    const late = { ...roster[0]!, staffNo: 'LATE01', unitCode: 'HQ' };
    await importRoster([late]);
    const again = (await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`)).json
      .invitations;
    expect(again.map((i: any) => i.staffNo)).toEqual(invitations.map((i) => i.staffNo));
    expect(again.some((i: any) => i.staffNo === 'LATE01')).toBe(false);
  });
});

describe('finding 4 and 6: answers, the dump and the roster', () => {
  const stated: Array<{ u: string; a: Record<string, string> }> = [];

  it('everyone answers with their true attributes; a harassment item is answered by only 7', async () => {
    const r = respondent(server.baseUrl);
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const byNo = new Map(roster.map((p) => [p.staffNo, p]));
    let answeredReportSafe = 0;
    for (const inv of invitations) {
      const person = byNo.get(inv.staffNo)!;
      const cred = await r.obtain(campaignId, inv.code);
      const answers = answersFor(cred.survey, rand);
      // Optional: only the first 7 answer it, so its n (7) is between k (5) and k_sensitive (10).
      if (answeredReportSafe < 7) answeredReportSafe++;
      else delete answers['har.report_safe'];
      const attributes = {
        jobLevel: person.jobLevel,
        ageBand: person.ageBand,
        employmentType: person.employmentType,
      };
      const res = await r.submit(cred, answers, attributes);
      expect(res.status).toBe(202);
      // What the store kept before key groups and A1: the person's own unit and every stated attribute.
      stated.push({ u: person.unitCode, a: attributes });
    }
  }, 120_000);

  it('a dump of the responses joined with the roster leaves every answer among at least k people', async () => {
    // Answers wait for their shuffled batch (A2): write it, as the day boundary or the close would.
    await flushAnswers(server.runtime.store);
    const rows = await dumpResponses(server.runtime.store, campaignId);
    expect(rows).toHaveLength(roster.length);
    const unitsOf = new Map<string, string[]>(
      keyList.groups.map((g: any) => [g.groupId, g.units.map((u: any) => u.code)]),
    );
    // Stored units are key groups only.
    for (const row of rows) expect(unitsOf.has(row.u)).toBe(true);
    const people: RosterPerson[] = roster;
    const before = joinWithRoster(stated, people, (u) => [u], K);
    const after = joinWithRoster(rows, people, (u) => unitsOf.get(u) ?? [], K);
    console.log(`dump ⋈ roster, ${rows.length} answers: before`, before, 'after', after);
    // Before: the unit and the stated attributes pinned most answers to one person.
    expect(before.pinned).toBeGreaterThan(rows.length / 2);
    expect(after.belowK).toBe(0);
    expect(after.smallest).toBeGreaterThanOrEqual(K);
    // And the coarsening kept what it safely could: some answers still carry an attribute.
    expect(rows.some((r) => Object.keys(r.a).length > 0)).toBe(true);
  });

  it('closes; units inside a key group show nothing of their own; a sensitive item with n = 7 is hidden', async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    const byUnit = new Map(res.json.units.map((u: any) => [u.unitCode, u]));
    for (const code of ['SOLO', 'TINY', 'SMALL']) {
      expect(byUnit.get(code)).toMatchObject({ suppressed: true, n: null, reason: 'in_key_group' });
    }
    const item = (id: string) => res.json.itemScores.find((i: any) => i.itemId === id);
    // The harassment construct as a whole has n = 35 ≥ 10; this one item has n = 7 < 10.
    expect(item('har.report_safe')).toMatchObject({ suppressed: true, n: null, favourable: null });
    expect(item('har.knows_where_to_consult')).toMatchObject({ suppressed: false, n: roster.length });
    // A non-sensitive item is shown at k.
    expect(item('psy.raise_problems').suppressed).toBe(false);
  });
});

describe('finding 9: results of a closed campaign never change', () => {
  it('stay byte-identical after the roster, the units and (attempted) k change', async () => {
    const first = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(first.status).toBe(200);
    // HR rebuilds the organisation: new unit, everyone moved there, attributes rewritten.
    expect((await admin.post('/api/units', { code: 'NEW', name: { ja: '新組織' } })).status).toBe(201);
    await importRoster(
      roster.map((p, i) => ({
        ...p,
        unitCode: i % 2 ? 'NEW' : 'TINY',
        jobLevel: 'manager',
        ageBand: '60plus',
      })),
    );
    // k cannot be changed once open.
    const patched = await admin.call('PATCH', `/api/campaigns/${campaignId}`, { minGroupSize: 50 });
    expect(patched.status).toBe(409);
    // Closing again, or running the results job again, is refused or changes nothing.
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(409);
    await server.runtime.deps.runResults(campaignId);
    const second = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(second.text).toBe(first.text);
    // No superseded version is kept to compare with.
    const out = await server.runtime.store.doc.send(
      new QueryCommand({
        TableName: server.runtime.store.config.tables.surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RESULT#${campaignId}` },
      }),
    );
    const versions = new Set(
      (out.Items ?? [])
        .filter((i) => String(i.sk).startsWith('BODY#'))
        .map((i) => String(i.sk).split('#')[1]),
    );
    expect(versions.size).toBe(1);
  });
});

describe('finding 6 where results are served', () => {
  it('hides a sensitive item under k_sensitive even when a stored result shows it', async () => {
    const { store } = server.runtime;
    const stored: any = await store.results.getResults(campaignId);
    const summary = await store.results.getResultSummary(campaignId);
    // A result stored by an older engine that showed the item at n = 7.
    const item = stored.itemScores.find((i: any) => i.itemId === 'har.report_safe');
    Object.assign(item, {
      n: 7,
      suppressed: false,
      favourable: 0.5,
      distribution: [0.2, 0.2, 0.1, 0.3, 0.2],
    });
    const keys = await store.doc.send(
      new QueryCommand({
        TableName: store.config.tables.surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RESULT#${campaignId}` },
      }),
    );
    for (const i of keys.Items ?? []) {
      await store.doc.send(
        new DeleteCommand({ TableName: store.config.tables.surveys, Key: { pk: i.pk, sk: i.sk } }),
      );
    }
    expect(await store.results.putResults(campaignId, stored, summary!)).toBe(true);
    const served = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(served.json.itemScores.find((i: any) => i.itemId === 'har.report_safe')).toMatchObject({
      n: null,
      suppressed: true,
      favourable: null,
      distribution: null,
    });
  });
});

describe('"a campaign accepts k = 3"', () => {
  it('refuses k below 5 when a campaign is created or edited', async () => {
    const base = {
      fiscalYear: 2027,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2027-06-01T00:00:00+09:00',
      closesAt: '2027-06-30T23:59:59+09:00',
    };
    for (const k of [3, 4]) {
      const res = await admin.post('/api/campaigns', { ...base, minGroupSize: k });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/at least 5/);
    }
    const draft = await admin.post('/api/campaigns', base);
    expect(draft.json.minGroupSize).toBe(5);
    const edited = await admin.call('PATCH', `/api/campaigns/${draft.json.id}`, { minGroupSize: 3 });
    expect(edited.status).toBe(400);
  });
});

describe('finding 4 on the demo data', () => {
  let demo: TestServer;
  beforeAll(async () => {
    demo = await startTestServer();
    await seedDemo({ app: demo.runtime.app, deps: demo.runtime.deps }, { scale: 0.2 });
  }, 600_000);
  afterAll(async () => demo?.close());

  it('leaves every stored demo answer among at least k people of the roster, every fiscal year', async () => {
    const store = demo.runtime.store;
    const staff: RosterPerson[] = await store.directory.listStaff();
    const campaigns = await store.campaigns.listCampaigns();
    // FY2023–FY2026 annual, and FY2025's pulse survey.
    expect(campaigns).toHaveLength(5);
    for (const c of campaigns.sort((a, b) => a.fiscalYear - b.fiscalYear)) {
      const list = (await (await fetch(`${demo.baseUrl}/api/public/campaigns/${c.id}/keys`)).json()) as any;
      const unitsOf = new Map<string, string[]>(
        list.groups.map((g: any) => [g.groupId, g.units.map((u: any) => u.code)]),
      );
      const rows = await dumpResponses(store, c.id);
      const join = joinWithRoster(rows, staff, (u) => unitsOf.get(u) ?? [], c.minGroupSize);
      console.log(`demo FY${c.fiscalYear}: ${JSON.stringify(join)}`);
      expect(rows.length).toBeGreaterThan(0);
      expect(join.belowK).toBe(0);
      for (const g of list.groups) expect(g.invited).toBeGreaterThanOrEqual(10);
    }
  });
});
