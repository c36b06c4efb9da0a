import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../support/server';
import { type RosterLine, shiftJisCsv, utf8BomCsv, XLSX_TYPE, xlsxRoster } from '../../support/roster-files';

/**
 * A Japanese HR system's roster export (issue 16): Japanese headers and
 * labels, UTF-8 with a BOM, Shift_JIS and .xlsx, straight to the import and
 * through an upload with its preview; an unknown label is a 422 naming the
 * row and the value until the city maps it.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  token = (await admin.login()).token;
  for (const code of ['HQ', 'KIKAKU']) {
    expect((await admin.post('/api/units', { code, name: { ja: code } })).status).toBe(201);
  }
});
afterAll(async () => server?.close());

const send = async (url: string, body: Uint8Array, type: string, method = 'POST') => {
  const res = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { 'content-type': type, authorization: `Bearer ${token}` },
    body: body as BodyInit,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};

const staff = async () =>
  Object.fromEntries((await server.runtime.store.directory.listStaff()).map((s) => [s.staffNo, s]));

const rows: RosterLine[] = [
  ['J001', '会津 太郎', 'taro@example.jp', 'HQ', '主事', '正規'],
  ['J002', '鶴ヶ城 花子', '', 'KIKAKU', '係長', '再任用'],
  ['J003', '白虎 次郎', 'jiro@example.jp', 'HQ', '課長補佐', '会計年度任用'],
  ['J004', '磐梯 三郎', '', 'KIKAKU', '部長', '任期付'],
];

describe('Japanese roster exports', () => {
  it('imports Japanese headers and labels from a UTF-8 CSV with a BOM', async () => {
    const res = await send('/api/staff/import', utf8BomCsv(rows), 'text/csv');
    expect(res).toEqual({ status: 200, json: { imported: 4, updated: 0, errors: [] } });
    const s = await staff();
    expect(s.J001).toMatchObject({
      name: '会津 太郎',
      unitCode: 'HQ',
      jobLevel: 'staff',
      employmentType: 'regular',
    });
    expect(s.J002).toMatchObject({ jobLevel: 'chief', employmentType: 'reappointed', email: '' });
    expect(s.J003).toMatchObject({ jobLevel: 'deputy', employmentType: 'fiscal_year' });
    expect(s.J004).toMatchObject({ jobLevel: 'manager', employmentType: 'fixed_term' });
  });

  it('reads Shift_JIS, also when a character is split across chunks', async () => {
    const changed: RosterLine[] = rows.map((r) =>
      r[0] === 'J001' ? [...r.slice(0, 4), '主任', '正規職員'] : r,
    ) as RosterLine[];
    const bytes = shiftJisCsv(changed);
    // Sent in 7-byte pieces, so multi-byte characters arrive cut in two.
    const body = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < bytes.length; i += 7) ctl.enqueue(bytes.subarray(i, i + 7));
        ctl.close();
      },
    });
    const res = await fetch(`${server.baseUrl}/api/staff/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 0, updated: 4, errors: [] });
    expect((await staff()).J001).toMatchObject({
      name: '会津 太郎',
      jobLevel: 'senior',
      employmentType: 'regular',
    });
  });

  it('imports an .xlsx workbook', async () => {
    const more: RosterLine[] = [...rows, ['J005', '猪苗代 四郎', 'shiro@example.jp', 'HQ', '技師', '正規']];
    const res = await send('/api/staff/import', await xlsxRoster(more), XLSX_TYPE);
    expect(res).toEqual({ status: 200, json: { imported: 1, updated: 4, errors: [] } });
    expect((await staff()).J005).toMatchObject({
      name: '猪苗代 四郎',
      jobLevel: 'staff',
      employmentType: 'regular',
    });
  });

  it('refuses an unknown label with a 422 naming the row and the value, then takes it once the city maps it', async () => {
    const before = await staff();
    const odd: RosterLine[] = [...rows, ['J006', '只見 五郎', '', 'HQ', '班長', '臨時']];
    const bad = await send('/api/staff/import', utf8BomCsv(odd), 'text/csv');
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('invalid_roster');
    expect(bad.json.errors).toHaveLength(1);
    expect(bad.json.errors[0].line).toBe(6);
    expect(bad.json.errors[0].message).toContain('6行目の職位「班長」は対応表にありません');
    expect(bad.json.errors[0].message).toContain('line 6: jobLevel "班長" is not a known label');
    expect(bad.json.errors[0].message).toContain('employmentType "臨時"');
    expect(await staff()).toEqual(before);

    // A label must map to one of the API's codes.
    const wrong = await admin.call('PUT', '/api/roster/labels', { jobLevel: { 班長: 'emperor' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('invalid_roster_labels');

    const saved = await admin.call('PUT', '/api/roster/labels', {
      jobLevel: { 班長: 'chief' },
      employmentType: { 臨時: 'fiscal_year' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.city).toEqual({
      jobLevel: { 班長: 'chief' },
      employmentType: { 臨時: 'fiscal_year' },
      ageBand: {},
    });
    const read = await admin.get('/api/roster/labels');
    expect(read.json.city.jobLevel).toEqual({ 班長: 'chief' });
    expect(read.json.builtIn.jobLevel.係長).toBe('chief');

    const ok = await send('/api/staff/import', utf8BomCsv(odd), 'text/csv');
    expect(ok).toEqual({ status: 200, json: { imported: 1, updated: 4, errors: [] } });
    expect((await staff()).J006).toMatchObject({ jobLevel: 'chief', employmentType: 'fiscal_year' });

    const month = new Date().toISOString().slice(0, 7);
    const audit = await server.runtime.store.audit.listMonth(month);
    expect(audit.filter((e) => e.action === 'roster.labels_changed')).toEqual([
      expect.objectContaining({
        actor: 'admin@example.jp',
        target: 'roster-labels',
        detail: { added: 2, removed: 0 },
      }),
    ]);
  });
});

describe('uploads with a preview and a column mapping', () => {
  const upload = async (bytes: Uint8Array) => {
    const ticket = await admin.post('/api/roster/uploads', { fileName: 'roster.csv', size: bytes.length });
    expect(ticket.status).toBe(201);
    expect(ticket.json).toMatchObject({ method: 'PUT', url: `/api/roster/uploads/${ticket.json.uploadId}` });
    const put = await send(ticket.json.url, bytes, ticket.json.headers['content-type'], 'PUT');
    expect(put.status).toBe(204);
    return ticket.json.uploadId as string;
  };

  it('previews a Shift_JIS file with unfamiliar headers, imports it with the mapping chosen, then forgets it', async () => {
    const header = ['番号', '氏名', 'メール', '所属コード', '職名', '区分', '備考'];
    const lines = [
      ['K001', '喜多方 一', '', 'HQ', '主査', '雇止め', 'メモ'],
      ['K002', '会津 二', '', 'KIKAKU', '主事', '正規', ''],
    ] as unknown as RosterLine[];
    const id = await upload(shiftJisCsv(lines, header));

    const preview = await admin.post(`/api/roster/uploads/${id}/preview`, {});
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      format: 'csv',
      encoding: 'shift_jis',
      headers: header,
      // 番号 and 区分 are not in the header table; メール is.
      columns: [null, 'name', 'email', 'unitCode', 'jobLevel', null, null],
      rows: 2,
      sample: [
        { line: 2, cells: ['K001', '喜多方 一', '', 'HQ', '主査', '雇止め', 'メモ'] },
        { line: 3, cells: expect.any(Array) },
      ],
    });
    expect(preview.json.errors[0].message).toMatch(/^必要な列がありません: staffNo, employmentType/);

    const columns = ['staffNo', 'name', 'email', 'unitCode', 'jobLevel', 'employmentType', null];
    const mapped = await admin.post(`/api/roster/uploads/${id}/preview`, { columns });
    expect(mapped.json.unknownLabels).toEqual([
      { field: 'employmentType', value: '雇止め', count: 1, firstLine: 2 },
    ]);
    expect(mapped.json.errorCount).toBe(1);

    const refused = await admin.post(`/api/roster/uploads/${id}/import`, { columns });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining('「雇止め」') });

    const labels = { employmentType: { 雇止め: 'fixed_term' } };
    const dry = await admin.post(`/api/roster/uploads/${id}/import?dryRun=1`, { columns, labels });
    expect(dry.json).toEqual({ imported: 2, updated: 0, errors: [] });
    expect((await staff()).K001).toBeUndefined();
    const done = await admin.post(`/api/roster/uploads/${id}/import`, { columns, labels });
    expect(done.json).toEqual({ imported: 2, updated: 0, errors: [] });
    expect((await staff()).K001).toMatchObject({ jobLevel: 'senior', employmentType: 'fixed_term' });
    // A label sent with one import is not saved for the next.
    expect((await admin.get('/api/roster/labels')).json.city.employmentType).toEqual({ 臨時: 'fiscal_year' });
    // The upload is deleted after the import.
    const again = await admin.post(`/api/roster/uploads/${id}/preview`, {});
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('upload_not_found');
  });

  it('previews an .xlsx upload', async () => {
    const id = await upload(await xlsxRoster(rows));
    const preview = await admin.post(`/api/roster/uploads/${id}/preview`, {});
    expect(preview.json).toMatchObject({
      format: 'xlsx',
      columns: ['staffNo', 'name', 'email', 'unitCode', 'jobLevel', 'employmentType'],
      rows: 4,
      unknownLabels: [],
      errorCount: 0,
    });
    expect(preview.json.encoding).toBeUndefined();
    expect((await admin.call('DELETE', `/api/roster/uploads/${id}`)).status).toBe(204);
    expect((await admin.post(`/api/roster/uploads/${id}/preview`, {})).status).toBe(404);
  });

  it('refuses an upload over the limit, a PUT without a ticket and a bad mapping', async () => {
    const big = await admin.post('/api/roster/uploads', { fileName: 'x.csv', size: 10 * 1024 * 1024 * 1024 });
    expect(big.status).toBe(400);
    expect(big.json.error.code).toBe('upload_too_large');
    const stray = await send(
      '/api/roster/uploads/AAAAAAAAAAAAAAAAAAAAAA',
      Buffer.from('x'),
      'application/octet-stream',
      'PUT',
    );
    expect(stray.status).toBe(404);
    // More bytes than the ticket asked for: refused, nothing kept.
    const ticket = await admin.post('/api/roster/uploads', { fileName: 'r.csv', size: 10 });
    const over = await send(
      ticket.json.url,
      Buffer.alloc(64 * 1024, 0x41),
      'application/octet-stream',
      'PUT',
    );
    expect(over.status).toBe(400);
    expect((await admin.post(`/api/roster/uploads/${ticket.json.uploadId}/preview`, {})).status).toBe(404);
    const id = await upload(utf8BomCsv(rows));
    const bad = await admin.post(`/api/roster/uploads/${id}/preview`, { columns: ['salary'] });
    expect(bad.status).toBe(400);
  });
});
