import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { issueSession } from '../../functions/auth/session';
import { createAccount } from '../../functions/services/accounts';
import { tokenHash } from '../../functions/crypto';
import type { CampaignResults } from '../../shared/api/results';
import type { Template } from '../../shared/instruments/schema';
import { annualStaffSurvey } from '../../shared/instruments/template';
import { ResultsBuilder } from '../../shared/results/compute';
import { answersFor } from '../support/answers';
import { respondent } from '../support/respondent';
import { client, startTestServer, type TestServer } from '../support/server';
import { attack, type Person } from './support/differencing';
import { blindToken, unitKey } from './support/fast-device';
import { openCampaign, seeded, type UnitSpec } from './support/flow';

/**
 * (2) Differencing: with many tiny units and attribute groups, an attacker
 * holding every view the API serves (admin, analyst, each manager) and the
 * participation counts subtracts shown cells from shown parents, across all
 * views combined, and must learn nothing about fewer than k people.
 */

const ATTRIBUTE_VALUES = {
  jobLevel: ['staff', 'senior', 'chief', 'deputy', 'manager'],
  ageBand: ['under30', '30s', '40s', '50s', '60plus'],
  employmentType: ['regular', 'reappointed', 'fiscal_year', 'fixed_term'],
};

/** Self-reported attributes: each stated or not ("prefer not to say"), skewed so that some groups are tiny. */
function attributesFor(rand: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, values] of Object.entries(ATTRIBUTE_VALUES)) {
    const r = rand();
    if (r < 0.15) continue;
    out[id] = values[Math.min(values.length - 1, Math.floor(r * r * values.length * 1.2))]!;
  }
  return out;
}

/** Drops every answer of the sensitive (harassment) construct: all its items are optional. */
function skipSensitive(template: Template, answers: Record<string, unknown>): Record<string, unknown> {
  const out = { ...answers };
  for (const c of template.constructs) if (c.sensitive) for (const i of c.items) delete out[i.id];
  return out;
}

const TREE: UnitSpec[] = [
  { code: 'ROOT', staff: 3 },
  { code: 'D1', parentCode: 'ROOT', staff: 2 },
  { code: 'S11', parentCode: 'D1', staff: 4 },
  { code: 'S12', parentCode: 'D1', staff: 1 },
  { code: 'S13', parentCode: 'D1', staff: 7 },
  { code: 'S14', parentCode: 'D1', staff: 12 },
  { code: 'D2', parentCode: 'ROOT', staff: 0 },
  { code: 'S21', parentCode: 'D2', staff: 6 },
  { code: 'S22', parentCode: 'D2', staff: 6 },
  { code: 'S23', parentCode: 'D2', staff: 2 },
  { code: 'D3', parentCode: 'ROOT', staff: 9 },
  { code: 'S31', parentCode: 'D3', staff: 3 },
  { code: 'D4', parentCode: 'ROOT', staff: 15 },
  { code: 'S41', parentCode: 'D4', staff: 0 },
];
/** Units where nobody answers the harassment module, and a rate elsewhere. */
const SKIPS_SENSITIVE = new Set(['S14']);

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => server?.close());

describe('(2) differencing across every view the API serves', () => {
  it('derives nothing about fewer than k people from admin, analyst and manager views combined', async () => {
    const admin = client(server.baseUrl);
    await admin.login();
    const { campaignId, invitations } = await openCampaign(admin, TREE);
    const template = (await admin.get('/api/templates/annual-staff-survey-v1')).json as Template;
    const r = respondent(server.baseUrl);
    const rand = seeded(2026);
    const people: Person[] = [];
    let survey: any;
    const keys = new Map<string, ReturnType<typeof unitKey>>();
    /** unit → its key group (A3): answers are stored, and counted, as the group's top unit's own. */
    const groupOf = new Map<string, string>();
    const hashes: string[] = [];
    for (const inv of invitations) {
      if (!keys.has(inv.unitCode)) {
        const page = await r.campaign(campaignId, inv.code);
        survey = page.body.survey;
        keys.set(inv.unitCode, unitKey(page.body.publicKey));
        groupOf.set(inv.unitCode, page.body.keyGroup.id);
      }
      const blinded = blindToken(keys.get(inv.unitCode)!);
      const signed = await r.requestSignature(inv.code, blinded.blindedMsg);
      const signature = blinded.finalize(
        new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')),
      );
      let answers = answersFor(survey, rand);
      if (SKIPS_SENSITIVE.has(inv.unitCode) || rand() < 0.2) answers = skipSensitive(template, answers);
      const attributes = attributesFor(rand);
      const res = await r.submit(
        {
          campaignId,
          keyId: signed.body.keyId,
          token: Buffer.from(blinded.token).toString('base64url'),
          signature: Buffer.from(signature).toString('base64url'),
        },
        answers,
        attributes,
      );
      expect(res.status).toBe(202);
      // What the store keeps (A1, A3): the group, and attributes coarsened to k people (seen in the dump).
      people.push({ unitCode: groupOf.get(inv.unitCode)!, attributes, answers });
      hashes.push(tokenHash(blinded.token));
    }
    // Answers are written in a batch (A2) at the latest at the close; after it the counts are exact.
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    // The attributes as stored: the attacker's truth is what the store keeps.
    const stored = new Map<string, Record<string, string>>();
    for (const row of await scanResponses(server, campaignId)) stored.set(row.sk, row.a ?? {});
    people.forEach((p, i) => {
      p.attributes = stored.get(hashes[i]!)!;
    });
    const participation = (await admin.get(`/api/campaigns/${campaignId}/participation`)).json;

    const { jwtSecret } = server.runtime.deps.config;
    const fetchAs = async (user: {
      email: string;
      role: 'admin' | 'analyst' | 'manager';
      unitCode?: string;
    }) => {
      // Sessions are checked against the account on every request: the account must exist.
      if (!(await server.runtime.store.directory.getUser(user.email)))
        await createAccount(server.runtime.deps, { ...user, password: 'differencing-password-1' });
      const token = await issueSession(user, { jwtSecret, ttlSeconds: 600 });
      const res = await fetch(`${server.baseUrl}/api/campaigns/${campaignId}/results`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as CampaignResults;
    };
    const views: Array<{ results: CampaignResults; managerOf?: string }> = [
      { results: await fetchAs({ email: 'admin@example.jp', role: 'admin' }) },
      { results: await fetchAs({ email: 'analyst@example.jp', role: 'analyst' }) },
    ];
    for (const u of TREE) {
      views.push({
        results: await fetchAs({ email: `m-${u.code}@example.jp`, role: 'manager', unitCode: u.code }),
        managerOf: u.code,
      });
    }
    const admin0 = views[0]!.results;
    // The scenario is what it should be: small units hidden, some cells shown.
    expect(admin0.units.filter((u) => u.suppressed).length).toBeGreaterThanOrEqual(5);
    expect(admin0.units.filter((u) => !u.suppressed).length).toBeGreaterThanOrEqual(3);

    const report = attack({
      units: TREE.map((u) => ({ code: u.code, parentCode: u.parentCode ?? null })),
      ownResponses: new Map(participation.units.map((u: any) => [u.unitCode, u.responses])),
      views,
      template,
      people,
      k: admin0.minGroupSize,
      kSensitive: admin0.sensitiveMinGroupSize,
    });
    console.info(
      `differencing: ${report.hidden} hidden quantities; ${report.determined.length} derivable, all about ≥ k people; ${report.verified} derived values checked against the truth`,
    );
    if (process.env.KOE_DIFF_DEBUG) console.info(report.determined.join('\n'));
    expect(report.violations).toEqual([]);
    // The attacker is not toothless: it does derive what may be derived (large enough remainders).
    expect(report.verified).toBeGreaterThan(0);
  }, 120_000);

  it('holds for random organisations and answers (results engine, every view combined)', () => {
    const template = annualStaffSurvey;
    const survey = {
      sections: [
        { questions: [...template.constructs.flatMap((c) => c.items), ...template.standaloneItems] },
      ],
    };
    const org = fc
      .array(
        fc.record({
          parent: fc.nat(),
          own: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 14 })),
        }),
        {
          minLength: 2,
          maxLength: 20,
        },
      )
      .map((xs) =>
        xs.map((x, i) => ({
          code: `U${String(i).padStart(2, '0')}`,
          // A parent among the earlier units (or none): always a tree.
          parentCode:
            i === 0 || x.parent % (i + 1) === i ? null : `U${String(x.parent % i).padStart(2, '0')}`,
          own: x.own,
        })),
      );
    let checked = 0;
    fc.assert(
      fc.property(
        org,
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.constantFrom(5, 5, 6, 7),
        (units, seed, k) => {
          const rand = seeded(seed);
          const people: Person[] = [];
          const skipUnit = units[Math.floor(rand() * units.length)]!.code;
          for (const u of units) {
            for (let i = 0; i < u.own; i++) {
              let answers = answersFor(survey, rand);
              if (u.code === skipUnit || rand() < 0.25) answers = skipSensitive(template, answers);
              people.push({ unitCode: u.code, attributes: attributesFor(rand), answers });
            }
          }
          const builder = new ResultsBuilder({
            campaignId: 'c',
            fiscalYear: 2026,
            minGroupSize: k,
            template,
            units: units.map((u) => ({ code: u.code, parentCode: u.parentCode })),
            computedAt: '2026-07-01T00:00:00Z',
          });
          for (const p of people)
            builder.add({ unitCode: p.unitCode, attributes: p.attributes, answers: p.answers as never });
          const { results } = builder.finish();
          const views: Array<{ results: CampaignResults; managerOf?: string }> = [{ results }];
          for (const u of units)
            views.push({ results: managerView(results, units, u.code), managerOf: u.code });
          const report = attack({
            units,
            ownResponses: new Map(units.map((u) => [u.code, u.own])),
            views,
            template,
            people,
            k: results.minGroupSize,
            kSensitive: results.sensitiveMinGroupSize,
          });
          checked += report.verified;
          expect(report.violations).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});

describe('the differencing attacker', () => {
  it('catches a publication without complementary suppression (units of 12, 6 and 3)', () => {
    const units = [
      { code: 'P', parentCode: null },
      { code: 'A', parentCode: 'P' },
      { code: 'B', parentCode: 'P' },
      { code: 'C', parentCode: 'P' },
    ];
    const rand = seeded(5);
    const survey = { sections: [{ questions: annualStaffSurvey.constructs.flatMap((c) => c.items) }] };
    const people: Person[] = [];
    for (const [code, n] of [
      ['A', 12],
      ['B', 6],
      ['C', 3],
    ] as const) {
      for (let i = 0; i < n; i++)
        people.push({ unitCode: code, attributes: {}, answers: answersFor(survey, rand) });
    }
    const compute = (k: number) => {
      const b = new ResultsBuilder({
        campaignId: 'c',
        fiscalYear: 2026,
        minGroupSize: k,
        template: annualStaffSurvey,
        units,
        computedAt: 'x',
      });
      for (const p of people)
        b.add({ unitCode: p.unitCode, attributes: p.attributes, answers: p.answers as never });
      return b.finish().results;
    };
    const safe = compute(5);
    const input = {
      units,
      ownResponses: new Map([
        ['P', 0],
        ['A', 12],
        ['B', 6],
        ['C', 3],
      ]),
      template: annualStaffSurvey,
      people,
      k: 5,
      kSensitive: 10,
    };
    expect(attack({ ...input, views: [{ results: safe }] }).violations).toEqual([]);
    // The same results with B (hidden only to protect C) shown, as an engine without the complement would:
    // B's figures as they are on their own (6 ≥ k).
    const alone = new ResultsBuilder({
      campaignId: 'c',
      fiscalYear: 2026,
      minGroupSize: 5,
      template: annualStaffSurvey,
      units: [{ code: 'B', parentCode: null }],
      computedAt: 'x',
    });
    for (const p of people.filter((x) => x.unitCode === 'B'))
      alone.add({ unitCode: p.unitCode, attributes: p.attributes, answers: p.answers as never });
    const b3 = alone.finish().results.units[0]!;
    const leaky = { ...safe, units: safe.units.map((u) => (u.unitCode === 'B' ? b3 : u)) };
    const found = attack({ ...input, views: [{ results: leaky }] }).violations;
    expect(found.some((v) => v.includes('T:C') && v.includes('3 respondent'))).toBe(true);
  });
});

async function scanResponses(server: TestServer, campaignId: string) {
  const { store } = server.runtime;
  const out: Array<{ sk: string; a?: Record<string, string> }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({ TableName: store.config.tables.responses, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? [])
      if (String(item.pk).startsWith(`R#${campaignId}#`)) out.push(item as { sk: string });
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** What a manager of `unitCode` is served (functions/services/insights.ts): their subtree only. */
function managerView(
  results: CampaignResults,
  units: ReadonlyArray<{ code: string; parentCode: string | null }>,
  unitCode: string,
): CampaignResults {
  const scope = new Set([unitCode]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units)
      if (u.parentCode && scope.has(u.parentCode) && !scope.has(u.code)) grew = scope.add(u.code) && true;
  }
  const mine = results.units.filter((u) => scope.has(u.unitCode));
  const root = mine.find((u) => u.unitCode === unitCode)!;
  return {
    ...results,
    overall: { n: root.n, suppressed: root.suppressed, constructs: root.constructs },
    units: mine,
    breakdowns: { jobLevel: [], ageBand: [], employmentType: [] },
    items: [],
    itemScores: [],
    comments: { suppressed: true, texts: [] },
  };
}
