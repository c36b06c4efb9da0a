import { flushAnswers } from '../../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/** Every error case of the public routes (DESIGN §6), over HTTP. */

let server: TestServer;
let admin: ReturnType<typeof client>;
let r: ReturnType<typeof respondent>;
let campaignId: string;
let invitations: Array<{ staffNo: string; unitCode: string; code: string }>;

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  r = respondent(server.baseUrl);
  await admin.login();
  await admin.post('/api/units', { code: 'A', name: { ja: '甲' } });
  await admin.post('/api/units', { code: 'B', name: { ja: '乙' } });
  const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  // Ten a unit: each unit is a key group of its own (A3), so A and B have different keys.
  for (let i = 1; i <= 20; i++) csv.push(`P${i},職員${i},,${i <= 10 ? 'A' : 'B'},staff,regular`);
  await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' });
  const created = await admin.post('/api/campaigns', {
    fiscalYear: 2026,
    templateId: 'annual-staff-survey-v1',
    opensAt: '2026-06-01T00:00:00+09:00',
    closesAt: '2026-06-30T00:00:00+09:00',
  });
  campaignId = created.json.id;
});
afterAll(async () => server?.close());

describe('before the campaign opens', () => {
  // Who is invited is frozen when the campaign opens (A3): a draft has no invitations, no codes.
  it('refuses invitations, and so has no code to answer with', async () => {
    const res = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('wrong_status');
    expect(await server.runtime.store.directory.listLedger(campaignId)).toEqual([]);
    const keys = await fetch(`${server.baseUrl}/api/public/campaigns/${campaignId}/keys`);
    expect(keys.status).toBe(409);
  });
});

describe('while open', () => {
  beforeAll(async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);
    invitations = (await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`)).json
      .invitations;
  });

  it('answers an unknown code with 404, in GET and in POST', async () => {
    const unknown = 'ZZZZ-ZZZZ-ZZZZZ-ZZZZ-ZZZZ-ZZZZZ';
    expect((await r.campaign(campaignId, unknown)).status).toBe(404);
    const res = await r.requestSignature(unknown, new Uint8Array(256).fill(7));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown_code');
  });

  it('accepts a code typed in lower case without hyphens, with I/L/O for 1/1/0', async () => {
    const code = invitations[1]!.code;
    const typed = code.replace(/-/g, '').toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
    expect((await r.campaign(campaignId, typed)).status).toBe(200);
  });

  it('rejects a malformed blinded message with 400 and keeps the invitation unused', async () => {
    const code = invitations[2]!.code;
    for (const blindedMessage of ['not base64!', 'AAAA', 'A'.repeat(342).replace(/A$/, '=')]) {
      const res = await fetch(`${server.baseUrl}/api/public/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, blindedMessage }),
      });
      expect(res.status).toBe(400);
    }
    // A blinded message of the right length but ≥ n is refused by the signer, also before claiming.
    const tooBig = await r.requestSignature(code, new Uint8Array(256).fill(255));
    expect(tooBig.status).toBe(400);
    const entries = await server.runtime.store.directory.listLedger(campaignId);
    expect(entries.find((e) => e.staffNo === invitations[2]!.staffNo)?.state).toBe('invited');
  });

  it('gives the same signature for the same blinded message, and 409 for another', async () => {
    const code = invitations[0]!.code;
    const page = await r.campaign(campaignId, code);
    const first = await r.blind(page.body.publicKey);
    const a = await r.requestSignature(code, first.blindedMsg);
    const b = await r.requestSignature(code, first.blindedMsg);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const second = await r.blind(page.body.publicKey);
    const c = await r.requestSignature(code, second.blindedMsg);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('code_used');
    const p = await admin.get(`/api/campaigns/${campaignId}/participation`);
    expect(p.json.tokensIssued).toBe(1);
  });

  it('rejects a forged signature and one from another unit key with 401', async () => {
    const inA = invitations.find((i) => i.unitCode === 'A' && i !== invitations[0])!;
    const inB = invitations.find((i) => i.unitCode === 'B')!;
    const credA = await r.obtain(campaignId, inA.code);
    const credB = await r.obtain(campaignId, inB.code);
    const answers = answersFor(credA.survey, () => 0.5);
    const forged = Buffer.from(credA.signature, 'base64url');
    forged[10] = forged[10]! ^ 1;
    const bad = await r.submit({ ...credA, signature: b64u(forged) }, answers);
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('bad_signature');
    // B's token presented as if signed by A's key: the unit cannot be misreported.
    const crossed = await r.submit({ ...credB, keyId: credA.keyId }, answers);
    expect(crossed.status).toBe(401);
    // A different token with A's signature.
    const swapped = await r.submit({ ...credA, token: credB.token }, answers);
    expect(swapped.status).toBe(401);
    let stored = 0;
    await server.runtime.store.responses.forEach(campaignId, () => stored++);
    expect(stored).toBe(0);
    // The honest submissions still work.
    expect((await r.submit(credA, answers)).status).toBe(202);
    expect((await r.submit(credB, answers)).status).toBe(202);
  });

  it('rejects invalid answers with 400 naming the question, and stores nothing', async () => {
    const inv = invitations[5]!;
    const cred = await r.obtain(campaignId, inv.code);
    const good = answersFor(cred.survey, () => 0.3);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, 'psy.raise_problems': 6 }, 'psy.raise_problems'],
      [{ ...good, 'psy.raise_problems': '4' }, 'psy.raise_problems'],
      [{ ...good, 'eng.recommend': 11 }, 'eng.recommend'],
      [{ ...good, 'no.such_question': 1 }, 'no.such_question'],
      [
        Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'psy.raise_problems')),
        'psy.raise_problems',
      ],
    ];
    for (const [answers, question] of cases) {
      const res = await r.submit(cred, answers);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(question);
      expect(res.body.errors.some((e: any) => e.questionId === question)).toBe(true);
    }
    const badAttr = await r.submit(cred, good, { jobLevel: 'emperor' });
    expect(badAttr.status).toBe(400);
    await flushAnswers(server.runtime.store);
    let stored = 0;
    await server.runtime.store.responses.forEach(campaignId, () => stored++);
    expect(stored).toBe(2);
  });
});

describe('after close', () => {
  it('refuses submissions and tokens with 409', async () => {
    const inv = invitations[6]!;
    const cred = await r.obtain(campaignId, inv.code);
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    const res = await r.submit(
      cred,
      answersFor(cred.survey, () => 0.4),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('campaign_closed');
    const page = await r.campaign(campaignId, invitations[7]!.code);
    expect(page.status).toBe(409);
    // A second close is a wrong transition.
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(409);
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(409);
  });
});

describe('the public survey', () => {
  it('marks the choices that stand alone, so the page can clear the others', async () => {
    const fresh = await startTestServer();
    try {
      const a = client(fresh.baseUrl);
      await a.login();
      await a.post('/api/units', { code: 'A', name: { ja: '甲' } });
      // Nine people cannot make one key group of 10 (A3): opening is refused, clearly.
      await a.post(
        '/api/staff/import',
        [
          'staffNo,name,email,unitCode,jobLevel,employmentType',
          ...Array.from({ length: 9 }, (_, i) => `X${i},職員,,A,staff,regular`),
        ].join('\n'),
        { 'content-type': 'text/csv' },
      );
      const small = await a.post('/api/campaigns', {
        fiscalYear: 2026,
        templateId: 'annual-staff-survey-v1',
        opensAt: '2026-06-01T00:00:00+09:00',
        closesAt: '2026-06-30T00:00:00+09:00',
      });
      const refused = await a.post(`/api/campaigns/${small.json.id}/open`);
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('too_few_people');
      expect(refused.json.error.message).toContain('at least 10 invited people');
      expect((await a.get(`/api/campaigns/${small.json.id}`)).json.status).toBe('draft');
      await a.post(
        '/api/staff/import',
        [
          'staffNo,name,email,unitCode,jobLevel,employmentType',
          ...Array.from({ length: 10 }, (_, i) => `X${i},職員,,A,staff,regular`),
        ].join('\n'),
        {
          'content-type': 'text/csv',
        },
      );
      // The same draft opens once the roster is large enough (one annual campaign per fiscal year).
      const c = small;
      expect((await a.post(`/api/campaigns/${c.json.id}/open`)).status).toBe(200);
      const inv = (await (await custodian(a)).post(`/api/campaigns/${c.json.id}/invitations`)).json
        .invitations[0];
      const page = await respondent(fresh.baseUrl).campaign(c.json.id, inv.code);
      const questions = page.body.survey.sections.flatMap((s: any) => s.questions);
      const experienced = questions.find((q: any) => q.id === 'har.experienced');
      expect(experienced.options.filter((o: any) => o.exclusive).map((o: any) => o.value)).toEqual([
        'none',
        'decline',
      ]);
      expect(experienced.options.find((o: any) => o.value === 'power').exclusive).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
