import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aizuwakamatsuPlan } from '../../../shared/plan/data/aizuwakamatsu';
import { distinctInitiatives } from '../../../shared/plan/query';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';
import { storedCampaign, unitRow } from '../../support/stored-results';

/**
 * Action plans, the plan's progress and unit change over real HTTP (issue 15):
 * a manager drafts for their subtree only (403 elsewhere), at most three per
 * unit; HR approves; the staff page lists approved actions without any
 * figure; next year's results show each action beside its construct's change,
 * hidden where either year's cell is; unit change only where both years are shown.
 *
 * Units: 100 (root) with 110, 120 and 130. Psychological safety, favourable:
 *   FY2024: 110 0.50 (n 20) · 120 0.60 (n 20) · 130 hidden (n 3)
 *   FY2025: 110 0.65 (n 22) · 120 hidden (n 4)  · 130 0.70 (n 12)
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let manager: ReturnType<typeof client>;
let analyst: ReturnType<typeof client>;
const MANAGER = {
  email: 'kacho110@example.jp',
  password: 'manager of unit one-one-zero',
  role: 'manager',
  unitCode: '110',
};
const ANALYST = { email: 'analyst@example.jp', password: 'analyst reads everything', role: 'analyst' };

const draft = (over: Record<string, unknown> = {}) => ({
  campaignId: 'fy2024',
  unitCode: '110',
  title: '朝会で困りごとを話す時間を設ける',
  constructId: 'psychological_safety',
  owner: '係長',
  dueDate: '2025-09-30',
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  for (const [code, parentCode] of [['100'], ['110', '100'], ['120', '100'], ['130', '100']] as const) {
    const made = await admin.post('/api/units', {
      code,
      name: { ja: `部署${code}` },
      ...(parentCode ? { parentCode } : {}),
    });
    expect(made.status).toBe(201);
  }
  for (const account of [MANAGER, ANALYST])
    expect((await admin.post('/api/auth/users', account)).status).toBe(201);
  manager = client(server.baseUrl);
  await manager.login(MANAGER.email, MANAGER.password);
  analyst = client(server.baseUrl);
  await analyst.login(ANALYST.email, ANALYST.password);
  await storedCampaign(server, 2024, [
    unitRow('110', 20, 0.5),
    unitRow('120', 20, 0.6),
    unitRow('130', 3, null),
  ]);
  await storedCampaign(server, 2025, [
    unitRow('110', 22, 0.65),
    unitRow('120', 4, null),
    unitRow('130', 12, 0.7),
  ]);
  await storedCampaign(server, 2026, [], 'open');
});
afterAll(async () => server?.close());

describe('action plans', () => {
  let ownId: string;
  let otherId: string;

  it('lets a manager draft for their own unit, and refuses any unit outside their subtree (403)', async () => {
    const own = await manager.post('/api/actions', draft());
    expect(own.status).toBe(201);
    expect(own.json).toMatchObject({
      fiscalYear: 2024,
      unitCode: '110',
      approval: 'draft',
      status: 'planned',
      notes: [],
    });
    ownId = own.json.id;

    const elsewhere = await manager.post('/api/actions', draft({ unitCode: '120' }));
    expect(elsewhere.status).toBe(403);
    const other = await admin.post('/api/actions', draft({ unitCode: '120', title: '業務の棚卸し' }));
    expect(other.status).toBe(201);
    otherId = other.json.id;
    expect((await manager.call('PATCH', `/api/actions/${otherId}`, { status: 'in_progress' })).status).toBe(
      403,
    );
    expect((await manager.post(`/api/actions/${otherId}/notes`, { text: '着手' })).status).toBe(403);
    expect((await manager.call('DELETE', `/api/actions/${otherId}`)).status).toBe(403);
    // A manager lists their subtree's actions only; HR and analysts see all.
    expect((await manager.get('/api/actions?fiscalYear=2024')).json.map((a: any) => a.id)).toEqual([ownId]);
    expect((await analyst.get('/api/actions?fiscalYear=2024')).json.map((a: any) => a.id).sort()).toEqual(
      [ownId, otherId].sort(),
    );
    // The custodian reads no action (A5), and an analyst writes none.
    const keeper = await custodian(admin);
    expect((await keeper.get('/api/actions?fiscalYear=2024')).status).toBe(403);
    expect((await analyst.post('/api/actions', draft())).status).toBe(403);
  });

  it('answers bad input with 400, unknown things with 404/400 and an open campaign with 409', async () => {
    const cases: Array<[Record<string, unknown>, number, string?]> = [
      [draft({ constructId: undefined }), 400, 'invalid_request'],
      [draft({ dueDate: '30/09/2025' }), 400, 'invalid_request'],
      [draft({ title: '' }), 400, 'invalid_request'],
      [draft({ title: 'あ'.repeat(121) }), 400, 'invalid_request'],
      [{ ...draft(), extra: 1 }, 400, 'invalid_request'],
      [draft({ constructId: 'no_such_construct' }), 400, 'unknown_construct'],
      [draft({ constructId: undefined, initiativeId: 'no-such-initiative' }), 400, 'unknown_initiative'],
      [draft({ campaignId: 'nope' }), 404],
      [draft({ campaignId: 'fy2026-open' }), 409, 'campaign_open'],
    ];
    for (const [body, status, code] of cases) {
      const res = await manager.post('/api/actions', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
      if (code) expect(res.json.error.code).toBe(code);
    }
    expect((await manager.call('PATCH', `/api/actions/${ownId}`, {})).status).toBe(400);
    expect((await manager.call('PATCH', `/api/actions/${ownId}`, { status: 'finished' })).status).toBe(400);
    expect((await manager.call('PATCH', '/api/actions/2024-1-999', { status: 'done' })).status).toBe(404);
    expect((await manager.post(`/api/actions/${ownId}/notes`, { text: '' })).status).toBe(400);
    expect((await admin.get('/api/actions?fiscalYear=24')).status).toBe(400);
    // Nothing half-written: still one action for unit 110.
    expect((await manager.get('/api/actions?fiscalYear=2024')).json).toHaveLength(1);
  });

  it('keeps at most three actions per unit', async () => {
    const initiative = distinctInitiatives(aizuwakamatsuPlan)[0]!.id;
    const second = await manager.post(
      '/api/actions',
      draft({ constructId: undefined, initiativeId: initiative }),
    );
    expect(second.status).toBe(201);
    const third = await manager.post('/api/actions', draft({ title: '三つ目' }));
    expect(third.status).toBe(201);
    const fourth = await manager.post('/api/actions', draft({ title: '四つ目' }));
    expect(fourth.status).toBe(409);
    expect(fourth.json.error.code).toBe('too_many_actions');
    // Withdrawing a draft frees its place.
    expect((await manager.call('DELETE', `/api/actions/${third.json.id}`)).status).toBe(204);
    expect((await manager.post('/api/actions', draft({ title: '四つ目' }))).status).toBe(201);
  });

  it('shows staff only what HR approved, with no campaign, account or figure', async () => {
    expect((await manager.post(`/api/actions/${ownId}/approve`)).status).toBe(403);
    const anonymous = client(server.baseUrl);
    expect((await anonymous.get('/api/public/actions?fiscalYear=2024')).json.actions).toEqual([]);

    const approved = await admin.post(`/api/actions/${ownId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json.approval).toBe('approved');
    expect((await admin.post(`/api/actions/${ownId}/approve`)).status).toBe(409);
    expect((await admin.post(`/api/actions/${otherId}/approve`)).status).toBe(200);

    // Approved wording stays; status and notes go on.
    const reword = await manager.call('PATCH', `/api/actions/${ownId}`, { title: '別の内容' });
    expect(reword.status).toBe(409);
    expect(reword.json.error.code).toBe('action_approved');
    expect((await manager.call('PATCH', `/api/actions/${ownId}`, { status: 'in_progress' })).status).toBe(
      200,
    );
    expect((await manager.post(`/api/actions/${ownId}/notes`, { text: '毎週月曜に実施中' })).status).toBe(
      201,
    );
    expect((await manager.call('DELETE', `/api/actions/${ownId}`)).status).toBe(409);

    const list = await anonymous.get('/api/public/actions?fiscalYear=2024');
    expect(list.status).toBe(200);
    expect(list.json.fiscalYear).toBe(2024);
    expect(list.json.actions.map((a: any) => a.id).sort()).toEqual([ownId, otherId].sort());
    const own = list.json.actions.find((a: any) => a.id === ownId);
    expect(own).toMatchObject({
      unitCode: '110',
      unitName: { ja: '部署110' },
      status: 'in_progress',
      notes: [{ text: '毎週月曜に実施中' }],
    });
    // The names the staff page shows come with it: it reads no template or plan.
    expect(own.constructName).toEqual({ ja: expect.any(String), en: expect.any(String) });
    for (const a of list.json.actions) {
      for (const key of [
        'campaignId',
        'approval',
        'createdAt',
        'createdBy',
        'favourable',
        'n',
        'before',
        'after',
      ]) {
        expect(a).not.toHaveProperty(key);
      }
    }
    expect(list.text).not.toContain(MANAGER.email);
    // Without a year: the latest year with approved actions.
    expect((await anonymous.get('/api/public/actions')).json.fiscalYear).toBe(2024);
    expect((await anonymous.get('/api/public/actions?fiscalYear=abc')).status).toBe(400);
  });

  it("shows next year's results beside each action, hidden where either year's cell is", async () => {
    const res = await admin.get('/api/campaigns/fy2025/action-outcomes');
    expect(res.status).toBe(200);
    expect(res.json.comparedWith).toEqual({ campaignId: 'fy2024', fiscalYear: 2024 });
    const byId = new Map(res.json.outcomes.map((o: any) => [o.action.id, o]));
    expect(byId.get(ownId)).toMatchObject({ before: 0.5, after: 0.65, hidden: false });
    expect((byId.get(ownId) as any).delta).toBeCloseTo(0.15, 10);
    // Unit 120 is hidden in FY2025: its action is listed, its figures are not.
    expect(byId.get(otherId)).toMatchObject({ before: null, after: null, delta: null, hidden: true });
    // Drafts are not results' companions.
    expect(res.json.outcomes.every((o: any) => o.action.approval === 'approved')).toBe(true);

    const mine = await manager.get('/api/campaigns/fy2025/action-outcomes');
    expect(mine.json.outcomes.map((o: any) => o.action.id)).toEqual([ownId]);
    expect((await admin.get('/api/campaigns/fy2026-open/action-outcomes')).status).toBe(409);
    expect((await admin.get('/api/campaigns/nope/action-outcomes')).status).toBe(404);
  });

  it("gives each unit's change from its previous campaign only where both years are shown", async () => {
    const res = await analyst.get('/api/campaigns/fy2025/unit-change');
    expect(res.status).toBe(200);
    expect(res.json.comparedWith).toEqual({ campaignId: 'fy2024', fiscalYear: 2024 });
    const delta = (code: string) =>
      res.json.units
        .find((u: any) => u.unitCode === code)
        .constructs.find((c: any) => c.constructId === 'psychological_safety').delta;
    expect(delta('110')).toBeCloseTo(0.15, 10);
    expect(delta('120')).toBeNull(); // hidden in FY2025
    expect(delta('130')).toBeNull(); // hidden in FY2024
    const first = await analyst.get('/api/campaigns/fy2024/unit-change');
    expect(first.json.comparedWith).toBeNull();
    expect(first.json.units.flatMap((u: any) => u.constructs.map((c: any) => c.delta))).toEqual([
      null,
      null,
      null,
    ]);
    const mine = await manager.get('/api/campaigns/fy2025/unit-change');
    expect(mine.json.units.map((u: any) => u.unitCode)).toEqual(['110']);
  });
});

describe("the plan's progress", () => {
  const initiative = distinctInitiatives(aizuwakamatsuPlan).find((i) => i.statuses[2024] === 'implement')!;

  it('records actual against planned and flags an initiative behind schedule', async () => {
    const behind = await admin.call('PUT', '/api/plan/progress', {
      initiativeId: initiative.id,
      fiscalYear: 2024,
      status: 'consider',
      note: '予算化が次年度に',
      link: 'https://example.jp/report',
    });
    expect(behind.status).toBe(200);
    expect(behind.json).toMatchObject({ planned: 'implement', status: 'consider', behind: true });
    const onTime = await admin.call('PUT', '/api/plan/progress', {
      initiativeId: initiative.id,
      fiscalYear: 2023,
      status: initiative.statuses[2023] ?? 'implement',
    });
    expect(onTime.json.behind).toBe(false);

    const list = await manager.get('/api/plan/progress');
    expect(list.status).toBe(200);
    expect(list.json.map((p: any) => [p.fiscalYear, p.behind])).toEqual([
      [2023, false],
      [2024, true],
    ]);
    // Correcting a year replaces it.
    await admin.call('PUT', '/api/plan/progress', {
      initiativeId: initiative.id,
      fiscalYear: 2024,
      status: 'implement',
    });
    expect((await admin.get('/api/plan/progress')).json.find((p: any) => p.fiscalYear === 2024).behind).toBe(
      false,
    );
  });

  it('refuses other roles (403) and bad input (400)', async () => {
    const ok = { initiativeId: initiative.id, fiscalYear: 2024, status: 'implement' };
    expect((await manager.call('PUT', '/api/plan/progress', ok)).status).toBe(403);
    expect((await analyst.call('PUT', '/api/plan/progress', ok)).status).toBe(403);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, initiativeId: 'no-such-initiative' }, 'unknown_initiative'],
      [{ ...ok, fiscalYear: 2019 }, 'outside_plan'],
      [{ ...ok, status: 'done' }, 'invalid_request'],
      [{ ...ok, link: 'javascript:alert(1)' }, 'invalid_request'],
      [{ ...ok, note: 'x'.repeat(201) }, 'invalid_request'],
    ];
    for (const [body, code] of bad) {
      const res = await admin.call('PUT', '/api/plan/progress', body);
      expect([res.status, res.json.error.code]).toEqual([400, code]);
    }
  });
});
