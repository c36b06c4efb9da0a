import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/**
 * Units over HTTP: the display order HR sets (表示順), how every list follows
 * it, and participation by direct members and including sub-units.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;

const UNITS = [
  { code: 'ROOT', name: { ja: '本部', en: 'HQ' } },
  { code: 'A', name: { ja: '甲課', en: 'Division A' }, parentCode: 'ROOT' },
  { code: 'B', name: { ja: '乙課', en: 'Division B' }, parentCode: 'ROOT' },
  { code: 'C', name: { ja: '丙課', en: 'Division C' }, parentCode: 'ROOT', order: 1 },
  { code: 'Z', name: { ja: '議会事務局', en: 'Assembly' } },
];
// Key groups of at least 10: A and Z have their own keys; B and C share ROOT's (10 + 6 + 3).
const SIZES: Record<string, number> = { ROOT: 10, A: 12, B: 6, C: 3, Z: 10 };

function roster(): string {
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  let n = 1;
  for (const [unit, size] of Object.entries(SIZES)) {
    for (let i = 0; i < size; i++, n++) {
      lines.push(`T${String(n).padStart(4, '0')},職員 ${n},t${n}@example.jp,${unit},staff,regular`);
    }
  }
  return lines.join('\n');
}

const codes = async () =>
  ((await admin.get('/api/units')).json as Array<{ code: string }>).map((u) => u.code);

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
});
afterAll(async () => server?.close());

describe('unit display order', () => {
  it('creates units with an optional order and lists siblings by order, then code', async () => {
    for (const u of UNITS) expect((await admin.post('/api/units', u)).status).toBe(201);
    const units = (await admin.get('/api/units')).json;
    expect(units.find((u: any) => u.code === 'C')).toEqual({
      code: 'C',
      name: { ja: '丙課', en: 'Division C' },
      parentCode: 'ROOT',
      order: 1,
    });
    // No order: absent, not null.
    expect(Object.keys(units.find((u: any) => u.code === 'A')).sort()).toEqual([
      'code',
      'name',
      'parentCode',
    ]);
    // Tree order: ROOT, its children (C has an order, so first), then Z.
    expect(await codes()).toEqual(['ROOT', 'C', 'A', 'B', 'Z']);
  });

  it('edits one unit’s order, and clears it with null', async () => {
    const set = await admin.call('PATCH', '/api/units/Z', { order: 1 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ code: 'Z', order: 1 });
    expect(await codes()).toEqual(['Z', 'ROOT', 'C', 'A', 'B']);
    const cleared = await admin.call('PATCH', '/api/units/C', { order: null });
    expect(cleared.json).not.toHaveProperty('order');
    expect(await codes()).toEqual(['Z', 'ROOT', 'A', 'B', 'C']);
  });

  it('puts siblings in the order given, and refuses units of different parents or unknown ones', async () => {
    const put = await admin.call('PUT', '/api/units/order', { codes: ['B', 'C', 'A'] });
    expect(put.status).toBe(200);
    expect(put.json.map((u: any) => [u.code, u.order])).toEqual([
      ['B', 1],
      ['C', 2],
      ['A', 3],
    ]);
    expect(await codes()).toEqual(['Z', 'ROOT', 'B', 'C', 'A']);

    const mixed = await admin.call('PUT', '/api/units/order', { codes: ['A', 'Z'] });
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.code).toBe('not_siblings');
    const unknown = await admin.call('PUT', '/api/units/order', { codes: ['A', 'NOPE'] });
    expect(unknown.status).toBe(400);
    const twice = await admin.call('PUT', '/api/units/order', { codes: ['A', 'A'] });
    expect(twice.status).toBe(400);
    expect((await admin.call('PATCH', '/api/units/NOPE', { order: 1 })).status).toBe(404);
    expect((await admin.call('PATCH', '/api/units/A', { order: -1 })).status).toBe(400);
    expect((await admin.call('PATCH', '/api/units/A', { order: 1.5 })).status).toBe(400);
    expect((await admin.call('PATCH', '/api/units/A', {})).status).toBe(400);
    // Nothing changed by the refused requests.
    expect(await codes()).toEqual(['Z', 'ROOT', 'B', 'C', 'A']);
  });

  it('renames a unit without touching its order', async () => {
    const renamed = await admin.call('PATCH', '/api/units/A', { name: { ja: '甲係', en: 'Section A' } });
    expect(renamed.json).toEqual({
      code: 'A',
      name: { ja: '甲係', en: 'Section A' },
      parentCode: 'ROOT',
      order: 3,
    });
  });
});

describe('participation', () => {
  let campaignId: string;

  it('shows a unit with sub-units by its direct members and by its total, in the order frozen at open', async () => {
    expect((await admin.post('/api/staff/import', roster(), { 'content-type': 'text/csv' })).status).toBe(
      200,
    );
    const templateId = (await admin.get('/api/templates')).json[0].id;
    const created = await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId,
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    });
    campaignId = created.json.id;
    expect((await admin.post(`/api/campaigns/${campaignId}/open`)).json.status).toBe('open');
    expect((await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`)).status).toBe(
      200,
    );

    const p = (await admin.get(`/api/campaigns/${campaignId}/participation`)).json;
    expect(p.invited).toBe(41);
    // Z (order 1) first, then ROOT with its total, then A; B and C count in ROOT's key group.
    expect(p.units).toEqual([
      { unitCode: 'Z', invited: 10, responses: 0, rate: 0 },
      {
        unitCode: 'ROOT',
        invited: 19,
        responses: 0,
        rate: 0,
        total: { invited: 31, responses: 0, rate: 0 },
      },
      { unitCode: 'A', invited: 12, responses: 0, rate: 0 },
    ]);
  });

  it('keeps the order frozen at open when HR changes it afterwards', async () => {
    expect((await admin.call('PATCH', '/api/units/Z', { order: null })).status).toBe(200);
    expect(await codes()).toEqual(['ROOT', 'B', 'C', 'A', 'Z']);
    const p = (await admin.get(`/api/campaigns/${campaignId}/participation`)).json;
    expect(p.units.map((u: any) => u.unitCode)).toEqual(['Z', 'ROOT', 'A']);
  });
});

describe('unit routes refuse what is not a unit code', () => {
  it('answers 400 for a path code that no unit could have', async () => {
    for (const code of ['a%20b', 'x'.repeat(40), '%E3%81%82']) {
      const res = await admin.call('PATCH', `/api/units/${code}`, { order: 1 });
      expect(res.status, code).toBe(400);
      expect(res.json.error.code).toBe('invalid_request');
    }
  });
});
