import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wilson } from '../../../shared/stats';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/**
 * The entry-route breakdown and the work-style indicators over real HTTP:
 * 30 staff answer through the blind-signature flow, HR closes, and the
 * results and GET /api/indicators/workstyle say what the answers say.
 * Entry routes: 14 new graduates, 8 mid-career (5 private sector, 3 public),
 * 2 other, 6 who did not say. The 2 "other" are fewer than k = 5: hidden, and
 * with the 6 who did not say the hidden part is 8 ≥ k, so nothing else is.
 * Overtime ≥ 45 h: 6 of 30 (20%); leave days: 20 took 12, 10 took 5 (mean
 * 29/3 ≈ 9.67, ≥ 10 days 2/3).
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let campaignId: string;

const ROUTES = [
  ...Array<string>(14).fill('new_graduate'),
  ...Array<string>(5).fill('private_sector'),
  ...Array<string>(3).fill('public_sector'),
  ...Array<string>(2).fill('other'),
  ...Array<string | undefined>(6).fill(undefined),
];

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
});
afterAll(async () => server?.close());

describe('entry route and work style over HTTP', () => {
  it('collects 30 answers and closes', async () => {
    for (const u of [
      { code: 'ROOT', name: { ja: '本部', en: 'HQ' } },
      { code: 'A', name: { ja: '甲課', en: 'Division A' }, parentCode: 'ROOT' },
    ])
      expect((await admin.post('/api/units', u)).status).toBe(201);
    const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
    for (let i = 1; i <= 30; i++)
      lines.push(
        `W${String(i).padStart(4, '0')},職員 ${i},w${i}@example.jp,${i % 2 ? 'A' : 'ROOT'},staff,regular`,
      );
    expect(
      (await admin.post('/api/staff/import', lines.join('\n'), { 'content-type': 'text/csv' })).status,
    ).toBe(200);
    const templates = await admin.get('/api/templates');
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId: templates.json[0].id,
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    });
    expect(created.status).toBe(201);
    campaignId = created.json.id;
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);
    const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
    const invitations: Array<{ code: string }> = inv.json.invitations;
    expect(invitations).toHaveLength(30);

    const r = respondent(server.baseUrl);
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [i, invitation] of invitations.entries()) {
      const cred = await r.obtain(campaignId, invitation.code);
      const answers = answersFor(cred.survey, rand);
      const route = ROUTES[i];
      if (route) answers['rec.entry_route'] = route;
      else delete answers['rec.entry_route'];
      answers['ws.overtime_band'] = i < 6 ? '45to80' : 'lt10';
      answers['ws.leave_days'] = i < 20 ? 12 : 5;
      expect((await r.submit(cred, answers)).status).toBe(202);
    }
    expect((await admin.post(`/api/campaigns/${campaignId}/close`)).json.status).toBe('closed');
  });

  it('breaks every construct down by entry route, hiding the small group', async () => {
    const res = await admin.get(`/api/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    const groups = res.json.breakdowns.entryRoute as Array<any>;
    expect(groups.map((g) => g.key)).toEqual(['new_graduate', 'mid_career', 'other']);
    const [fresh, mid, other] = groups;
    expect(fresh).toMatchObject({ n: 14, suppressed: false });
    expect(mid).toMatchObject({ n: 8, suppressed: false });
    expect(other).toEqual({
      key: 'other',
      n: null,
      suppressed: true,
      hiddenReason: 'few',
      constructs: expect.any(Array),
    });
    const constructs = res.json.overall.constructs.map((c: any) => c.constructId);
    expect(mid.constructs.map((c: any) => c.constructId)).toEqual(constructs);
    for (const c of other.constructs)
      expect(c).toMatchObject({ n: null, favourable: null, suppressed: true });
    const rec = mid.constructs.find((c: any) => c.constructId === 'recruitment_onboarding');
    expect(rec).toMatchObject({ n: 8, suppressed: false });
    expect(rec.favourable).toBeGreaterThanOrEqual(0);
    // The sensitive harassment construct needs k_sensitive = 10: eight mid-career answers are too few.
    const harassment = mid.constructs.find((c: any) => c.constructId === 'harassment_climate');
    expect(harassment).toMatchObject({ n: null, suppressed: true, hiddenReason: 'few' });
  });

  it('serves the work-style figures per fiscal year', async () => {
    const res = await admin.get('/api/indicators/workstyle?from=2025&to=2026');
    expect(res.status).toBe(200);
    expect(res.json.years).toEqual([2025, 2026]);
    const value = (id: string) => res.json.indicators.find((i: any) => i.id === id).values[1];
    const w = wilson(6, 30)!;
    expect(value('overtime45')).toMatchObject({
      fiscalYear: 2026,
      campaignId,
      value: 0.2,
      n: 30,
      suppressed: false,
      delta: null,
    });
    expect(value('overtime45').ci[0]).toBeCloseTo(w.lower, 12);
    expect(value('leaveDays').value).toBeCloseTo(29 / 3, 12);
    expect(value('leave10').value).toBeCloseTo(2 / 3, 12);
    expect(res.json.indicators.find((i: any) => i.id === 'menChildcareLeave').initiatives).toEqual([
      'env-04',
    ]);
    expect(res.json.leaveDistribution[1].bands).toEqual([
      { band: '0to4', share: 0 },
      { band: '5to9', share: 1 / 3 },
      { band: '10to14', share: 2 / 3 },
      { band: '15to19', share: 0 },
      { band: '20plus', share: 0 },
    ]);
    // 2025 had no survey: empty, not zero.
    expect(res.json.leaveDistribution[0].bands).toBeNull();
    expect(value('overtime45').p).toBeNull();
  });

  it('refuses a range that is not fiscal years, and a role that reads no indicators', async () => {
    expect((await admin.get('/api/indicators/workstyle?from=1999&to=2026')).status).toBe(400);
    expect((await admin.get('/api/indicators/workstyle?from=2026&to=2020')).status).toBe(400);
    const custodianClient = await custodian(admin);
    expect((await custodianClient.get('/api/indicators/workstyle')).status).toBe(403);
  });
});
