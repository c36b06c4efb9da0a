import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../functions/services/accounts';
import { harassmentHistory } from '../../support/harassment';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Harassment prevalence over real HTTP, from results computed by the real
 * results computation (the disclosure engine deciding every cell) and stored:
 * each kind per fiscal year with its Wilson interval, the change from the last
 * year shown, every figure only at k_sensitive (10), and the national
 * reference the city chose beside it.
 *
 * FY2023: 80 answer the 3-year question, 12 power (15.0%, Wilson 8.79–24.41%), 28 customer.
 * FY2024: 9 answer it (below k_sensitive = 10): nothing of it is shown, though 40 took part.
 * FY2025: 92 answer it, 2 would rather not say: 6 power of 90 (6.67%); compared with FY2023
 * (pooled z-test p = 0.07797, see tests/shared/results/prevalence.test.ts). The history is
 * tests/support/harassment.ts's `harassmentHistory`.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let analyst: ReturnType<typeof client>;
let manager: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  const { deps } = server.runtime;
  await harassmentHistory(server);
  await createAccount(deps, { email: 'analyst@example.jp', password: 'analyst-password-1', role: 'analyst' });
  await createAccount(deps, {
    email: 'manager@example.jp',
    password: 'manager-password-1',
    role: 'manager',
    unitCode: 'U1',
  });
  admin = client(server.baseUrl);
  await admin.login();
  analyst = client(server.baseUrl);
  await analyst.login('analyst@example.jp', 'analyst-password-1');
  manager = client(server.baseUrl);
  await manager.login('manager@example.jp', 'manager-password-1');
});
afterAll(async () => server?.close());

describe('GET /api/indicators/harassment', () => {
  it('gives each kind per fiscal year with its Wilson interval and the change from the last year shown', async () => {
    const res = await analyst.get('/api/indicators/harassment?from=2023&to=2025');
    expect(res.status).toBe(200);
    expect(res.json.years).toEqual([2023, 2024, 2025]);
    expect(res.json.sensitiveMinGroupSize).toBe(10);
    const power = res.json.kinds.find((k: any) => k.kind === 'power');
    expect(power.label).toEqual({ ja: 'パワー・ハラスメント', en: 'Power harassment (abuse of position)' });
    const [y23, y24, y25] = power.windows['3y'];
    expect(y23).toMatchObject({
      fiscalYear: 2023,
      campaignId: 'fy2023',
      share: 0.15,
      n: 80,
      suppressed: false,
    });
    expect(y23.ci[0]).toBeCloseTo(0.08794, 5);
    expect(y23.ci[1]).toBeCloseTo(0.244132, 5);
    // 9 answers: below k_sensitive, so no share, no interval, no n.
    expect(y24).toEqual({
      fiscalYear: 2024,
      campaignId: 'fy2024',
      share: null,
      ci: null,
      n: null,
      suppressed: true,
      delta: null,
      comparedWith: null,
      p: null,
      q: null,
      significant: null,
    });
    // The 2 who would rather not say are not in the base: 6 of 90.
    expect(y25).toMatchObject({ share: 6 / 90, n: 90, comparedWith: 2023 });
    expect(y25.p).toBeCloseTo(0.07797, 5);
    expect(y25.q).toBeGreaterThanOrEqual(y25.p);
    const customer = res.json.kinds.find((k: any) => k.kind === 'customer').windows['3y'];
    expect(customer[0]).toMatchObject({ share: 28 / 80, n: 80 });
    expect(customer[2]).toMatchObject({ share: 30 / 90, n: 90 });
    // Per unit, as the results publish it at k_sensitive: 総務課 in FY2023 and FY2025, hidden in FY2024.
    const unit = (fy: number) => res.json.units.find((u: any) => u.fiscalYear === fy).cells[0];
    expect(unit(2023)).toEqual({
      unitCode: 'U1',
      n: 80,
      suppressed: false,
      shares: { power: 0.15, sexual: 0, maternity: 0, customer: 0.35 },
    });
    expect(unit(2024)).toEqual({
      unitCode: 'U1',
      n: null,
      suppressed: true,
      hiddenReason: 'few',
      shares: { power: null, sexual: null, maternity: null, customer: null },
    });
    expect(unit(2025)).toMatchObject({ n: 90, shares: { power: 6 / 90 } });
    // The 12-month question was not asked of anyone: empty, never zero.
    expect(power.windows['12m'].every((v: any) => v.share === null && v.suppressed)).toBe(true);
  });

  it('sets the chosen national reference beside it, MIC (local government) by default, with its source', async () => {
    const res = await admin.get('/api/indicators/harassment?from=2023&to=2025');
    expect(res.json.reference).toMatchObject({
      id: 'mic-2024',
      publisher: { ja: '総務省' },
      windowYears: 3,
      published: '2025-04-25',
      url: 'https://www.soumu.go.jp/menu_news/s-news/01gyosei11_02000240.html',
    });
    const rate = (kind: string) => res.json.kinds.find((k: any) => k.kind === kind).referenceRate;
    expect([rate('power'), rate('sexual'), rate('customer'), rate('maternity')]).toEqual([
      0.157,
      0.039,
      0.35,
      null,
    ]);
    expect(res.json.references.map((r: any) => r.id)).toEqual(['mic-2024', 'mhlw-2023']);

    const month = () => new Date().toISOString().slice(0, 7);
    const months = new Set([month()]);
    expect(
      (await admin.call('PUT', '/api/settings/harassment-reference', { reference: 'mhlw-2023' })).status,
    ).toBe(200);
    expect((await analyst.get('/api/settings/harassment-reference')).json).toEqual({
      reference: 'mhlw-2023',
    });
    const mhlw = await analyst.get('/api/indicators/harassment?from=2023&to=2025');
    expect(mhlw.json.reference).toMatchObject({ id: 'mhlw-2023', publisher: { ja: '厚生労働省' } });
    expect(mhlw.json.kinds.map((k: any) => k.referenceRate)).toEqual([0.193, 0.063, null, 0.108]);
    months.add(month());
    const logged = [];
    for (const m of months) logged.push(...(await server.runtime.store.audit.listMonth(m)));
    expect(logged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'settings.harassment_reference', target: 'mhlw-2023' }),
        expect.objectContaining({ action: 'indicators.read', target: 'harassment FY2023-FY2025' }),
      ]),
    );
    await admin.call('PUT', '/api/settings/harassment-reference', { reference: 'mic-2024' });
  });

  it('refuses a reference it does not know, and anyone but the admin choosing one', async () => {
    const bad = await admin.call('PUT', '/api/settings/harassment-reference', { reference: 'oecd' });
    expect(bad.status).toBe(400);
    const extra = await admin.call('PUT', '/api/settings/harassment-reference', {
      reference: 'mic-2024',
      note: 'x',
    });
    expect(extra.status).toBe(400);
    expect(
      (await analyst.call('PUT', '/api/settings/harassment-reference', { reference: 'mhlw-2023' })).status,
    ).toBe(403);
    expect((await admin.get('/api/settings/harassment-reference')).json).toEqual({ reference: 'mic-2024' });
  });

  it('is for results readers of the whole organisation: a manager is refused; bad years are 400', async () => {
    expect((await manager.get('/api/indicators/harassment')).status).toBe(403);
    expect((await admin.get('/api/indicators/harassment?from=2025&to=2023')).status).toBe(400);
    expect((await admin.get('/api/indicators/harassment?from=abc')).status).toBe(400);
  });
});
