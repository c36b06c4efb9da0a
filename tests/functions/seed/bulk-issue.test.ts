import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseSubmit, TokenRequest } from '../../../shared/api/public';
import { importPublicKey } from '../../../shared/crypto/blind-rsa-client';
import type { AppDeps } from '../../../functions/deps';
import { codeHash } from '../../../functions/crypto';
import { flushAnswers } from '../../../functions/services/answer-buffer';
import { closeCampaign, createCampaign, openCampaign } from '../../../functions/services/campaigns';
import { createInvitations } from '../../../functions/services/invitations';
import { issueToken, issueTokens, publicCampaign, submitResponse } from '../../../functions/services/respond';
import type { StoredResponse } from '../../../functions/store/responses';
import { seedDemoOrganisation } from '../../../functions/seed/demo';
import { demoAnswers } from '../../../functions/seed/demo-answers';
import { demoStaff, seededRandom } from '../../../functions/seed/demo-organisation';
import { b64u, blindTokenWith, unb64u } from '../../../functions/seed/in-process';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * The demo seed issues its closed years' tokens in batches (services/respond.ts issueTokens: the
 * claims in one BatchWriteItem, the counts once per unit) where the app issues them one by one
 * (issueToken). The demo must be what the real path makes: here the same people of two pulse
 * campaigns on the demo organisation answer the same answers, one campaign one by one, the other in
 * a batch, and every stored item of both is compared, with the random ids (campaign, code and
 * blinded-message hashes) put aside.
 */

let server: TestServer;
let deps: AppDeps;
const staff = new Map(demoStaff().map((s) => [s.staffNo, s]));

beforeAll(async () => {
  server = await startTestServer();
  deps = server.runtime.deps;
  await seedDemoOrganisation(deps);
}, 120_000);
afterAll(async () => server?.close());

interface Answered {
  campaignId: string;
  /** Staff number of each invitation code's hash, and the hash of the blinded message they claimed with. */
  staffOf: Map<string, string>;
  blindedOf: Map<string, string>;
  issued: Map<string, number>;
  /** The codes of the campaign's invitations nobody answered. */
  unanswered: string[];
  /** Staff number of every invitation code's hash. */
  everyone: Map<string, string>;
}

/** A pulse campaign opened on the demo roster, every 15th invitation answered (one by one, or in a batch). */
async function answerCampaign(bulk: boolean): Promise<Answered> {
  const now = Date.now();
  const campaign = await createCampaign(deps, {
    fiscalYear: 2026,
    templateId: 'annual-staff-survey-v1',
    kind: 'pulse',
    title: { ja: 'パルス', en: 'Pulse' },
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  await openCampaign(deps, campaign.id);
  const all = await createInvitations(deps, campaign.id);
  const invitations = all.filter((_, i) => i % 15 === 0);
  const respondents = await Promise.all(
    invitations.map(async (inv) => {
      const page = await publicCampaign(deps, campaign.id, inv.code);
      const blinded = await blindTokenWith(await importPublicKey(unb64u(page.publicKey)));
      return { inv, page, blinded };
    }),
  );
  const requests = respondents.map(({ inv, blinded }) =>
    TokenRequest.parse({ code: inv.code, blindedMessage: b64u(blinded.blindedMessage) }),
  );
  const signed = bulk
    ? await issueTokens(deps, campaign.id, requests)
    : await Promise.all(requests.map((r) => issueToken(deps, r)));
  const out: Answered = {
    campaignId: campaign.id,
    staffOf: new Map(),
    blindedOf: new Map(),
    issued: new Map(),
    unanswered: all.filter((_, i) => i % 15 !== 0).map((inv) => inv.code),
    everyone: new Map(all.map((inv) => [codeHash(inv.code), inv.staffNo])),
  };
  await Promise.all(
    respondents.map(async ({ inv, page, blinded }, i) => {
      const signature = await blinded.finalize(unb64u(signed[i]!.blindSignature));
      const person = staff.get(inv.staffNo)!;
      await submitResponse(
        deps,
        ResponseSubmit.parse({
          campaignId: campaign.id,
          keyId: signed[i]!.keyId,
          token: b64u(blinded.token),
          signature: b64u(signature),
          // The same answers for the same person in both campaigns.
          answers: demoAnswers(
            page.survey,
            2,
            { unitLean: 0, personLean: 0 },
            seededRandom(Number(inv.staffNo.replace(/\D/g, '')) || 1),
            () => undefined,
          ),
          attributes:
            i % 3 === 0
              ? {}
              : {
                  jobLevel: person.jobLevel,
                  ageBand: person.ageBand!,
                  employmentType: person.employmentType,
                },
        }),
      );
      const hash = codeHash(inv.code);
      out.staffOf.set(hash, inv.staffNo);
      out.blindedOf.set(hash, createHash('sha256').update(blinded.blindedMessage).digest('base64url'));
      out.issued.set(inv.unitCode, (out.issued.get(inv.unitCode) ?? 0) + 1);
    }),
  );
  await flushAnswers(deps.store, campaign.id);
  return out;
}

async function query(table: string, values: Record<string, string>, condition: string, index?: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await deps.store.doc.send(
      new QueryCommand({
        TableName: table,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: condition,
        ExpressionAttributeValues: values,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every string of an item with the campaign's id, code hashes and blinded-message hashes named instead. */
function normalised(value: unknown, a: Answered): unknown {
  if (typeof value === 'string') {
    let s = value.split(a.campaignId).join('<campaign>');
    for (const [hash, staffNo] of a.everyone) s = s.split(hash).join(`<code ${staffNo}>`);
    for (const [hash, blinded] of a.blindedOf) s = s.split(blinded).join(`<blinded ${a.staffOf.get(hash)}>`);
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => normalised(v, a));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v, a)]));
  return value;
}

const byJson = (items: unknown[]) => items.map((i) => JSON.stringify(sortKeys(i))).sort();
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

/** The stored items of a campaign's issuance and answers, random ids put aside. */
async function storedItems(a: Answered) {
  const { tables } = deps.store.config;
  const ledger = await query(tables.directory, { ':p': `CINV#${a.campaignId}` }, 'gsi1pk = :p', 'gsi1');
  const stats = await query(tables.surveys, { ':p': `STATS#${a.campaignId}` }, 'pk = :p');
  const counts = await query(tables.surveys, { ':p': `RCOUNT#${a.campaignId}` }, 'pk = :p');
  const responses: StoredResponse[] = [];
  await deps.store.responses.forEach(a.campaignId, (r) => responses.push(r));
  return {
    ledger: byJson(ledger.map((i) => normalised(i, a))),
    stats: byJson(stats.map((i) => normalised(i, a))),
    counts: byJson(counts.map((i) => normalised(i, a))),
    responses: byJson(responses),
    raw: { ledger, stats },
  };
}

describe('issuing the demo tokens in batches', () => {
  let oneByOne: Answered;
  let batched: Answered;
  beforeAll(async () => {
    oneByOne = await answerCampaign(false);
    batched = await answerCampaign(true);
  }, 180_000);

  it('stores the same ledger claims, counts and answers as issuing them one by one', async () => {
    const a = await storedItems(oneByOne);
    const b = await storedItems(batched);
    // The comparison has something in it: every answering person's invitation claimed with their
    // blinded message, their tokens counted per unit, their answers stored.
    const claimed = b.raw.ledger.filter((i) => (i.entry as { state: string }).state === 'issued');
    expect(claimed).toHaveLength(batched.staffOf.size);
    for (const item of claimed) {
      const hash = (item.entry as { codeHash: string }).codeHash;
      expect((item.entry as { blindedHash: string }).blindedHash).toBe(batched.blindedOf.get(hash));
    }
    for (const [unit, n] of batched.issued)
      expect(b.raw.stats.find((s) => s.sk === unit)?.tokensIssued).toBe(n);
    expect(b.responses).toHaveLength(batched.staffOf.size);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.stats).toEqual(a.stats);
    expect(b.counts).toEqual(a.counts);
    expect(b.responses).toEqual(a.responses);
  }, 120_000);

  it('refuses a batch holding a claimed invitation, claiming none of it', async () => {
    const { store } = deps;
    const fresh = batched.unanswered.slice(0, 3);
    const request = (code: string) =>
      TokenRequest.parse({ code, blindedMessage: b64u(new Uint8Array(256).fill(7)) });
    const claimedHash = [...batched.staffOf.keys()][0]!;
    const claimed = (await store.directory.getLedgerEntry(claimedHash))!;
    expect(claimed.state).toBe('issued');
    const statsBefore = await storedItems(batched);
    // A claimed code is known here only by its hash: make one that is claimed by claiming it one by one.
    await issueToken(deps, request(fresh[2]!));
    await expect(
      issueTokens(deps, batched.campaignId, [request(fresh[0]!), request(fresh[1]!), request(fresh[2]!)]),
    ).rejects.toMatchObject({ code: 'code_used' });
    await expect(
      issueTokens(deps, batched.campaignId, [request(fresh[0]!), request(fresh[0]!)]),
    ).rejects.toMatchObject({ code: 'duplicate_code' });
    for (const code of fresh.slice(0, 2))
      expect((await store.directory.getLedgerEntry(codeHash(code)))?.state).toBe('invited');
    // Only the one-by-one claim counted.
    const statsAfter = await storedItems(batched);
    const total = (stats: Record<string, unknown>[]) =>
      stats.reduce((sum, s) => sum + ((s.tokensIssued as number | undefined) ?? 0), 0);
    expect(total(statsAfter.raw.stats)).toBe(total(statsBefore.raw.stats) + 1);
    // The other campaign the same, for the comparison at close.
    await issueToken(deps, request(oneByOne.unanswered[2]!));
  }, 120_000);

  it('closes to the same counts', async () => {
    await closeCampaign(deps, oneByOne.campaignId);
    await closeCampaign(deps, batched.campaignId);
    const a = await storedItems(oneByOne);
    const b = await storedItems(batched);
    expect(b.stats.length).toBeGreaterThan(0);
    expect(b.stats).toEqual(a.stats);
    expect(b.counts).toEqual(a.counts);
    expect(b.responses).toEqual(a.responses);
  }, 120_000);
});
