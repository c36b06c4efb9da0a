import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeHash as codeHashOf } from '../../../functions/crypto/invitation-code';
import { flushAnswers } from '../../../functions/services/answer-buffer';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/**
 * The whole flow over HTTP, with a respondent built only from fetch and
 * @cloudflare/blindrsa-ts: sign in, units, roster, campaign, open,
 * invitations, public campaign, token, finalize, submit, resubmit,
 * participation, close, results.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let campaignId: string;
let invitations: Array<{ staffNo: string; unitCode: string; code: string; url: string }>;
/** The lookup of the first invitation's code before it was used. */
let lookedUp: unknown;

const UNITS = [
  { code: 'ROOT', name: { ja: '本部', en: 'HQ' } },
  { code: 'A', name: { ja: '甲課', en: 'Division A' }, parentCode: 'ROOT' },
  { code: 'B', name: { ja: '乙課', en: 'Division B' }, parentCode: 'ROOT' },
  { code: 'C', name: { ja: '丙課', en: 'Division C' }, parentCode: 'ROOT' },
];
// Key groups of at least 10 (A3): A (12) has its own key; B (6) and C (3) share ROOT's (10 + 6 + 3).
const SIZES: Record<string, number> = { ROOT: 10, A: 12, B: 6, C: 3 };

function roster(): string {
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  let n = 1;
  for (const [unit, size] of Object.entries(SIZES)) {
    for (let i = 0; i < size; i++, n++) {
      lines.push(`T${String(n).padStart(4, '0')},職員 ${n},t${n}@example.jp,${unit},staff,regular`);
    }
  }
  return lines.join('\n');
}

/** POST /api/public/invitations/lookup, as the answer page sends it. */
async function lookup(code: unknown) {
  const res = await fetch(`${server.baseUrl}/api/public/invitations/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** How many ledger and campaign reads a call makes: a known and an unknown code must cost the same. */
async function readsOf(call: () => Promise<unknown>) {
  const { directory, campaigns } = server.runtime.store;
  const getLedgerEntry = directory.getLedgerEntry;
  const getCampaign = campaigns.getCampaign;
  const reads: string[] = [];
  directory.getLedgerEntry = (hash) => {
    reads.push('ledger');
    return getLedgerEntry.call(directory, hash);
  };
  campaigns.getCampaign = (id) => {
    reads.push('campaign');
    return getCampaign.call(campaigns, id);
  };
  try {
    await call();
  } finally {
    directory.getLedgerEntry = getLedgerEntry;
    campaigns.getCampaign = getCampaign;
  }
  return reads;
}

/** Grouped as on the slip, lower case, full-width and spaced: every spelling shared/text/invitation-code.ts folds. */
const spellings = (code: string) => {
  const plain = code.replace(/-/g, '');
  return [
    code,
    plain,
    code.toLowerCase(),
    [...plain].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
    plain.replace(/(.{4})/g, '$1 ').trim(),
  ];
};

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
});
afterAll(async () => server?.close());

describe('respondent flow over HTTP', () => {
  const submitted: Array<Record<string, unknown>> = [];

  it('sets up units, roster and an open campaign with invitations', async () => {
    for (const u of UNITS) expect((await admin.post('/api/units', u)).status).toBe(201);
    const imported = await admin.post('/api/staff/import', roster(), { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({ imported: 31, updated: 0, errors: [] });

    const templates = await admin.get('/api/templates');
    expect(templates.status).toBe(200);
    const templateId = templates.json[0].id;
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId,
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('draft');
    campaignId = created.json.id;

    const opened = await admin.post(`/api/campaigns/${campaignId}/open`);
    expect(opened.json).toEqual({ id: campaignId, status: 'open' });

    const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
    expect(inv.status).toBe(200);
    invitations = inv.json.invitations;
    expect(invitations).toHaveLength(31);
    expect(new Set(invitations.map((i) => i.code)).size).toBe(31);
    expect(invitations[0]!.url).toContain(campaignId);
  });

  it('finds the open survey of a code typed alone, and nothing else about it', async () => {
    const known = invitations[0]!.code;
    const expected = {
      campaign: {
        id: campaignId,
        title: expect.objectContaining({ ja: expect.any(String) }),
        opensAt: '2026-06-01T00:00:00+09:00',
        closesAt: '2026-06-30T23:59:59+09:00',
      },
    };
    for (const typed of spellings(known)) {
      const found = await lookup(typed);
      expect(found.status, typed).toBe(200);
      expect(found.body, typed).toEqual(expected);
    }
    // Only the id, the title and the dates: no unit, no key, no state of the invitation.
    const found = await lookup(known);
    expect(Object.keys(found.body)).toEqual(['campaign']);
    expect(Object.keys(found.body.campaign).sort()).toEqual(['closesAt', 'id', 'opensAt', 'title']);
    lookedUp = found.body;

    // A well-formed code nobody was given: a 404 in the error shape, after the same reads as a known code.
    const unknown = await lookup('ABCDEFGHJKMNPQRSTVWXYZ0123');
    expect(unknown).toEqual({
      status: 404,
      body: { error: { code: 'unknown_code', message: 'this invitation code is not valid' } },
    });
    expect(await readsOf(() => lookup(known))).toEqual(['ledger', 'campaign']);
    expect(await readsOf(() => lookup('ABCDEFGHJKMNPQRSTVWXYZ0123'))).toEqual(['ledger', 'campaign']);

    // Not a code at all: the 400 every public route gives.
    const short = await lookup('ABCD-EFGH');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('invalid_request');
  });

  it('never takes the code from a URL: the GET form is refused unread, a query is not a body', async () => {
    const code = invitations[0]!.code;
    const get = await fetch(`${server.baseUrl}/api/public/invitations/lookup?code=${code}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(((await get.json()) as any).error.code).toBe('method_not_allowed');
    const query = await fetch(`${server.baseUrl}/api/public/invitations/lookup?code=${code}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(query.status).toBe(400);
    expect(JSON.stringify(await query.json())).not.toContain(campaignId);
  });

  it('issues one token per invitation and accepts signed answers', async () => {
    const r = respondent(server.baseUrl);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const inv of invitations) {
      const cred = await r.obtain(campaignId, inv.code);
      const answers = answersFor(cred.survey, rand);
      const res = await r.submit(cred, answers, { jobLevel: 'staff' });
      // Accepted and held for the next shuffled batch (A2), not written yet.
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('pending');
      expect(typeof res.body.receipt).toBe('string');
      submitted.push({ unit: inv.unitCode, cred, answers });
    }
    // Resubmitting with the same token replaces, in the buffer while pending.
    const first = submitted[0]! as any;
    const changed = {
      ...first.answers,
      'psy.raise_problems': first.answers['psy.raise_problems'] === 5 ? 1 : 5,
    };
    const again = await r.submit(first.cred, changed);
    expect(again.status).toBe(202);
    expect(again.body.receipt).toBe((await r.status(first.cred)).body.receipt);
    first.answers = changed;
  });

  it('answers a lookup the same whether or not the code was used', async () => {
    expect(
      (await server.runtime.store.directory.getLedgerEntry(codeHashOf(invitations[0]!.code)))?.state,
    ).toBe('issued');
    expect(await lookup(invitations[0]!.code)).toEqual({ status: 200, body: lookedUp });
  });

  it('writes the answers at the batch time; the status check follows them', async () => {
    const r = respondent(server.baseUrl);
    const first = submitted[0]! as any;
    expect((await r.status(first.cred)).body.status).toBe('pending');
    // Live counts move when the batch is written, not at submit.
    expect((await admin.get(`/api/campaigns/${campaignId}/participation`)).json.responses).toBe(0);
    await flushAnswers(server.runtime.store);
    expect((await r.status(first.cred)).body).toEqual({ receipt: expect.any(String), status: 'stored' });
    // The same answers again: already stored, nothing to write.
    const same = await r.submit(first.cred, first.answers);
    expect(same.status).toBe(200);
    expect(same.body.status).toBe('stored');
    // Changed answers for a stored token: a replacement, pending until the next batch.
    const changed = {
      ...first.answers,
      'psy.raise_problems': first.answers['psy.raise_problems'] === 4 ? 2 : 4,
    };
    const replaced = await r.submit(first.cred, changed);
    expect(replaced.status).toBe(202);
    await flushAnswers(server.runtime.store);
    first.answers = changed;
    expect((await r.submit(first.cred, changed)).status).toBe(200);
  });

  it('shows participation while open and refuses results', async () => {
    const p = await admin.get(`/api/campaigns/${campaignId}/participation`);
    expect(p.status).toBe(200);
    expect(p.json.invited).toBe(31);
    expect(p.json.tokensIssued).toBe(31);
    expect(p.json.responses).toBe(31);
    expect(p.json.units.find((u: any) => u.unitCode === 'A')).toEqual({
      unitCode: 'A',
      invited: 12,
      responses: 12,
      rate: 1,
    });
    const results = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(results.status).toBe(409);
    expect(results.json.error.code).toBe('campaign_open');
    // While open, the ledger keeps who used an invitation, but no time of any kind.
    const entries = await server.runtime.store.directory.listLedger(campaignId);
    expect(entries).toHaveLength(31);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual([
        'blindedHash',
        'campaignId',
        'codeHash',
        'staffNo',
        'state',
        'unitCode',
      ]);
      expect(JSON.stringify(e)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });

  it('closes and serves results with small units hidden', async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).json.status).toBe('closed');
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    const byUnit = Object.fromEntries(res.json.units.map((u: any) => [u.unitCode, u]));
    expect(byUnit.A.suppressed).toBe(false);
    expect(byUnit.A.n).toBe(12);
    // B and C share ROOT's key: their answers are ROOT's own, so they show nothing of their own.
    expect(byUnit.B).toMatchObject({ suppressed: true, n: null, reason: 'in_key_group' });
    expect(byUnit.C).toMatchObject({ suppressed: true, n: null, reason: 'in_key_group' });
    expect(byUnit.ROOT).toMatchObject({ suppressed: false, n: 31 });
    for (const cell of [...byUnit.B.constructs, ...byUnit.C.constructs]) {
      expect(cell).toMatchObject({ suppressed: true, n: null, favourable: null, mean: null });
    }
    expect(res.json.overall.n).toBe(31);
  });

  it("scopes results to a manager's own subtree", async () => {
    const created = await admin.post('/api/auth/users', {
      email: 'manager.a@example.jp',
      password: 'manager-a-password',
      role: 'manager',
      unitCode: 'A',
    });
    expect(created.status).toBe(201);
    const manager = client(server.baseUrl);
    await manager.login('manager.a@example.jp', 'manager-a-password');
    const res = await manager.get(`/api/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    expect(res.json.units.map((u: any) => u.unitCode)).toEqual(['A']);
    expect(res.json.overall.n).toBe(12);
    expect(res.json.breakdowns).toEqual({ jobLevel: [], ageBand: [], employmentType: [] });
    expect(res.json.comments).toEqual({ suppressed: true, texts: [] });
    expect((await manager.get(`/api/campaigns/${campaignId}/participation`)).status).toBe(403);
    expect((await manager.get('/api/indicators?from=2023&to=2027')).status).toBe(403);
  });

  it('computes favourable % that matches an independent recomputation', async () => {
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    const template = (await admin.get('/api/templates/annual-staff-survey-v1')).json;
    for (const construct of template.constructs) {
      const scored = construct.items.filter((i: any) => i.type === 'likert5' && i.scored);
      if (scored.length === 0) continue;
      const recompute = (rows: any[]) => {
        let fav = 0;
        let all = 0;
        for (const row of rows) {
          for (const item of scored) {
            const v = row.answers[item.id];
            if (typeof v !== 'number') continue;
            const x = item.reverse ? 6 - v : v;
            all++;
            if (x >= 4) fav++;
          }
        }
        return fav / all;
      };
      const overall = res.json.overall.constructs.find((c: any) => c.constructId === construct.id);
      // 31 respondents: enough for the sensitive threshold (10) overall.
      expect(overall.suppressed).toBe(false);
      if (!overall.suppressed) expect(overall.favourable).toBeCloseTo(recompute(submitted), 10);
      const unitA = res.json.units
        .find((u: any) => u.unitCode === 'A')
        .constructs.find((c: any) => c.constructId === construct.id);
      // Unit A has 12: shown at k = 5, but hidden for the harassment module (k_sensitive = 10 needs
      // complementary protection of B and C, which are hidden anyway).
      if (!unitA.suppressed) {
        expect(unitA.favourable).toBeCloseTo(recompute(submitted.filter((s: any) => s.unit === 'A')), 10);
      }
    }
  });

  it('keeps nothing in the responses table that could name a respondent', async () => {
    const { store } = server.runtime;
    const out = await store.doc.send(new ScanCommand({ TableName: store.config.tables.responses }));
    const items = out.Items ?? [];
    expect(items).toHaveLength(31);
    const staff = await store.directory.listStaff();
    const forbidden = [
      ...staff.flatMap((s) => [s.staffNo, s.name, s.email].filter(Boolean)),
      ...invitations.flatMap((i) => [i.code, i.code.replace(/-/g, '')]),
      '127.0.0.1',
      'localhost',
      'node',
      'undici',
      'Mozilla',
    ];
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['a', 'd', 'h', 'pk', 'q', 'sk', 'u']);
      const text = JSON.stringify(item);
      for (const needle of forbidden) expect(text).not.toContain(needle);
      // The day at most: no time of day anywhere.
      expect(text).not.toMatch(/\d{2}:\d{2}/);
      expect(item.d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(item.sk).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('reduces the invitation ledger to per-unit counts at close', async () => {
    expect(await server.runtime.store.directory.listLedger(campaignId)).toEqual([]);
    const p = await admin.get(`/api/campaigns/${campaignId}/participation`);
    expect(p.json).toMatchObject({ invited: 31, tokensIssued: 31, responses: 31 });
    expect(p.json.units.find((u: any) => u.unitCode === 'A')).toMatchObject({ invited: 12, responses: 12 });
  });
  it('answers a code of a closed survey exactly as an unknown one', async () => {
    const closed = await lookup(invitations[1]!.code);
    const unknown = await lookup('ABCDEFGHJKMNPQRSTVWXYZ0123');
    expect(closed).toEqual(unknown);
    expect(closed.status).toBe(404);
  });
});
