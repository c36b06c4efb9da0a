import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, MailSender } from '../../../functions/mail/message';
import { parseCsv } from '../../../shared/text/csv';
import { client, custodian, oneUnitStaff, startTestServer, type TestServer } from '../../support/server';

/** Code delivery's edges: no mail service, a mail service that fails, resends, bad input. */

let server: TestServer;
let keeper: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let campaignId: string;
const outbox = () => path.join(server.dataDir, 'outbox');
const emlCount = async () => (await fs.readdir(outbox()).catch(() => [])).length;

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  // Ten people: the smallest key group a campaign opens with (A3); four without e-mail.
  await oneUnitStaff(
    admin,
    Array.from({ length: 10 }, (_, i) => ({
      staffNo: `D${i + 1}`,
      email: i < 6 ? `d${i + 1}@example.jp` : '',
    })),
  );
  campaignId = (
    await admin.post('/api/campaigns', {
      fiscalYear: 2026,
      templateId: 'annual-staff-survey-v1',
      opensAt: '2026-06-01T00:00:00+09:00',
      closesAt: '2026-06-30T23:59:59+09:00',
    })
  ).json.id;
  await admin.post(`/api/campaigns/${campaignId}/open`);
  keeper = await custodian(admin);
}, 60_000);
afterAll(async () => server?.close());

describe('POST /api/campaigns/:id/invitations/deliver', () => {
  it('resends to the staff numbers given, and refuses an unknown one or a bad body without sending', async () => {
    const res = await keeper.post(`/api/campaigns/${campaignId}/invitations/deliver`, {
      staffNos: ['D2', 'D8'],
    });
    expect(res.json).toEqual({ sent: 1, withoutEmail: 1 });
    expect(await emlCount()).toBe(1);
    for (const body of [{ staffNos: ['D2', 'NOPE'] }, { staffNos: [] }, { staffNos: 'D2' }, { other: 1 }]) {
      const bad = await keeper.post(`/api/campaigns/${campaignId}/invitations/deliver`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(await emlCount()).toBe(1);
    expect((await keeper.post('/api/campaigns/nope/invitations/deliver')).status).toBe(404);
  });

  it('says 502 with the counts when some e-mails fail, and audits the failure', async () => {
    const real = server.runtime.deps.mail;
    const delivered: MailMessage[] = [];
    const flaky: MailSender = {
      async send(m) {
        if (m.to === 'd3@example.jp') throw new Error('relay refused');
        delivered.push(m);
      },
    };
    server.runtime.deps.mail = flaky;
    try {
      const res = await keeper.post(`/api/campaigns/${campaignId}/invitations/deliver`);
      expect(res.status).toBe(502);
      expect(res.json).toMatchObject({ error: { code: 'mail_failed' }, sent: 5, failed: 1, withoutEmail: 4 });
      expect(delivered.map((m) => m.to).sort()).toEqual([
        'd1@example.jp',
        'd2@example.jp',
        'd4@example.jp',
        'd5@example.jp',
        'd6@example.jp',
      ]);
    } finally {
      server.runtime.deps.mail = real;
    }
    const log = await server.runtime.store.audit.listMonth(new Date().toISOString().slice(0, 7));
    expect(log.filter((e) => e.action === 'invitations.delivered').map((e) => e.detail)).toContainEqual({
      sent: 5,
      withoutEmail: 4,
      failed: 1,
    });
  });

  it('says 503 where no mail service is set up; slips still work', async () => {
    const real = server.runtime.deps.mail;
    delete server.runtime.deps.mail;
    try {
      const res = await keeper.post('/api/feedback/codes/deliver', { fiscalYear: 2026 });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe('mail_unavailable');
      const slips = await keeper.post('/api/feedback/codes/slips', { fiscalYear: 2026 });
      expect(slips.json.slips.map((s: { staffNo: string }) => s.staffNo).sort()).toEqual([
        'D10',
        'D7',
        'D8',
        'D9',
      ]);
    } finally {
      server.runtime.deps.mail = real;
    }
  });
});

describe('invited counts', () => {
  it('stay at the ledger’s count when invited again, and a stale counter is mended by the next list', async () => {
    const invited = async () =>
      (await admin.get(`/api/campaigns/${campaignId}/participation`)).json.invited as number;
    await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`);
    expect(await invited()).toBe(10);
    await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`);
    expect(await invited()).toBe(10);
    // A list cut short after the ledger was written and before the counters were (a timeout, a crash).
    await server.runtime.store.campaigns.setInvited(campaignId, 'A', 3);
    expect(await invited()).toBe(3);
    await keeper.post(`/api/campaigns/${campaignId}/invitations/slips`);
    expect(await invited()).toBe(10);
  });
});

describe('GET /api/campaigns/:id/invitations.csv', () => {
  it('writes names and e-mails through the shared writer: BOM, CRLF, quoting and the formula guard', async () => {
    // A name a spreadsheet would run as a formula, with a comma and quotes in it.
    const evil = '=HYPERLINK("http://example.com/x","開く")';
    const roster = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
    for (let i = 1; i <= 10; i++) {
      const name = i === 1 ? `"${evil.replace(/"/g, '""')}"` : `職員 ${i}`;
      roster.push(`D${i},${name},${i <= 6 ? `d${i}@example.jp` : ''},A,staff,regular`);
    }
    const imported = await admin.post('/api/staff/import', roster.join('\n'), { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    const res = await keeper.get(`/api/campaigns/${campaignId}/invitations.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    // fetch's text() drops the BOM (tests/shared/text/csv.test.ts checks it is written).
    expect(res.text.startsWith('staffNo,name,email,unitCode,code,url\r\n')).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(res.text).map((r) => r.cells);
    expect(rows).toHaveLength(11);
    const byNo = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byNo.get('D1')?.[1]).toBe(`'${evil}`);
    expect(byNo.get('D2')?.slice(1, 4)).toEqual(['職員 2', 'd2@example.jp', 'A']);
    expect(byNo.get('D9')?.[2]).toBe('');
  });
});
