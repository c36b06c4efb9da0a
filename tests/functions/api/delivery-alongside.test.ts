import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MailMessage, MailSender } from '../../../functions/mail/message';
import { client, custodian, oneUnitStaff, startTestServer, type TestServer } from '../../support/server';

/**
 * Delivering to everyone sends the mails beside the ledger's writing (issue 18), a slice of
 * entries at a time: a person is mailed only once their entry is stored, and a write that fails
 * half-way is audited with what was sent before the error is told.
 */

let server: TestServer;
let keeper: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
/** More people than one slice of the ledger (2,000), so the writing comes in two. */
const PEOPLE = 2_300;
const emailOf = (i: number) => (i % 3 === 0 ? '' : `p${i}@example.jp`);
const withEmail = Array.from({ length: PEOPLE }, (_, i) => emailOf(i + 1)).filter(Boolean).length;

const openCampaign = async (fiscalYear: number) => {
  const id = (
    await admin.post('/api/campaigns', {
      fiscalYear,
      templateId: 'annual-staff-survey-v1',
      opensAt: `${fiscalYear}-06-01T00:00:00+09:00`,
      closesAt: `${fiscalYear}-06-30T23:59:59+09:00`,
    })
  ).json.id as string;
  expect((await admin.post(`/api/campaigns/${id}/open`)).status).toBe(200);
  return id;
};

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  await oneUnitStaff(
    admin,
    Array.from({ length: PEOPLE }, (_, i) => ({ staffNo: `P${i + 1}`, email: emailOf(i + 1) })),
  );
  keeper = await custodian(admin);
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
});

describe('POST /api/campaigns/:id/invitations/deliver, to everyone', () => {
  it('mails each person only once their ledger entry is stored', async () => {
    const id = await openCampaign(2026);
    const real = server.runtime.deps.mail!;
    const directory = server.runtime.store.directory;
    const add = directory.addLedgerEntries.bind(directory);
    // Who the store has answered for, as each write's answer arrives.
    const stored = new Set<string>();
    let writes = 0;
    const spy = vi.spyOn(directory, 'addLedgerEntries').mockImplementation(async (entries) => {
      writes++;
      await add(entries);
      for (const e of entries) stored.add(e.staffNo);
    });
    const byEmail = new Map(
      Array.from({ length: PEOPLE }, (_, i) => [emailOf(i + 1), `P${i + 1}`] as const).filter(([e]) => e),
    );
    const early: string[] = [];
    let mailed = 0;
    let whileWriting = 0;
    server.runtime.deps.mail = {
      async send(m: MailMessage) {
        mailed++;
        if (!stored.has(byEmail.get(m.to)!)) early.push(m.to);
        if (stored.size < PEOPLE) whileWriting++;
        await real.send(m);
      },
    } satisfies MailSender;
    try {
      const res = await keeper.post(`/api/campaigns/${id}/invitations/deliver`);
      expect(res.json).toEqual({ sent: withEmail, withoutEmail: PEOPLE - withEmail });
    } finally {
      server.runtime.deps.mail = real;
      spy.mockRestore();
    }
    expect(writes).toBe(2);
    expect(mailed).toBe(withEmail);
    expect(early).toEqual([]);
    // The first slice's mails went out while the second slice was being written.
    expect(whileWriting).toBeGreaterThan(0);
    expect((await directory.listLedger(id)).length).toBe(PEOPLE);
  }, 120_000);

  it('audits what was sent when the ledger fails half-way, tells the error, and a second delivery completes', async () => {
    const id = await openCampaign(2027);
    const outbox = path.join(server.dataDir, 'outbox');
    const before = (await fs.readdir(outbox).catch(() => [])).length;
    const directory = server.runtime.store.directory;
    const add = directory.addLedgerEntries.bind(directory);
    let calls = 0;
    const spy = vi.spyOn(directory, 'addLedgerEntries').mockImplementation(async (entries) => {
      // The first slice is stored; the second is refused, as a store that has become unavailable.
      if (++calls === 2) throw new Error('the store went away');
      return add(entries);
    });
    let res: Awaited<ReturnType<typeof keeper.post>>;
    try {
      res = await keeper.post(`/api/campaigns/${id}/invitations/deliver`);
    } finally {
      spy.mockRestore();
    }
    expect(res.status).toBeGreaterThanOrEqual(500);
    const stored = await directory.listLedger(id);
    expect(stored.length).toBe(2_000);
    const mailed = (await fs.readdir(outbox)).length - before;
    // Exactly the people of the stored slice who have an e-mail address.
    const storedWithEmail = stored.filter((e) => emailOf(Number(e.staffNo.slice(1)))).length;
    expect(mailed).toBe(storedWithEmail);
    const log = await server.runtime.store.audit.listMonth(new Date().toISOString().slice(0, 7));
    const delivered = log.filter((e) => e.action === 'invitations.delivered' && e.target === id);
    expect(delivered.map((e) => e.detail)).toEqual([
      { sent: storedWithEmail, withoutEmail: 2_000 - storedWithEmail, failed: 0 },
    ]);
    // Delivering again writes the rest and mails everyone (a delivery always mails everyone).
    const again = await keeper.post(`/api/campaigns/${id}/invitations/deliver`);
    expect(again.json).toEqual({ sent: withEmail, withoutEmail: PEOPLE - withEmail });
    expect((await directory.listLedger(id)).length).toBe(PEOPLE);
  }, 120_000);
});
