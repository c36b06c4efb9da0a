import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Bad input gets a 4xx with the error shape of DESIGN §6 and leaves the store
 * as it was: the tests read the store afterwards.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  expect((await admin.post('/api/units', { code: 'HQ', name: { ja: '本部' } })).status).toBe(201);
});
afterAll(async () => server?.close());

const errorShape = (body: any) => {
  expect(Object.keys(body)).toContain('error');
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
};

async function units() {
  return (await server.runtime.store.directory.listUnits()).map((u) => u.code).sort();
}

describe('JSON bodies', () => {
  it.each([
    ['malformed JSON', '{"code": "X", "name": ', 'application/json', 400, 'malformed_json'],
    ['wrong types', JSON.stringify({ code: 12, name: 'x' }), 'application/json', 400, 'invalid_request'],
    [
      'unknown fields',
      JSON.stringify({ code: 'X', name: { ja: 'x' }, admin: true }),
      'application/json',
      400,
      'invalid_request',
    ],
    [
      'a prototype key',
      '{"code":"X","name":{"ja":"x"},"__proto__":{"polluted":1}}',
      'application/json',
      400,
      'invalid_request',
    ],
    ['not JSON at all', 'code=X', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    [
      'an unknown parent',
      JSON.stringify({ code: 'X', name: { ja: 'x' }, parentCode: 'NOPE' }),
      'application/json',
      400,
      'unknown_parent',
    ],
  ])('rejects %s', async (_name, body, type, status, code) => {
    const res = await admin.post('/api/units', body, { 'content-type': type });
    expect(res.status).toBe(status);
    errorShape(res.json);
    expect(res.json.error.code).toBe(code);
    expect(await units()).toEqual(['HQ']);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('rejects an oversized body with 413', async () => {
    const huge = JSON.stringify({ code: 'X', name: { ja: 'x'.repeat(400_000) } });
    // On its own connection: a server may close a connection whose body it refused to read.
    const res = await admin
      .post('/api/units', huge, { connection: 'close' })
      .catch(async () => admin.post('/api/units', huge, { connection: 'close' }));
    expect(res.status).toBe(413);
    errorShape(res.json);
    expect(await units()).toEqual(['HQ']);
  });

  it('rejects a duplicate with 409 and keeps the first', async () => {
    const res = await admin.post('/api/units', { code: 'HQ', name: { ja: '別の名前' } });
    expect(res.status).toBe(409);
    errorShape(res.json);
    expect((await server.runtime.store.directory.getUnit('HQ'))?.name.ja).toBe('本部');
  });

  it('rejects a campaign that closes before it opens, or with k below 3', async () => {
    const base = {
      fiscalYear: 2026,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2026-06-30T00:00:00Z',
      closesAt: '2026-06-01T00:00:00Z',
    };
    const a = await admin.post('/api/campaigns', base);
    expect(a.status).toBe(400);
    expect(a.json.error.message).toContain('closesAt');
    const b = await admin.post('/api/campaigns', {
      ...base,
      closesAt: '2026-07-30T00:00:00Z',
      minGroupSize: 2,
    });
    expect(b.status).toBe(400);
    expect(b.json.error.message).toContain('minGroupSize');
    expect(await server.runtime.store.campaigns.listCampaigns()).toEqual([]);
  });

  it('answers an unknown route with 404 in the same shape', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.status).toBe(404);
    errorShape(res.json);
  });
});

describe('roster import', () => {
  const header = 'staffNo,name,email,unitCode,jobLevel,employmentType';

  it('reports every bad line with its number and imports nothing', async () => {
    const csv = [
      header,
      'S001,山田 太郎,yamada@example.jp,HQ,staff,regular',
      'S002,,bad-email,HQ,staff,regular',
      'S003,佐藤 花子,sato@example.jp,NOPE,staff,regular',
      'S004,鈴木 一郎,suzuki@example.jp,HQ,emperor,regular',
      'S001,重複 太郎,dup@example.jp,HQ,staff,regular',
      'S006,短い行',
    ].join('\r\n');
    const res = await admin.post('/api/staff/import', csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    errorShape(res.json);
    expect(res.json.error.code).toBe('invalid_roster');
    expect(res.json.errors.map((e: any) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(res.json.errors[1].message).toContain('NOPE');
    expect(res.json.errors[3].message).toContain('line 2');
    // Japanese first, then English, on every line (HR reads them without help).
    expect(res.json.errors.map((e: any) => e.message)).toEqual([
      expect.stringMatching(/^name: 氏名が空です \/ .*; email: メールアドレスの形式が正しくありません \/ /),
      'unitCode: 所属コード NOPE は登録されていません / unknown unit NOPE',
      'jobLevel: 5行目の職位「emperor」は対応表にありません。コード（staff, senior, chief, deputy, manager）か対応表にある名称にしてください / line 5: jobLevel "emperor" is not a known label; use one of staff, senior, chief, deputy, manager or map it',
      'staffNo: 職員番号 S001 は2行目にもあります / S001 already appears on line 2',
      '列の数が見出しと合いません（6列のはずが2列） / expected 6 fields, found 2',
    ]);
    expect(res.json.error.message).toMatch(
      /^5行に誤りがあるため、取り込みませんでした \/ 5 line\(s\) have errors/,
    );
    expect(await server.runtime.store.directory.listStaff()).toEqual([]);
  });

  it('reads Shift_JIS and UTF-8 with a BOM, and updates by staff number', async () => {
    const utf8 = `\uFEFF${header}\nS001,山田 太郎,yamada@example.jp,HQ,staff,regular\n`;
    const first = await admin.post('/api/staff/import', utf8, { 'content-type': 'text/csv' });
    expect(first.json).toEqual({ imported: 1, updated: 0, errors: [] });
    // 山田 二郎 in Shift_JIS, written by hand so the test does not depend on an encoder.
    const sjisName = Buffer.from([0x8e, 0x52, 0x93, 0x63, 0x20, 0x93, 0xf1, 0x98, 0x59]);
    const sjis = Buffer.concat([
      Buffer.from(`${header}\nS001,`),
      sjisName,
      Buffer.from(',yamada@example.jp,HQ,chief,regular\nS002,'),
      sjisName,
      Buffer.from(',,HQ,staff,fiscal_year\n'),
    ]);
    const res = await fetch(`${server.baseUrl}/api/staff/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${(await admin.login()).token}` },
      body: sjis,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 1, updated: 1, errors: [] });
    const staff = await server.runtime.store.directory.listStaff();
    expect(staff.find((s) => s.staffNo === 'S001')).toMatchObject({ name: '山田 二郎', jobLevel: 'chief' });
    expect(staff).toHaveLength(2);
  });

  it('previews without saving', async () => {
    const csv = `${header}\nS009,新人,new@example.jp,HQ,staff,regular\n`;
    const res = await admin.post('/api/staff/import?dryRun=1', csv, { 'content-type': 'text/csv' });
    expect(res.json).toEqual({ imported: 1, updated: 0, errors: [] });
    expect((await server.runtime.store.directory.listStaff()).map((s) => s.staffNo).sort()).toEqual([
      'S001',
      'S002',
    ]);
  });

  it('rejects a file without the needed columns, and one that is not CSV', async () => {
    const res = await admin.post('/api/staff/import', 'a,b\n1,2\n', { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/^必要な列がありません: staffNo, .* \/ missing columns: staffNo/),
    });
    const json = await admin.post('/api/staff/import', { rows: [] });
    expect(json.status).toBe(415);
    expect(await server.runtime.store.directory.listStaff()).toHaveLength(2);
  });
});
