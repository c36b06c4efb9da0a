import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyCampaignSchedule } from '../../../functions/lambda/campaign-schedule';
import { WorkerKeySupply } from '../../../functions/crypto/key-supply';
import { DEMO_YEARS, demoKeyCount, demoPeriod, seedDemo } from '../../../functions/seed/demo';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * The demo `npm start` loads on an empty store (here at a fifth of its size):
 * four pillars with three fiscal years of indicators, an open campaign, hidden
 * small units, and feedback in every year — all through the real token path.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;

/** The demo's key supply, counting the keys the seed takes of it. */
class CountedKeys extends WorkerKeySupply {
  taken = 0;
  override take() {
    this.taken++;
    return super.take();
  }
}
const keys = new CountedKeys({ total: demoKeyCount(), threads: 2 });

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo({ app: server.runtime.app, deps: server.runtime.deps }, { scale: 0.2, keys });
  admin = client(server.baseUrl);
  await admin.login();
}, 240_000);
afterAll(async () => server?.close());

describe('demo data', () => {
  it('shows four pillars with three fiscal years of indicators', async () => {
    const res = await admin.get('/api/indicators?from=2023&to=2027');
    expect(res.status).toBe(200);
    expect(res.json.pillars.map((p: any) => p.pillarId)).toEqual([
      'personnel',
      'training',
      'culture',
      'environment',
    ]);
    for (const pillar of res.json.pillars) {
      expect(pillar.indicators.length).toBeGreaterThanOrEqual(2);
      for (const indicator of pillar.indicators) {
        const withValue = indicator.values
          .filter((v: any) => v.favourable !== null)
          .map((v: any) => v.fiscalYear);
        expect(withValue).toEqual([2023, 2024, 2025]);
      }
      // One summary figure per pillar and year with results, inside its 95% interval.
      const summarised = pillar.summary.filter((v: any) => v.value !== null);
      expect(summarised.map((v: any) => v.fiscalYear)).toEqual([2023, 2024, 2025]);
      for (const v of summarised) {
        expect(v.ci[0]).toBeLessThanOrEqual(v.value);
        expect(v.ci[1]).toBeGreaterThanOrEqual(v.value);
        expect(v.ci[1] - v.ci[0]).toBeGreaterThan(0);
      }
    }
    // Every change keeps its raw p; the flag is the Benjamini–Hochberg one, never looser than the raw test.
    const changes = res.json.pillars.flatMap((p: any) =>
      p.indicators.flatMap((i: any) => i.values.filter((v: any) => v.p !== null)),
    );
    expect(changes.length).toBeGreaterThan(0);
    for (const v of changes) {
      expect(v.q).toBeGreaterThanOrEqual(v.p);
      expect(v.significant).toBe(v.q <= res.json.fdr);
      expect(v.comparedWith).toBe(v.fiscalYear - 1);
    }
    const raw = changes.filter((v: any) => v.p < 0.05).length;
    const flagged = changes.filter((v: any) => v.significant).length;
    expect(flagged).toBeLessThanOrEqual(raw);
    console.info(
      `demo indicators: ${changes.length} changes, ${raw} with raw p < 0.05, ${flagged} flagged after BH`,
    );
  });

  it('shows harassment prevalence for FY2023–FY2025 beside the local-government reference', async () => {
    const res = await admin.get('/api/indicators/harassment?from=2023&to=2027');
    expect(res.status).toBe(200);
    expect(res.json.reference.id).toBe('mic-2024');
    for (const kind of ['power', 'customer']) {
      const values = res.json.kinds.find((k: any) => k.kind === kind).windows['3y'];
      const shown = values.filter((v: any) => v.share !== null);
      expect(shown.map((v: any) => v.fiscalYear)).toEqual([2023, 2024, 2025]);
      for (const v of shown) {
        expect(v.n).toBeGreaterThanOrEqual(res.json.sensitiveMinGroupSize);
        expect(v.ci[0]).toBeLessThanOrEqual(v.share);
        expect(v.ci[1]).toBeGreaterThanOrEqual(v.share);
      }
      // The demo's prevention measures take hold: fewer experienced it in FY2025 than in FY2023.
      expect(shown[2].share).toBeLessThan(shown[0].share);
    }
  });

  it('has one open campaign, three closed annual ones with hidden small units, and a pulse survey', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json;
    expect(campaigns.map((c: any) => [c.fiscalYear, c.status, c.kind])).toEqual([
      [2026, 'open', 'annual'],
      [2025, 'closed', 'annual'],
      [2025, 'closed', 'pulse'],
      [2024, 'closed', 'annual'],
      [2023, 'closed', 'annual'],
    ]);
    const results = (await admin.get(`/api/campaigns/${campaigns[1].id}/results`)).json;
    expect(results.units.some((u: any) => u.suppressed)).toBe(true);
    expect(results.units.some((u: any) => !u.suppressed)).toBe(true);
    const participation = (await admin.get(`/api/campaigns/${campaigns[0].id}/participation`)).json;
    expect(participation.responses).toBeGreaterThan(0);
    expect(participation.responses).toBeLessThan(participation.invited);
  });

  it('asks custom questions in FY2025 and keeps its pulse survey off the dashboard', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json;
    const annual = campaigns.find((c: any) => c.fiscalYear === 2025 && c.kind === 'annual');
    const pulse = campaigns.find((c: any) => c.kind === 'pulse');
    const questions = (await admin.get(`/api/campaigns/${annual.id}/questions`)).json;
    expect(questions.editable).toBe(false);
    expect(questions.questions.map((q: any) => q.type)).toEqual(['likert5', 'number']);
    const results = (await admin.get(`/api/campaigns/${annual.id}/results`)).json;
    expect(results.customItems.map((i: any) => i.itemId)).toEqual(questions.questions.map((q: any) => q.id));
    for (const item of results.customItems) {
      expect(item.suppressed).toBe(false);
      expect(item.n).toBeGreaterThanOrEqual(results.minGroupSize);
      expect(item.mean).toBeGreaterThan(0);
    }
    // The pulse closed after the annual survey; the year's figures are still the annual one's.
    expect(Date.parse(pulse.closedAt)).toBeGreaterThan(Date.parse(annual.closedAt));
    const pulseResults = (await admin.get(`/api/campaigns/${pulse.id}/results`)).json;
    expect(pulseResults.overall.n).toBeGreaterThan(0);
    const indicators = (await admin.get('/api/indicators?from=2025&to=2025')).json;
    const used = indicators.pillars.flatMap((p: any) =>
      p.indicators.flatMap((i: any) => i.values.map((v: any) => v.campaignId)),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(new Set(used)).toEqual(new Set([annual.id]));
    expect(indicators.pillars.flatMap((p: any) => p.summary.map((v: any) => v.campaignId))).not.toContain(
      pulse.id,
    );
  });

  it('has feedback in every year, some of it answered and published', async () => {
    const res = await admin.get('/api/feedback/indicators?from=2023&to=2026');
    for (const year of [2023, 2024, 2025, 2026]) {
      const total = res.json.pillars.reduce(
        (n: number, p: any) => n + p.values.find((v: any) => v.fiscalYear === year).posts,
        0,
      );
      expect(total, `FY${year}`).toBeGreaterThan(0);
    }
    const board = await fetch(`${server.baseUrl}/api/public/feedback/board?fiscalYear=2025`);
    expect(((await board.json()) as any[]).length).toBeGreaterThan(0);
  });

  it("has actions on the FY2024 results with progress, shown beside FY2025, and the plan's progress FY2023–FY2025", async () => {
    const actions = (await admin.get('/api/actions?fiscalYear=2024')).json;
    const approved = actions.filter((a: any) => a.approval === 'approved');
    expect(new Set(approved.map((a: any) => a.unitCode)).size).toBeGreaterThanOrEqual(3);
    expect(approved.some((a: any) => a.notes.length > 0)).toBe(true);
    expect(actions.some((a: any) => a.approval === 'draft')).toBe(true);
    const publicList = await client(server.baseUrl).get('/api/public/actions?fiscalYear=2024');
    expect(publicList.json.actions).toHaveLength(approved.length);
    const fy2025 = (await admin.get('/api/campaigns')).json.find((c: any) => c.fiscalYear === 2025);
    const outcomes = (await admin.get(`/api/campaigns/${fy2025.id}/action-outcomes`)).json;
    expect(outcomes.comparedWith.fiscalYear).toBe(2024);
    expect(outcomes.outcomes).toHaveLength(approved.length);
    expect(outcomes.outcomes.some((o: any) => o.delta !== null)).toBe(true);
    const progress = (await admin.get('/api/plan/progress')).json;
    expect(new Set(progress.map((p: any) => p.fiscalYear))).toEqual(new Set([2023, 2024, 2025]));
    expect(progress.some((p: any) => p.behind)).toBe(true);
  });

  it('keeps the open year answerable: it closes three weeks ahead at 23:59 JST, so the schedule leaves it open', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json;
    const open = campaigns.find((c: any) => c.status === 'open');
    const closesAt = Date.parse(open.closesAt);
    expect(closesAt).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    expect(closesAt).toBeLessThan(Date.now() + 22 * 86_400_000);
    // 23:59:59 in Japan time (14:59:59 UTC).
    expect(open.closesAt).toMatch(/T14:59:59\.000Z$/);
    for (const c of campaigns.filter((x: any) => x.status === 'closed')) {
      expect(Date.parse(c.closesAt)).toBeLessThan(Date.now());
    }
    // What `npm start` runs every few seconds right after seeding changes nothing.
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const outcome = await applyCampaignSchedule(server.runtime.deps, new Date());
    expect(outcome).toMatchObject({ opened: [], closed: [], failed: [] });
    expect((await admin.get(`/api/campaigns/${open.id}`)).json.status).toBe('open');
    vi.restoreAllMocks();
  });
});

describe('the demo keys', () => {
  it('are as many as demoKeyCount makes ahead: a key per key group of each campaign and feedback year', () => {
    expect(keys.taken).toBe(demoKeyCount());
  });
});

describe('the demo periods', () => {
  const open = DEMO_YEARS.find((y) => !y.close)!;
  it('close the open year 21 days after the Japan-time day of now, at its end', () => {
    // 3 Dec 2026, when the FY2026 survey of 1–31 October would otherwise be past its deadline.
    const period = demoPeriod(open, new Date('2026-12-03T21:00:00Z'));
    expect(period.closesAt).toBe('2026-12-25T14:59:59.000Z');
    expect(period.opensAt).toBe('2026-09-30T15:00:00.000Z');
  });

  it('open the open year before now even when October is still ahead', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const period = demoPeriod(open, now);
    expect(Date.parse(period.opensAt)).toBeLessThan(now.getTime());
    expect(period.closesAt).toBe('2026-06-22T14:59:59.000Z');
  });

  it('close past years at the end of 31 October, Japan time', () => {
    const past = DEMO_YEARS.find((y) => y.fiscalYear === 2025)!;
    expect(demoPeriod(past, new Date('2026-12-03T21:00:00Z'))).toEqual({
      opensAt: '2025-09-30T15:00:00.000Z',
      closesAt: '2025-10-31T14:59:59.000Z',
    });
  });
});
