import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateUnitKey } from '../../../functions/crypto';
import { unwrapPrivateKey } from '../../../functions/crypto/key-wrap';
import { applyCampaignSchedule } from '../../../functions/lambda/campaign-schedule';
import { createCampaign, openCampaign, prepareCampaignKeys } from '../../../functions/services/campaigns';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Group keys made ahead of open (services/campaigns.ts `prepareCampaignKeys`): a city's keys take
 * minutes, more than the scheduler has at open. Open must take them as they are, make only the
 * missing ones, and leave none behind.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
const deps = () => server.runtime.deps;
const store = () => server.runtime.store;
const FAR = () => Date.now() + 600_000;

const draft = async (opensInMs: number) =>
  (
    await createCampaign(deps(), {
      fiscalYear: 2030 + Math.floor(Math.random() * 1_000),
      templateId: 'annual-staff-survey-v1',
      kind: 'pulse',
      opensAt: new Date(Date.now() + opensInMs).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    })
  ).id;

beforeAll(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  // Three sections of ten under one division: three key groups of their own.
  await admin.post('/api/units', { code: 'T', name: { ja: '課' } });
  for (const code of ['A', 'B', 'C'])
    await admin.post('/api/units', { code, name: { ja: `係 ${code}` }, parentCode: 'T' });
  const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (const code of ['A', 'B', 'C'])
    for (let i = 0; i < 10; i++) csv.push(`${code}${i},職員 ${code}${i},,${code},staff,regular`);
  const imported = await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' });
  expect(imported.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await server?.close();
  vi.restoreAllMocks();
});

describe('keys made ahead of open', () => {
  it('are one per key group, kept across runs, and none are made once the time is up', async () => {
    const id = await draft(86_400_000);
    expect(await prepareCampaignKeys(deps(), id, Date.now() - 1)).toEqual({ groups: 3, ready: 0, made: 0 });
    expect(await store().campaigns.listKeysAhead(id)).toEqual([]);
    expect(await prepareCampaignKeys(deps(), id, FAR())).toEqual({ groups: 3, ready: 3, made: 3 });
    const first = (await store().campaigns.listKeysAhead(id)).map((k) => k.keyId).sort();
    expect(first).toHaveLength(3);
    expect(await prepareCampaignKeys(deps(), id, FAR())).toEqual({ groups: 3, ready: 3, made: 0 });
    expect((await store().campaigns.listKeysAhead(id)).map((k) => k.keyId).sort()).toEqual(first);
  }, 60_000);

  it('are the keys open uses, wrapped for their group; open makes the missing one and deletes the unused', async () => {
    const id = await draft(86_400_000);
    await prepareCampaignKeys(deps(), id, FAR());
    const ahead = await store().campaigns.listKeysAhead(id);
    expect(ahead).toHaveLength(3);
    // One group's key is missing (a run cut short); one is for a group that is gone (the roster changed).
    const [missing, ...kept] = ahead;
    await store().campaigns.deleteKeysAhead(id, [missing!.unitCode]);
    const stray = await generateUnitKey();
    await store().campaigns.putKeysAhead([
      {
        campaignId: id,
        unitCode: 'GONE',
        keyId: stray.keyId,
        publicKeySpki: stray.publicKeySpki,
        wrappedPrivateKey: await deps().keys.wrap(stray.privateKeyPkcs8, `${id}/GONE`),
      },
    ]);

    await openCampaign(deps(), id);
    const record = await store().campaigns.getCampaign(id);
    const groups = (await store().campaigns.getFrozenOrganisation(id, record!.frozen!)).groups;
    const keyOf = new Map(groups.map((g) => [g.id, g.keyId]));
    expect([...keyOf.keys()].sort()).toEqual(ahead.map((k) => k.unitCode).sort());
    for (const k of kept) expect(keyOf.get(k.unitCode)).toBe(k.keyId);
    expect(keyOf.get(missing!.unitCode)).not.toBe(missing!.keyId);
    const keys = await store().campaigns.listUnitKeys(id);
    expect(keys.map((k) => k.keyId).sort()).toEqual([...keyOf.values()].sort());
    expect(keys.map((k) => k.keyId)).not.toContain(stray.keyId);
    // Each open key unwraps with its group's context, as the token route unwraps it.
    for (const k of keys) {
      const key = await unwrapPrivateKey(deps().keys, k.wrappedPrivateKey, `${id}/${k.unitCode}`, k.keyId);
      expect(key.asymmetricKeyType).toBe('rsa');
    }
    expect(await store().campaigns.listKeysAhead(id)).toEqual([]);
  }, 60_000);

  it('are made by the schedule for drafts still to open, and not for a draft it opens', async () => {
    const later = await draft(86_400_000);
    const due = await draft(-60_000);
    const outcome = await applyCampaignSchedule(deps(), new Date());
    expect(outcome.opened).toContain(due);
    expect(await store().campaigns.listKeysAhead(later)).toHaveLength(3);
    expect(await store().campaigns.listKeysAhead(due)).toEqual([]);
    // Opened since: nothing more is made for it.
    expect(await prepareCampaignKeys(deps(), due, FAR())).toEqual({ groups: 0, ready: 0, made: 0 });
  }, 60_000);

  it('are made again for what changed in the roster once all were made, and open leaves nothing behind', async () => {
    const id = await draft(86_400_000);
    expect(await prepareCampaignKeys(deps(), id, FAR())).toMatchObject({ groups: 3, ready: 3 });
    // A fourth section of ten: a fourth group, though the last run had made every key.
    await admin.post('/api/units', { code: 'D', name: { ja: '係 D' }, parentCode: 'T' });
    const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
    for (const code of ['A', 'B', 'C', 'D'])
      for (let i = 0; i < 10; i++) csv.push(`${code}${i},職員 ${code}${i},,${code},staff,regular`);
    expect(
      (await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' })).status,
    ).toBe(200);
    expect(await prepareCampaignKeys(deps(), id, FAR())).toEqual({ groups: 4, ready: 4, made: 1 });
    expect(await prepareCampaignKeys(deps(), id, FAR())).toEqual({ groups: 4, ready: 4, made: 0 });
    expect(await store().campaigns.getKeysAheadMark(id)).toMatchObject({ groups: 4 });
    await openCampaign(deps(), id);
    expect(await store().campaigns.listKeysAhead(id)).toEqual([]);
    expect(await store().campaigns.getKeysAheadMark(id)).toBeUndefined();
    expect(await store().campaigns.listUnitKeys(id)).toHaveLength(4);
  }, 60_000);
});
