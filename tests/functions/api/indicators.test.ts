import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedDashboardYear } from '../../support/report-campaigns';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Indicators from stored results: favourable per construct and fiscal year,
 * the change from the previous year with a value, its significance, and the
 * target HR set. Worked example: 60/100 → 75/100 is +0.15; pooled p = 0.675,
 * SE = √(0.675 · 0.325 · (1/100 + 1/100)) = 0.06624, z = 2.264 > 1.96.
 * 60/100 → 66/100 is +0.06; pooled p = 0.63, SE = 0.06828, z = 0.879: not significant.
 * The dashboard tests every change at once, so the flag is Benjamini–Hochberg's: with four
 * changes (psychological safety FY2024 p = 0.0235 and FY2026 p = 0.306; health, unchanged,
 * p = 1 twice), the FY2024 change's q = 4/1 · 0.0235 = 0.0942 > 0.05: not flagged, its raw p kept.
 */

/** Mid-March 2027 in Japan: calendar year 2027, fiscal year 2026. The sign-in runs on the real clock. */
const NOW = new Date('2027-03-15T12:00:00+09:00');
let clock: Date | undefined;

let server: TestServer;
let admin: ReturnType<typeof client>;

const PILLAR_2024 = { value: 0.7, ci: [0.64, 0.76] as [number, number], n: 100 };

beforeAll(async () => {
  server = await startTestServer({ now: () => clock ?? new Date() });
  admin = client(server.baseUrl);
  await admin.login();
  await closedDashboardYear(server, 2023, 60, 100, { pillars: 'omit' });
  await closedDashboardYear(server, 2024, 75, 100, { pillars: 'omit' });
  await closedDashboardYear(server, 2026, 81, 100, { pillars: 'omit' });
});
afterAll(async () => server?.close());

describe('GET /api/indicators', () => {
  it('lines up constructs by pillar and fiscal year with deltas, significance and targets', async () => {
    expect(
      (
        await admin.call('PUT', '/api/targets', {
          constructId: 'psychological_safety',
          fiscalYear: 2024,
          favourable: 0.7,
        })
      ).status,
    ).toBe(200);
    const res = await admin.get('/api/indicators?from=2023&to=2027');
    expect(res.status).toBe(200);
    expect(res.json.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(res.json.pillars.map((p: any) => p.pillarId)).toEqual([
      'personnel',
      'training',
      'culture',
      'environment',
    ]);
    const culture = res.json.pillars.find((p: any) => p.pillarId === 'culture');
    const psy = culture.indicators.find((i: any) => i.constructId === 'psychological_safety');
    const [y23, y24, y25, y26, y27] = psy.values;
    expect(y23).toMatchObject({
      fiscalYear: 2023,
      favourable: 0.6,
      n: 100,
      delta: null,
      significant: null,
      target: null,
    });
    expect(res.json.fdr).toBe(0.05);
    expect(y24).toMatchObject({
      fiscalYear: 2024,
      favourable: 0.75,
      n: 100,
      comparedWith: 2023,
      test: 'z',
      significant: false,
      target: 0.7,
    });
    expect(y24.delta).toBeCloseTo(0.15, 12);
    expect(y24.p).toBeCloseTo(0.02354, 5);
    expect(y24.q).toBeCloseTo(4 * 0.02354, 4);
    // A year without a campaign is empty, not zero.
    expect(y25).toMatchObject({
      fiscalYear: 2025,
      favourable: null,
      n: null,
      delta: null,
      significant: null,
    });
    // The change is taken from the last year with a value: 0.75 → 0.81, z = 1.02, not significant.
    expect(y26.delta).toBeCloseTo(0.06, 12);
    expect(y26.significant).toBe(false);
    // …and names that year: the console labels it "vs FY2024", never 前年度から.
    expect(y26.comparedWith).toBe(2024);
    expect(y26.p).toBeCloseTo(0.30575, 5);
    expect(y27.favourable).toBeNull();
    // Each pillar's summary per year, as stored with the results; a hidden one carries no numbers.
    expect(culture.summary[1]).toEqual({
      fiscalYear: 2024,
      campaignId: 'fy2024',
      ...PILLAR_2024,
      suppressed: false,
    });
    expect(culture.summary[0]).toMatchObject({ fiscalYear: 2023, value: null, ci: null, suppressed: false });
    const environment = res.json.pillars.find((p: any) => p.pillarId === 'environment');
    expect(environment.summary[1]).toEqual({
      fiscalYear: 2024,
      campaignId: 'fy2024',
      value: null,
      ci: null,
      n: null,
      suppressed: true,
    });
  });

  it('defaults to the current fiscal year and the four before it, not the calendar year', async () => {
    // 15 March 2027 falls in FY2026 (April 2026 – March 2027).
    clock = NOW;
    const res = await admin.get('/api/indicators').finally(() => {
      clock = undefined;
    });
    expect(res.status).toBe(200);
    expect(res.json.years).toEqual([2022, 2023, 2024, 2025, 2026]);
  });

  it('rejects a target for an unknown construct and a reversed range', async () => {
    expect(
      (await admin.call('PUT', '/api/targets', { constructId: 'nope', fiscalYear: 2024, favourable: 0.7 }))
        .status,
    ).toBe(400);
    expect(
      (await admin.call('PUT', '/api/targets', { constructId: 'health', fiscalYear: 2024, favourable: 1.2 }))
        .status,
    ).toBe(400);
    expect((await admin.get('/api/indicators?from=2027&to=2023')).status).toBe(400);
    expect((await admin.get('/api/indicators?from=abc&to=2023')).status).toBe(400);
  });
});
