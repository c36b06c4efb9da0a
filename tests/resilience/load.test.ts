import { createHash } from 'node:crypto';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../support/answers';
import { type Credential, respondent } from '../support/respondent';
import { client, startTestServer, type TestServer } from '../support/server';
import { blindToken, unitKey } from './support/fast-device';
import { type Invitation, openCampaign, pool, seeded, storedResponses } from './support/flow';

/**
 * A Monday-morning burst over real HTTP: 1,000 respondents submit at once
 * (200 requests in flight), and 200 devices race for one invitation.
 */

const SUBMISSIONS = 1000;
const IN_FLIGHT = 200;

let server: TestServer;
let admin: ReturnType<typeof client>;
let campaignId: string;
let invitations: Invitation[];

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  ({ campaignId, invitations } = await openCampaign(admin, [
    { code: 'HQ', staff: 1 },
    { code: 'A', parentCode: 'HQ', staff: 300 },
    { code: 'B', parentCode: 'HQ', staff: 300 },
    { code: 'C', parentCode: 'HQ', staff: 400 },
  ]));
}, 120_000);
afterAll(async () => server?.close());

describe('load', () => {
  it(`stores exactly ${SUBMISSIONS} of ${SUBMISSIONS} concurrent submissions, with no 5xx`, async () => {
    const r = respondent(server.baseUrl);
    const rand = seeded(9);
    const people = invitations.slice(0, SUBMISSIONS);
    expect(people).toHaveLength(SUBMISSIONS);

    // Credentials first, with the fast device (the token dance is not what this test measures):
    // each unit's page once for its key and the survey, then a token per invitation.
    const t0 = performance.now();
    const pages = new Map<string, any>();
    for (const inv of people) {
      if (pages.has(inv.unitCode)) continue;
      const page = await r.campaign(campaignId, inv.code);
      expect(page.status).toBe(200);
      pages.set(inv.unitCode, { ...page.body, key: unitKey(page.body.publicKey) });
    }
    // In process (app.request): the same API without the sockets, to keep the preparation short.
    const prepared = await pool(people, 16, async (inv) => {
      const page = pages.get(inv.unitCode)!;
      const blinded = blindToken(page.key);
      const res = await server.runtime.app.request('/api/public/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: inv.code,
          blindedMessage: Buffer.from(blinded.blindedMsg).toString('base64url'),
        }),
      });
      const signed = { status: res.status, body: (await res.json()) as any };
      expect(signed.status).toBe(200);
      const signature = blinded.finalize(
        new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')),
      );
      const cred: Credential = {
        campaignId,
        keyId: signed.body.keyId,
        token: Buffer.from(blinded.token).toString('base64url'),
        signature: Buffer.from(signature).toString('base64url'),
      };
      return { cred, answers: answersFor(page.survey, rand) };
    });
    const tokensMs = performance.now() - t0;

    // Then the burst: IN_FLIGHT submissions overlap at any moment.
    let inFlight = 0;
    let peak = 0;
    const t1 = performance.now();
    const statuses = await pool(prepared, IN_FLIGHT, async ({ cred, answers }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return (await r.submit(cred, answers, { jobLevel: 'staff' })).status;
      } finally {
        inFlight--;
      }
    });
    const submitMs = performance.now() - t1;
    console.info(
      `load: ${SUBMISSIONS} tokens in ${Math.round(tokensMs)} ms; ${SUBMISSIONS} submissions in ${Math.round(submitMs)} ms (peak ${peak} in flight, ${Math.round((SUBMISSIONS / submitMs) * 1000)}/s)`,
    );

    const byStatus = new Map<number, number>();
    for (const s of statuses) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    // All accepted and held for the next shuffled batch (A2); the batch writes them all.
    expect(Object.fromEntries(byStatus)).toEqual({ 202: SUBMISSIONS });
    expect(peak).toBe(IN_FLIGHT);
    const t2 = performance.now();
    await flushAnswers(server.runtime.store);
    console.info(`load: the batch of ${SUBMISSIONS} written in ${Math.round(performance.now() - t2)} ms`);
    expect(await storedResponses(server, campaignId)).toBe(SUBMISSIONS);
    const p = await admin.get(`/api/campaigns/${campaignId}/participation`);
    expect(p.json).toMatchObject({ tokensIssued: SUBMISSIONS, responses: SUBMISSIONS });
  }, 150_000);

  it('lets exactly one of 200 concurrent token requests for one invitation through; the rest get 409', async () => {
    const r = respondent(server.baseUrl);
    const inv = invitations[invitations.length - 1]!;
    const page = await r.campaign(campaignId, inv.code);
    expect(page.status).toBe(200);
    const key = unitKey(page.body.publicKey);
    const blinded = Array.from({ length: 200 }, () => blindToken(key));
    expect(new Set(blinded.map((b) => Buffer.from(b.blindedMsg).toString('hex'))).size).toBe(200);
    const before = (await admin.get(`/api/campaigns/${campaignId}/participation`)).json.tokensIssued;

    const results = await Promise.all(blinded.map((b) => r.requestSignature(inv.code, b.blindedMsg)));

    const ok = results.flatMap((res, i) => (res.status === 200 ? [i] : []));
    expect(ok).toHaveLength(1);
    const refused = results.filter((res) => res.status === 409);
    expect(refused).toHaveLength(199);
    for (const res of refused) expect(res.body.error.code).toBe('code_used');

    // The winner's signature is valid, the ledger names the winner's message, and one token was counted.
    const winner = blinded[ok[0]!]!;
    // finalize() checks the unblinded signature with node's RSA-PSS verifier.
    const signature = winner.finalize(
      new Uint8Array(Buffer.from(results[ok[0]!]!.body.blindSignature, 'base64url')),
    );
    expect(signature.length).toBe(256);
    const entry = (await server.runtime.store.directory.listLedger(campaignId)).find(
      (e) => e.staffNo === inv.staffNo,
    )!;
    expect(entry.state).toBe('issued');
    expect(entry.blindedHash).toBe(createHash('sha256').update(winner.blindedMsg).digest('base64url'));
    const after = (await admin.get(`/api/campaigns/${campaignId}/participation`)).json.tokensIssued;
    expect(after - before).toBe(1);
    // The winner's retry is idempotent.
    const again = await r.requestSignature(inv.code, winner.blindedMsg);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(results[ok[0]!]!.body);
  }, 60_000);
});
