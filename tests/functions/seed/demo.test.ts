import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../functions/seed/demo';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * The demo `npm start` loads on an empty store (here at a fifth of its size):
 * four pillars with three fiscal years of indicators, an open campaign, hidden
 * small units, and feedback in every year — all through the real token path.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo({ app: server.runtime.app, deps: server.runtime.deps }, { scale: 0.2 });
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
    }
  });

  it('has one open campaign and three closed ones with hidden small units', async () => {
    const campaigns = (await admin.get('/api/campaigns')).json;
    expect(campaigns.map((c: any) => [c.fiscalYear, c.status])).toEqual([
      [2026, 'open'],
      [2025, 'closed'],
      [2024, 'closed'],
      [2023, 'closed'],
    ]);
    const results = (await admin.get(`/api/campaigns/${campaigns[1].id}/results`)).json;
    expect(results.units.some((u: any) => u.suppressed)).toBe(true);
    expect(results.units.some((u: any) => !u.suppressed)).toBe(true);
    const participation = (await admin.get(`/api/campaigns/${campaigns[0].id}/participation`)).json;
    expect(participation.responses).toBeGreaterThan(0);
    expect(participation.responses).toBeLessThan(participation.invited);
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
});
