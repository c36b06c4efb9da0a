import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSession } from '../../functions/auth/session';
import { createAccount } from '../../functions/services/accounts';
import { MASK } from '../../shared/text/mask';
import { answersFor } from '../support/answers';
import { type Credential, respondent } from '../support/respondent';
import { client, startTestServer, type TestServer } from '../support/server';
import { blindToken, unitKey } from './support/fast-device';
import { commentQuestion, type Invitation, openCampaign, seeded, type StaffSpec } from './support/flow';

/**
 * Attempts to unmask a colleague: (1) from a dump of every table, knowing who
 * answered what; (3) from what the API serves while the campaign is open;
 * (4) through personal data written into a comment. (2), differencing of
 * results, is in differencing.test.ts.
 */

const UNITS = ['A', 'B', 'C', 'D'];
const PER_UNIT = 12;

let server: TestServer;
let admin: ReturnType<typeof client>;
let campaignId: string;
let invitations: Invitation[];
let staff: StaffSpec[];
let comment: string;
/** The truth the attacker wants: staff number → the storage key of their answers. */
const truth = new Map<string, string>();
const credentials = new Map<string, Credential>();
const answersOf = new Map<string, Record<string, unknown>>();
const participationSnapshots: any[] = [];

/** Personal data written into comments, the way people write it. */
const PII = [
  'taro.yamada@city.aizuwakamatsu.example.jp',
  'ｔａｒｏ．ｙａｍａｄａ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ',
  '0242-39-1213',
  '０２４２－３９－１２１３',
  '０２４２ー３９ー１２１３',
  '0242(39)1213',
  '090−1234−5678',
  '09012345678',
  '+81 90 1234 5678',
];

async function scanAll(table: string): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await server.runtime.store.doc.send(
      new ScanCommand({ TableName: table, ExclusiveStartKey: start }),
    );
    items.push(...((out.Items ?? []) as Array<Record<string, any>>));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  ({ campaignId, invitations, staff } = await openCampaign(
    admin,
    UNITS.map((code) => ({ code, staff: PER_UNIT })),
  ));
  const r = respondent(server.baseUrl);
  const rand = seeded(11);
  // The worst case for an attacker who looks at order: everyone fetches a token and answers
  // right away, one after another, in the roster's order.
  const ordered = [...invitations].sort((a, b) => a.staffNo.localeCompare(b.staffNo));
  for (const [i, inv] of ordered.entries()) {
    const page = await r.campaign(campaignId, inv.code);
    const blinded = blindToken(unitKey(page.body.publicKey));
    const signed = await r.requestSignature(inv.code, blinded.blindedMsg);
    const signature = blinded.finalize(new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')));
    const cred: Credential = {
      campaignId,
      keyId: signed.body.keyId,
      token: Buffer.from(blinded.token).toString('base64url'),
      signature: Buffer.from(signature).toString('base64url'),
    };
    comment = commentQuestion(page.body.survey);
    const base = answersFor(page.body.survey, rand);
    const text = `職場の件、詳しくは ${PII[i % PII.length]} まで（職員番号 ${inv.staffNo}）。回答者 ${i}`;
    // Keys in a shuffled order: the order a client sends must not survive as a fingerprint.
    const entries = Object.entries({ ...base, [comment]: text }).sort(() => rand() - 0.5);
    const answers = Object.fromEntries(entries);
    const res = await r.submit(cred, answers);
    expect(res.status).toBe(202);
    truth.set(inv.staffNo, createHash('sha256').update(blinded.token).digest('hex'));
    credentials.set(inv.staffNo, cred);
    answersOf.set(inv.staffNo, answers);
    participationSnapshots.push((await admin.get(`/api/campaigns/${campaignId}/participation`)).json);
  }
  // The batch time: the held answers are written in one shuffled batch (A2).
  await flushAnswers(server.runtime.store);
  participationSnapshots.push((await admin.get(`/api/campaigns/${campaignId}/participation`)).json);
}, 120_000);
afterAll(async () => server?.close());

/** Random permutations have one fixed point on average; an order leak would pair most people. */
function correctPairs(ledgerOrder: string[], responseOrder: string[]): number {
  let n = 0;
  for (let i = 0; i < Math.min(ledgerOrder.length, responseOrder.length); i++) {
    if (truth.get(ledgerOrder[i]!) === responseOrder[i]) n++;
  }
  return n;
}

describe('(1) a dump of every table', () => {
  it('holds no identity, code or time beside the answers, and no trace of the answers beside identity', async () => {
    const tables = Object.values(server.runtime.store.config.tables) as string[];
    const dump = new Map<string, Array<Record<string, any>>>();
    for (const t of tables) dump.set(t, await scanAll(t));
    const responses = dump
      .get(server.runtime.store.config.tables.responses)!
      .filter((i) => i.pk.includes(campaignId));
    expect(responses).toHaveLength(invitations.length);
    expect(new Set(responses.map((i) => i.sk))).toEqual(new Set(truth.values()));

    const responseText = JSON.stringify(responses);
    for (const s of staff) {
      expect(responseText).not.toContain(s.staffNo);
      expect(responseText).not.toContain(s.staffNo.toLowerCase()); // e-mail local part
      expect(responseText).not.toContain(`職員 ${s.staffNo}`);
    }
    for (const inv of invitations) {
      expect(responseText).not.toContain(inv.code);
      expect(responseText).not.toContain(inv.code.replace(/-/g, ''));
    }
    const ledger = dump
      .get(server.runtime.store.config.tables.directory)!
      .filter((i) => i.pk.startsWith('INV#'));
    expect(ledger.length).toBe(invitations.length);
    for (const item of ledger) {
      expect(responseText).not.toContain(item.entry.codeHash);
      expect(responseText).not.toContain(item.entry.blindedHash);
    }
    // Only these attributes, and only the day.
    for (const item of responses) {
      expect(Object.keys(item).sort()).toEqual(['a', 'd', 'h', 'pk', 'q', 'sk', 'u']);
      expect(item.d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(responseText).not.toMatch(/\d{2}:\d{2}/); // no time of day anywhere
    expect(responseText).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b|::1|Mozilla|undici|node/i);

    // Nothing from the responses (their keys, receipts, answers) in any other table.
    const elsewhere = tables
      .filter((t) => t !== server.runtime.store.config.tables.responses)
      .map((t) => JSON.stringify(dump.get(t)))
      .join('\n');
    for (const hash of truth.values()) {
      expect(elsewhere).not.toContain(hash);
      expect(elsewhere).not.toContain(hash.slice(0, 16));
    }
    for (const cred of credentials.values()) expect(elsewhere).not.toContain(cred.token.slice(0, 24));
    // The ledger records no time of any kind.
    expect(JSON.stringify(ledger)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('keeps no order that links the ledger to the answers better than chance', async () => {
    const directory = await scanAll(server.runtime.store.config.tables.directory);
    const ledgerScan = directory.filter((i) => i.pk.startsWith('INV#') && i.entry.campaignId === campaignId);
    const responseScan = (await scanAll(server.runtime.store.config.tables.responses)).filter((i) =>
      i.pk.includes(campaignId),
    );
    let strategies = 0;
    let best = 0;
    for (const unit of UNITS) {
      const ledger = ledgerScan.filter((i) => i.entry.unitCode === unit);
      const responses = responseScan.filter((i) => i.u === unit);
      expect(ledger).toHaveLength(PER_UNIT);
      expect(responses).toHaveLength(PER_UNIT);
    }
    // Every way of ordering either side that a dump allows (and their reverses), paired position by position.
    const ledgerOrders: Record<string, (i: any) => string> = {
      scan: () => '',
      staffNo: (i) => i.entry.staffNo,
      codeHash: (i) => i.pk,
      blindedHash: (i) => i.entry.blindedHash,
    };
    const responseOrders: Record<string, (i: any) => string> = {
      scan: () => '',
      key: (i) => i.sk,
      partition: (i) => `${i.pk}#${i.sk}`,
      day: (i) => `${i.d}`,
    };
    const sortBy = <T>(xs: T[], key: (x: T) => string) =>
      xs
        .map((x, i) => ({ x, i, k: key(x) }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
        .map((e) => e.x);
    for (const [, lk] of Object.entries(ledgerOrders)) {
      for (const [, rk] of Object.entries(responseOrders)) {
        for (const reverse of [false, true]) {
          let correct = 0;
          for (const unit of UNITS) {
            const l = sortBy(
              ledgerScan.filter((i) => i.entry.unitCode === unit),
              lk,
            ).map((i) => i.entry.staffNo as string);
            let rr = sortBy(
              responseScan.filter((i) => i.u === unit),
              rk,
            ).map((i) => i.sk as string);
            if (reverse) rr = rr.reverse();
            correct += correctPairs(l, rr);
          }
          strategies++;
          best = Math.max(best, correct);
        }
      }
    }
    // The attacker works: had the store kept arrival order, the same pairing would find everyone.
    let leaked = 0;
    for (const unit of UNITS) {
      const l = sortBy(
        ledgerScan.filter((i) => i.entry.unitCode === unit),
        ledgerOrders.staffNo!,
      ).map((i) => i.entry.staffNo as string);
      leaked += correctPairs(
        l,
        l.map((staffNo) => truth.get(staffNo)!),
      );
    }
    expect(leaked).toBe(invitations.length);
    // Chance: one right pair per unit on average (4 of 48). An order leak would give ~48.
    // Even the luckiest of the 32 strategies stays far below a third, with a chance of about 1e-5 of failing.
    expect(strategies).toBe(32);
    expect(best).toBeLessThanOrEqual(16);
  });

  it('stores the answers in one canonical key order whatever order the client sent', async () => {
    const responses = (await scanAll(server.runtime.store.config.tables.responses)).filter((i) =>
      i.pk.includes(campaignId),
    );
    const orders = new Set(
      responses.map((i) => {
        const keys = Object.keys(i.q);
        return keys.filter((k) => typeof i.q[k] === 'number').join(',');
      }),
    );
    // Numbers are answered by everyone (answersFor fills every scored item): one order for all.
    expect(orders.size).toBe(1);
  });
});

describe('(3) while the campaign is open', () => {
  it('serves no results to anyone (409) and no answer anywhere', async () => {
    const { jwtSecret } = server.runtime.deps.config;
    // Sessions are checked against the account on every request: the accounts must exist.
    const { deps } = server.runtime;
    await createAccount(deps, {
      email: 'analyst@example.jp',
      password: 'unmasking-password-1',
      role: 'analyst',
    });
    await createAccount(deps, {
      email: 'm@example.jp',
      password: 'unmasking-password-1',
      role: 'manager',
      unitCode: 'A',
    });
    const tokens = [
      (await admin.login()).token,
      await issueSession({ email: 'analyst@example.jp', role: 'analyst' }, { jwtSecret, ttlSeconds: 600 }),
      await issueSession(
        { email: 'm@example.jp', role: 'manager', unitCode: 'A' },
        { jwtSecret, ttlSeconds: 600 },
      ),
    ];
    for (const token of tokens) {
      const res = await fetch(`${server.baseUrl}/api/campaigns/${campaignId}/results`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('campaign_open');
    }
    // Every GET the console can make, searched for any answer text.
    const gets = [
      '/api/campaigns',
      `/api/campaigns/${campaignId}`,
      `/api/campaigns/${campaignId}/participation`,
      '/api/indicators?from=2023&to=2027',
      '/api/units',
      '/api/targets',
    ];
    for (const url of gets) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(200);
      expect(res.text, url).not.toContain('職場の件');
      expect(res.text, url).not.toContain(MASK.phone);
    }
    const indicators = (await admin.get('/api/indicators?from=2026&to=2026')).json;
    for (const p of indicators.pillars)
      for (const i of p.indicators) expect(i.values[0].favourable).toBeNull();
  });

  it('shows participation as counts only, and the counts do not depend on what anyone answered', async () => {
    const p = participationSnapshots.at(-1);
    expect(Object.keys(p).sort()).toEqual(['invited', 'responses', 'tokensIssued', 'units']);
    for (const u of p.units)
      expect(Object.keys(u).sort()).toEqual(['invited', 'rate', 'responses', 'unitCode']);
    expect(p.responses).toBe(invitations.length);
    // No submission moved any count: they move only when a batch is written (A2), whatever the answers were.
    for (const during of participationSnapshots.slice(0, -1)) {
      expect(during.responses).toBe(0);
      for (const u of during.units) expect(u.responses).toBe(0);
    }
    // Replacing one's answers with their opposite changes nothing that is shown.
    const [staffNo, cred] = [...credentials][0]!;
    const flipped = Object.fromEntries(
      Object.entries(answersOf.get(staffNo)!).map(([k, v]) => [
        k,
        typeof v === 'number' && v >= 1 && v <= 5 ? 6 - v : v,
      ]),
    );
    const before = (await admin.get(`/api/campaigns/${campaignId}/participation`)).text;
    expect((await respondent(server.baseUrl).submit(cred, flipped)).status).toBe(202);
    await flushAnswers(server.runtime.store);
    expect((await admin.get(`/api/campaigns/${campaignId}/participation`)).text).toBe(before);
  });
});

describe('(4) personal data in comments', () => {
  const leaks = (text: string) =>
    PII.filter((p) => text.includes(p) || text.includes(p.normalize('NFKC'))).concat(
      staff.filter((s) => text.includes(s.staffNo)).map((s) => s.staffNo),
    );

  it('is masked before it is stored', async () => {
    const responses = (await scanAll(server.runtime.store.config.tables.responses)).filter((i) =>
      i.pk.includes(campaignId),
    );
    const comments = responses.map((i) => i.q[comment] as string);
    expect(comments.every((c) => typeof c === 'string')).toBe(true);
    expect(leaks(JSON.stringify(responses))).toEqual([]);
    expect(comments.filter((c) => c.includes(MASK.email)).length).toBeGreaterThan(0);
    expect(comments.filter((c) => c.includes(MASK.phone)).length).toBeGreaterThan(PII.length);
    expect(comments.every((c) => c.includes(MASK.staffNo))).toBe(true);
  });

  it('is served masked in the results, and nowhere else in the store', async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    expect(res.json.comments.suppressed).toBe(false);
    expect(res.json.comments.texts).toHaveLength(invitations.length);
    expect(leaks(res.text)).toEqual([]);
    // NFKC (part of masking) folds the full-width parentheses.
    for (const t of res.json.comments.texts) {
      expect(t).toMatch(/^職場の件、詳しくは ［(メール|電話番号)］ まで\(職員番号 ［番号］\)。回答者 \d+$/);
    }
    const everything = (
      await Promise.all(
        (Object.values(server.runtime.store.config.tables) as string[]).map((t) => scanAll(t)),
      )
    )
      .map((items) => JSON.stringify(items))
      .join('\n');
    expect(PII.filter((p) => everything.includes(p) || everything.includes(p.normalize('NFKC')))).toEqual([]);
  });
});
