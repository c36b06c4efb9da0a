import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage, MailSender } from '../../../functions/mail/message';
import { deadlineInDays, deadlineLabel } from '../../../shared/time/deadline';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/**
 * Reminders (issue 19): POST /api/campaigns/:id/reminders mails those whose
 * invitation is still unused, through the outbox, once per Japan-time day,
 * and answers and audits counts only.
 */

const DAY_MS = 86_400_000;
// The server's clock: moved a day on to allow the next run.
let clock = new Date();
let server: TestServer;
let admin: ReturnType<typeof client>;
let keeper: ReturnType<typeof client>;
let campaignId: string;
let closesAt: string;
const codes = new Map<string, string>();
const outbox = () => path.join(server.dataDir, 'outbox');

async function emls(): Promise<Map<string, string>> {
  const names = await fs.readdir(outbox()).catch(() => [] as string[]);
  return new Map(
    await Promise.all(
      names.map(async (n) => [n, await fs.readFile(path.join(outbox(), n), 'utf8')] as [string, string]),
    ),
  );
}
const remind = (who: ReturnType<typeof client>, id = campaignId) =>
  who.post(`/api/campaigns/${id}/reminders`);

let made = 0;
/** An open-able campaign of FY2026: the first annual, the others pulse surveys (one annual campaign a year). */
async function newCampaign(): Promise<string> {
  const res = await admin.post('/api/campaigns', {
    fiscalYear: 2026,
    ...(made++ > 0 ? { kind: 'pulse' } : {}),
    templateId: 'annual-staff-survey-v1',
    opensAt: new Date(clock.getTime() - DAY_MS).toISOString(),
    closesAt,
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id;
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  admin = client(server.baseUrl);
  await admin.login();
  await admin.post('/api/units', { code: 'A', name: { ja: '課 A' } });
  // Ten people (the smallest key group a campaign opens with, A3); R7–R10 without e-mail.
  const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (let i = 1; i <= 10; i++)
    csv.push(`R${i},職員 ${i},${i <= 6 ? `r${i}@example.jp` : ''},A,staff,regular`);
  expect((await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' })).status).toBe(
    200,
  );
  closesAt = deadlineInDays(clock, 20);
  campaignId = await newCampaign();
  expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);
  keeper = await custodian(admin);
  const invitations = await keeper.post(`/api/campaigns/${campaignId}/invitations`);
  expect(invitations.status, invitations.text).toBe(200);
  for (const i of invitations.json.invitations) codes.set(i.staffNo, i.code);
  // R1 (with e-mail) and R7 (without) answer through the public routes: their invitations are used.
  const r = respondent(server.baseUrl);
  for (const staffNo of ['R1', 'R7']) {
    const cred = await r.obtain(campaignId, codes.get(staffNo)!);
    const sent = await r.submit(
      cred,
      answersFor(cred.survey, () => 0.5),
      { jobLevel: 'staff' },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
  }
}, 60_000);
afterAll(async () => server?.close());

describe('POST /api/campaigns/:id/reminders', () => {
  it('is the custodian’s alone: a reader of results or the admin gets 403 and nothing is sent', async () => {
    await admin.post('/api/auth/users', {
      email: 'reader@example.jp',
      password: 'reader-password-1',
      role: 'analyst',
    });
    const reader = client(server.baseUrl);
    await reader.login('reader@example.jp', 'reader-password-1');
    for (const who of [reader, admin]) {
      const res = await remind(who);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await emls()).size).toBe(0);
  });

  it('mails only those not yet answered, with their code, link and deadline, and answers counts only', async () => {
    const res = await remind(keeper);
    expect(res.status, res.text).toBe(200);
    // R2–R6 are reminded; R8–R10 have no e-mail; R1 and R7 have answered.
    expect(res.json).toEqual({ sent: 5, skippedNoEmail: 3 });
    const mails = [...(await emls()).values()];
    expect(mails).toHaveLength(5);
    const to = mails.map((m) => /^To: (.+)$/m.exec(m)?.[1]?.trim()).sort();
    expect(to).toEqual(['r2@example.jp', 'r3@example.jp', 'r4@example.jp', 'r5@example.jp', 'r6@example.jp']);
    for (const m of mails) {
      const n = /^To: r(\d+)@/m.exec(m)![1]!;
      expect(m).toContain(codes.get(`R${n}`)!);
      expect(m).toContain(`${server.baseUrl}/answer/#${campaignId}/`);
      expect(m).toContain(deadlineLabel(closesAt, 'ja', { year: true }));
      expect(m).toContain(deadlineLabel(closesAt, 'en', { year: true }));
      expect(m).toContain('すでに回答された方は');
      expect(m).toContain('If you have already answered, please ignore this e-mail');
      expect(m).toContain('匿名');
      expect(m.indexOf('様')).toBeLessThan(m.indexOf('Dear'));
      // Nobody who has answered is named in anyone's mail.
      expect(m).not.toContain(codes.get('R1')!);
    }
  });

  it('refuses a second run on the same Japan-time day with 429, and allows one the next day', async () => {
    const before = (await emls()).size;
    const again = await remind(keeper);
    expect(again.status).toBe(429);
    expect(again.json.error.code).toBe('reminders_already_sent_today');
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    expect((await emls()).size).toBe(before);

    clock = new Date(clock.getTime() + DAY_MS);
    const tomorrow = await remind(keeper);
    expect(tomorrow.status, tomorrow.text).toBe(200);
    expect(tomorrow.json).toEqual({ sent: 5, skippedNoEmail: 3 });
    expect((await emls()).size).toBe(before + 5);
  });

  it('writes each run to the audit log with counts only: no staff number, name or address', async () => {
    const months = [
      ...new Set([new Date(clock.getTime() - DAY_MS), clock].map((d) => d.toISOString().slice(0, 7))),
    ];
    const log = (await Promise.all(months.map((m) => server.runtime.store.audit.listMonth(m)))).flat();
    const runs = log.filter((e) => e.action === 'reminders.sent');
    expect(runs).toHaveLength(2);
    for (const e of runs) {
      expect(e.target).toBe(campaignId);
      expect(e.actor).toBe('custodian@example.jp');
      expect(e.detail).toEqual({ sent: 5, skippedNoEmail: 3, failed: 0 });
      expect(JSON.stringify(e)).not.toMatch(/R\d|r\d@|職員/);
    }
  });

  it('says 503 where no mail service is set up, without spending the day; 502 with counts when mails fail', async () => {
    const other = await newCampaign();
    expect((await admin.post(`/api/campaigns/${other}/open`)).status).toBe(200);
    expect((await keeper.post(`/api/campaigns/${other}/invitations`)).status).toBe(200);
    const real = server.runtime.deps.mail;
    try {
      delete server.runtime.deps.mail;
      const none = await remind(keeper, other);
      expect(none.status).toBe(503);
      expect(none.json.error.code).toBe('mail_unavailable');
      const delivered: MailMessage[] = [];
      server.runtime.deps.mail = {
        async send(m) {
          if (m.to === 'r4@example.jp') throw new Error('relay refused');
          delivered.push(m);
        },
      } satisfies MailSender;
      // The 503 did not spend the day: this run goes out, and reports the failure with counts.
      const flaky = await remind(keeper, other);
      expect(flaky.status).toBe(502);
      expect(flaky.json).toMatchObject({
        error: { code: 'mail_failed' },
        sent: 5,
        failed: 1,
        skippedNoEmail: 4,
      });
      expect(delivered).toHaveLength(5);
    } finally {
      server.runtime.deps.mail = real;
    }
  });

  it('refuses a draft or closed campaign with 409 and sends nothing', async () => {
    const before = (await emls()).size;
    const draft = await newCampaign();
    const closed = await newCampaign();
    expect((await admin.post(`/api/campaigns/${closed}/open`)).status).toBe(200);
    expect((await admin.post(`/api/campaigns/${closed}/close`)).status).toBe(200);
    for (const id of [draft, closed]) {
      const res = await remind(keeper, id);
      expect(res.status, id).toBe(409);
      expect(res.json.error.code).toBe('campaign_not_open');
    }
    expect((await remind(keeper, 'nope')).status).toBe(404);
    expect((await emls()).size).toBe(before);
  });
});
