import { answerBuffer, flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../support/answers';
import { type Credential, respondent } from '../support/respondent';
import { client, custodian } from '../support/server';
import { blindToken, unitKey } from './support/fast-device';
import {
  type FaultyServer,
  type Invitation,
  openCampaign,
  startFaultyServer,
  storedResponses,
} from './support/flow';

/**
 * DynamoDB errors and throttling injected by a proxy in front of the store,
 * enough of them to exhaust the SDK's own retries (4 attempts): the API
 * answers 503 with Retry-After, leaves nothing half done, and the client's
 * retry succeeds.
 */

let server: FaultyServer;
let admin: ReturnType<typeof client>;
let r: ReturnType<typeof respondent>;
let campaignId: string;
let invitations: Invitation[];
let survey: any;
let next = 0;
let tables: { directory: string; surveys: string; responses: string };

beforeAll(async () => {
  server = await startFaultyServer();
  tables = server.runtime.store.config.tables;
  admin = client(server.baseUrl);
  r = respondent(server.baseUrl);
  await admin.login();
  ({ campaignId, invitations } = await openCampaign(admin, [
    { code: 'A', staff: 20 },
    { code: 'B', staff: 20 },
  ]));
  survey = (await r.campaign(campaignId, invitations[0]!.code)).body;
}, 60_000);
afterEach(() => server.proxy.clear());
afterAll(async () => server?.close());

const expect503 = (res: { status: number; headers?: Headers; json?: any; body?: any }) => {
  expect(res.status).toBe(503);
  const body = res.json ?? res.body;
  expect(body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
};

/** A fresh invitation, its blinded token and the page of its unit. */
async function nextPerson() {
  const inv = invitations[next++]!;
  const page = await r.campaign(campaignId, inv.code);
  expect(page.status).toBe(200);
  return { inv, blinded: blindToken(unitKey(page.body.publicKey)) };
}

async function credentialFor(person: Awaited<ReturnType<typeof nextPerson>>): Promise<Credential> {
  const signed = await r.requestSignature(person.inv.code, person.blinded.blindedMsg);
  expect(signed.status).toBe(200);
  const signature = person.blinded.finalize(
    new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')),
  );
  return {
    campaignId,
    keyId: signed.body.keyId,
    token: Buffer.from(person.blinded.token).toString('base64url'),
    signature: Buffer.from(signature).toString('base64url'),
  };
}

/** The participation counter writes (an ADD on the surveys table), whatever their key layout. */
const countsResponses = (body: string) =>
  body.includes(tables.surveys) && body.includes('ADD') && /"responses"|RCOUNT#/.test(body);
const countsTokens = (body: string) =>
  body.includes(tables.surveys) && body.includes('ADD') && body.includes('tokensIssued');

async function counters() {
  return (await admin.get(`/api/campaigns/${campaignId}/participation`)).json as {
    tokensIssued: number;
    responses: number;
  };
}

async function rawSubmit(cred: Credential, answers: Record<string, unknown>) {
  const res = await fetch(`${server.baseUrl}/api/public/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...cred, answers }),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

describe('submitting under faults', () => {
  // Answers are held and written in shuffled batches (A2): submit writes nothing, the batch does.
  it('keeps answers waiting when the batch write is throttled, stores nothing, and the next batch stores them', async () => {
    const cred = await credentialFor(await nextPerson());
    const answers = answersFor(survey.survey, () => 0.3);
    const before = await counters();
    const fault = server.proxy.arm({
      op: 'BatchWriteItem',
      contains: [tables.responses],
      kind: 'throttle',
      times: Infinity,
    });
    const res = await rawSubmit(cred, answers);
    expect(res.status).toBe(202);
    await expect(flushAnswers(server.runtime.store)).rejects.toThrow();
    // The SDK's own retries, all throttled.
    expect(fault.hits).toBeGreaterThanOrEqual(2);
    server.proxy.clear();
    expect(await storedResponses(server, campaignId)).toBe(0);
    expect((await r.status(cred)).body.status).toBe('pending');
    expect((await counters()).responses).toBe(before.responses);

    await flushAnswers(server.runtime.store);
    expect((await r.status(cred)).body.status).toBe('stored');
    expect(await storedResponses(server, campaignId)).toBe(1);
    expect((await counters()).responses).toBe(before.responses + 1);
  }, 30_000);

  it('puts back only the chunks of a batch that failed: the others, written at the same time, stay written once', async () => {
    // A batch of 60 (chunks of 25, 25, 10, written together): the first to reach the store is written.
    const half = 'cHALF';
    const buffer = answerBuffer(server.runtime.store);
    const hashes = Array.from({ length: 60 }, (_, i) => i.toString(16).padStart(64, '0'));
    for (const [i, tokenHash] of hashes.entries()) {
      await buffer.add({
        campaignId: half,
        tokenHash,
        shard: i % 16,
        isNew: true,
        response: { unitCode: 'A', attributes: {}, answers: { q1: (i % 5) + 1 }, day: '2026-12-04' },
      });
    }
    const through = server.proxy.arm({
      op: 'BatchWriteItem',
      contains: [tables.responses, half],
      kind: { delayMs: 0 },
      times: 1,
    });
    server.proxy.arm({
      op: 'BatchWriteItem',
      contains: [tables.responses, half],
      kind: 'internal',
      times: Infinity,
    });
    await expect(flushAnswers(server.runtime.store, half)).rejects.toThrow();
    server.proxy.clear();
    expect(through.hits).toBe(1);
    const storedHashes = async () => {
      let n = 0;
      await server.runtime.store.responses.forEach(half, () => {
        n++;
      });
      return n;
    };
    const written = await storedHashes();
    expect([10, 25]).toContain(written);
    // What was not written waits again, and only that.
    const waiting = hashes.filter((h) => buffer.pending(half, h));
    expect(waiting).toHaveLength(60 - written);
    await flushAnswers(server.runtime.store, half);
    expect(await storedHashes()).toBe(60);
    expect(hashes.filter((h) => buffer.pending(half, h))).toEqual([]);
  }, 30_000);

  it('loses no count when the participation counter is throttled: the answers are kept and the count catches up', async () => {
    const cred = await credentialFor(await nextPerson());
    const answers = answersFor(survey.survey, () => 0.6);
    const stored = await storedResponses(server, campaignId);
    const before = await counters();
    server.proxy.arm({ op: 'UpdateItem', where: countsResponses, kind: 'provisioned', times: Infinity });
    expect((await rawSubmit(cred, answers)).status).toBe(202);
    await flushAnswers(server.runtime.store);
    await new Promise((r) => setTimeout(r, 500)); // let a write-behind count fail at least once
    server.proxy.clear();
    // One response, counted exactly once.
    expect(await storedResponses(server, campaignId)).toBe(stored + 1);
    expect((await counters()).responses).toBe(before.responses + 1);
    // A real resubmission of the stored answers writes and counts nothing.
    expect((await rawSubmit(cred, answers)).status).toBe(200);
    expect((await counters()).responses).toBe(before.responses + 1);
  }, 30_000);

  it('answers 503 when reads fail with 500s or the connection is reset, and the retry succeeds', async () => {
    const person = await nextPerson();
    server.proxy.arm({
      op: 'GetItem',
      contains: [tables.directory, 'INV#'],
      kind: 'internal',
      times: Infinity,
    });
    expect503(await r.requestSignature(person.inv.code, person.blinded.blindedMsg));
    server.proxy.clear();
    const cred = await credentialFor(person);
    const answers = answersFor(survey.survey, () => 0.8);
    const stored = await storedResponses(server, campaignId);
    // Submit reads whether these answers are already stored: that read fails, nothing is held.
    server.proxy.arm({ op: 'GetItem', contains: [tables.responses], kind: 'reset', times: Infinity });
    expect503(await rawSubmit(cred, answers));
    server.proxy.clear();
    expect((await r.status(cred)).body.status).toBe('unknown');
    expect((await rawSubmit(cred, answers)).status).toBe(202);
    await flushAnswers(server.runtime.store);
    expect(await storedResponses(server, campaignId)).toBe(stored + 1);
  }, 30_000);

  it('keeps one response when the batch was written but every acknowledgement was lost', async () => {
    const cred = await credentialFor(await nextPerson());
    const answers = answersFor(survey.survey, () => 0.1);
    const stored = await storedResponses(server, campaignId);
    const before = await counters();
    server.proxy.arm({
      op: 'BatchWriteItem',
      contains: [tables.responses],
      kind: 'internal',
      times: Infinity,
      after: true,
    });
    expect((await rawSubmit(cred, answers)).status).toBe(202);
    await expect(flushAnswers(server.runtime.store)).rejects.toThrow();
    server.proxy.clear();
    // The answers are there (the store applied the write); the buffer still holds them and the
    // next batch writes them again without a duplicate.
    expect(await storedResponses(server, campaignId)).toBe(stored + 1);
    await flushAnswers(server.runtime.store);
    expect(await storedResponses(server, campaignId)).toBe(stored + 1);
    expect((await rawSubmit(cred, answers)).status).toBe(200);
    // The live counter never counts a response twice (it may miss this one: docs/SECURITY.md).
    expect((await counters()).responses - before.responses).toBeLessThanOrEqual(1);
  }, 30_000);

  it('serves a slow store slowly, without errors', async () => {
    const person = await nextPerson();
    server.proxy.arm({ kind: { delayMs: 150 }, times: Infinity });
    const cred = await credentialFor(person);
    const res = await rawSubmit(
      cred,
      answersFor(survey.survey, () => 0.5),
    );
    expect(res.status).toBe(202);
    await flushAnswers(server.runtime.store);
  }, 30_000);
});

describe('token requests under faults', () => {
  it('answers 503 when the claim is throttled and leaves the invitation unused', async () => {
    const person = await nextPerson();
    server.proxy.arm({
      op: 'UpdateItem',
      contains: [tables.directory, 'INV#'],
      kind: 'throttle',
      times: Infinity,
    });
    const res = await r.requestSignature(person.inv.code, person.blinded.blindedMsg);
    expect503(res);
    server.proxy.clear();
    const entry = (await server.runtime.store.directory.listLedger(campaignId)).find(
      (e) => e.staffNo === person.inv.staffNo,
    );
    expect(entry?.state).toBe('invited');
    const retry = await r.requestSignature(person.inv.code, person.blinded.blindedMsg);
    expect(retry.status).toBe(200);
  }, 30_000);

  it('recovers a crash between the claim and the answer: same message → same signature, another → 409', async () => {
    const person = await nextPerson();
    const before = await counters();
    server.proxy.arm({ op: 'UpdateItem', where: countsTokens, kind: 'internal', times: Infinity });
    expect503(await r.requestSignature(person.inv.code, person.blinded.blindedMsg));
    server.proxy.clear();
    const entry = (await server.runtime.store.directory.listLedger(campaignId)).find(
      (e) => e.staffNo === person.inv.staffNo,
    );
    expect(entry?.state).toBe('issued'); // the claim happened before the failure

    const a = await r.requestSignature(person.inv.code, person.blinded.blindedMsg);
    const b = await r.requestSignature(person.inv.code, person.blinded.blindedMsg);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    // The signature finalizes to a valid token signature (checked inside finalize).
    person.blinded.finalize(new Uint8Array(Buffer.from(a.body.blindSignature, 'base64url')));
    const other = blindToken(unitKey((await r.campaign(campaignId, person.inv.code)).body.publicKey));
    const c = await r.requestSignature(person.inv.code, other.blindedMsg);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('code_used');
    // Counted exactly once.
    expect((await counters()).tokensIssued).toBe(before.tokensIssued + 1);
  }, 30_000);
});

describe('admin work under faults', () => {
  it('creating a unit: 503, nothing stored, the retry succeeds', async () => {
    server.proxy.arm({
      op: 'PutItem',
      contains: [tables.directory, 'UNIT'],
      kind: 'internal',
      times: Infinity,
    });
    expect503(await admin.post('/api/units', { code: 'FLT', name: { ja: '障害' } }));
    server.proxy.clear();
    expect(await server.runtime.store.directory.getUnit('FLT')).toBeUndefined();
    expect((await admin.post('/api/units', { code: 'FLT', name: { ja: '障害' } })).status).toBe(201);
  }, 30_000);

  it('signing in: 503 (not a failed sign-in) while the store fails, then 200', async () => {
    // Sign-in counts the attempt with one UpdateItem before the password is checked.
    server.proxy.arm({ op: 'UpdateItem', contains: ['USER'], kind: 'internal', times: Infinity });
    const c = client(server.baseUrl);
    const res = await c.post('/api/auth/login', {
      email: 'admin@example.jp',
      password: 'correct horse battery staple',
    });
    expect503(res);
    server.proxy.clear();
    expect((await server.runtime.store.directory.getUser('admin@example.jp'))?.failedLogins).toBe(0);
    await c.login();
  }, 30_000);

  it('importing a roster: the pointer flip fails → 503 and the old roster stays whole', async () => {
    const before = (await server.runtime.store.directory.listStaff()).map((s) => s.staffNo).sort();
    const csv = `staffNo,name,email,unitCode,jobLevel,employmentType\nNEW01,新人,,A,staff,regular\n`;
    server.proxy.arm({
      op: 'PutItem',
      contains: [tables.directory, 'ROSTER'],
      kind: 'internal',
      times: Infinity,
    });
    expect503(await admin.post('/api/staff/import', csv, { 'content-type': 'text/csv' }));
    server.proxy.clear();
    expect((await server.runtime.store.directory.listStaff()).map((s) => s.staffNo).sort()).toEqual(before);
    const retry = await admin.post('/api/staff/import', csv, { 'content-type': 'text/csv' });
    expect(retry.status).toBe(200);
    // The import adds one person and keeps everyone else (an import updates by staff number).
    expect((await server.runtime.store.directory.listStaff()).length).toBe(before.length + 1);
  }, 30_000);

  it('inviting: a batch fails half way → 503; the retry completes the ledger without duplicates', async () => {
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2027,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2027-06-01T00:00:00+09:00',
      closesAt: '2027-06-30T00:00:00+09:00',
    });
    const id = created.json.id;
    // Who is invited is frozen at open (A3): invitations come after it.
    expect((await admin.post(`/api/campaigns/${id}/open`)).status).toBe(200);
    // Let the first batch of 25 through, fail the rest.
    let batches = 0;
    const realArm = server.proxy.arm({
      op: 'BatchWriteItem',
      contains: ['CINV#'],
      kind: { delayMs: 0 },
      times: 1,
    });
    server.proxy.arm({ op: 'BatchWriteItem', contains: ['CINV#'], kind: 'internal', times: Infinity });
    expect503(await (await custodian(admin)).post(`/api/campaigns/${id}/invitations`));
    batches = realArm.hits;
    expect(batches).toBe(1);
    server.proxy.clear();
    expect((await server.runtime.store.directory.listLedger(id)).length).toBe(25);
    const retry = await (await custodian(admin)).post(`/api/campaigns/${id}/invitations`);
    expect(retry.status).toBe(200);
    const staff = await server.runtime.store.directory.listStaff();
    const ledger = await server.runtime.store.directory.listLedger(id);
    expect(ledger.length).toBe(staff.length);
    expect(new Set(ledger.map((e) => e.staffNo)).size).toBe(staff.length);
    const invited = (await admin.get(`/api/campaigns/${id}/participation`)).json.invited;
    expect(invited).toBe(staff.length);

    // Opening (another draft, as this one opened above): the status flip fails → still a draft; the
    // retry opens with one key per key group.
    const draft = await admin.post('/api/campaigns', {
      fiscalYear: 2028,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2028-06-01T00:00:00+09:00',
      closesAt: '2028-06-30T00:00:00+09:00',
    });
    const second = draft.json.id;
    server.proxy.arm({
      op: 'PutItem',
      contains: [tables.surveys, 'CAMPAIGN'],
      kind: 'unavailable',
      times: Infinity,
    });
    expect503(await admin.post(`/api/campaigns/${second}/open`));
    server.proxy.clear();
    expect((await admin.get(`/api/campaigns/${second}`)).json.status).toBe('draft');
    expect((await admin.post(`/api/campaigns/${second}/open`)).status).toBe(200);
    // One key per key group, named by the snapshot the open froze (keys of the failed try are never used).
    const record = await server.runtime.store.campaigns.getCampaign(second);
    const frozen = await server.runtime.store.campaigns.getFrozenOrganisation(second, record!.frozen!);
    const keys = await server.runtime.store.campaigns.listUnitKeys(second);
    expect(frozen.groups.length).toBeGreaterThan(0);
    for (const g of frozen.groups) {
      expect(keys.find((k) => k.keyId === g.keyId)?.unitCode).toBe(g.id);
    }
  }, 60_000);

  it('closing: the results cannot be stored → 503; closing again computes them', async () => {
    server.proxy.arm({
      op: 'PutItem',
      contains: [tables.surveys, 'RESULT#'],
      kind: 'internal',
      times: Infinity,
    });
    expect503(await admin.post(`/api/campaigns/${campaignId}/close`));
    server.proxy.clear();
    const pending = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(pending.status).toBe(409);
    const again = await admin.post(`/api/campaigns/${campaignId}/close`);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: campaignId, status: 'closed' });
    const results = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(results.status).toBe(200);
    const stored = await storedResponses(server, campaignId);
    expect(results.json.campaignId).toBe(campaignId);
    if (stored >= results.json.minGroupSize) expect(results.json.overall.n).toBe(stored);
    else expect(results.json.overall).toMatchObject({ n: null, suppressed: true });
    // Once the results exist, closing again is the wrong transition it always was.
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(409);
  }, 30_000);
});
