import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConflictError, type Store } from '../../../functions/store';
import type { CampaignRecord } from '../../../functions/store/campaigns';
import { RESPONSE_SHARDS, responsePartition, SHARDS_READ_AT_ONCE } from '../../../functions/store/responses';
import { annualStaffSurvey } from '../../../shared/instruments';
import { testStore } from '../../support/store';

/**
 * The store's contract, run on the embedded engine by `npm test` and on
 * DynamoDB Local by `npm run test:conformance`, so nothing passes only on one.
 */

let store: Store;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ store, close } = await testStore());
});
afterAll(async () => close?.());

const campaign = (id: string, status: CampaignRecord['status'] = 'draft'): CampaignRecord => ({
  id,
  fiscalYear: 2026,
  templateId: 'annual-staff-survey-v1',
  title: { ja: '調査', en: 'Survey' },
  opensAt: '2026-06-01T00:00:00+09:00',
  closesAt: '2026-06-30T00:00:00+09:00',
  minGroupSize: 5,
  status,
  createdAt: '2026-05-01T00:00:00.000Z',
  template: annualStaffSurvey,
});

/** The store keeps what it is given: these tests store stand-ins whose shape is not their concern. */
const opaque = <T>(value: unknown) => value as T;

describe('directory', () => {
  it('creates units once and lists them', async () => {
    await store.directory.createUnit({ code: 'HQ', name: { ja: '本部' }, parentCode: null });
    await store.directory.createUnit({ code: 'HQ-A', name: { ja: '甲課', en: 'A' }, parentCode: 'HQ' });
    await expect(
      store.directory.createUnit({ code: 'HQ', name: { ja: '別' }, parentCode: null }),
    ).rejects.toBeInstanceOf(ConflictError);
    const units = await store.directory.listUnits();
    expect(units).toEqual([
      { code: 'HQ', name: { ja: '本部' }, parentCode: null },
      { code: 'HQ-A', name: { ja: '甲課', en: 'A' }, parentCode: 'HQ' },
    ]);
    expect(await store.directory.getUnit('HQ-A')).toEqual(units[1]);
    expect(await store.directory.getUnit('nope')).toBeUndefined();
  });

  it('replaces the roster as a whole and refuses a stale import', async () => {
    expect(await store.directory.rosterVersion()).toBe('');
    expect(await store.directory.listStaff()).toEqual([]);
    const row = (staffNo: string) => ({
      staffNo,
      name: '職員',
      email: '',
      unitCode: 'HQ-A',
      jobLevel: 'staff',
      employmentType: 'regular',
    });
    const staff = Array.from({ length: 60 }, (_, i) => row(`S${String(i).padStart(3, '0')}`));
    const v1 = await store.directory.replaceRoster('', staff);
    expect(await store.directory.rosterVersion()).toBe(v1);
    expect(await store.directory.listStaff()).toHaveLength(60);
    const v2 = await store.directory.replaceRoster(v1, staff.slice(0, 10));
    expect(v2).not.toBe(v1);
    expect(await store.directory.listStaff()).toHaveLength(10);
    // An import that read version 1 must not win over version 2, nor touch its rows.
    await expect(store.directory.replaceRoster(v1, staff)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.directory.replaceRoster('', staff)).rejects.toBeInstanceOf(ConflictError);
    expect(await store.directory.rosterVersion()).toBe(v2);
    expect(await store.directory.listStaff()).toHaveLength(10);
  });

  it('keeps accounts and sign-in failures', async () => {
    await store.directory.createUser({
      email: 'Ana@Example.jp',
      role: 'analyst',
      passwordHash: 'x',
      failedLogins: 0,
    });
    await expect(
      store.directory.createUser({
        email: 'ana@example.jp',
        role: 'admin',
        passwordHash: 'y',
        failedLogins: 0,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await store.directory.recordLogin('ana@example.jp', 3, '2030-01-01T00:00:00.000Z');
    expect(await store.directory.getUser('ANA@example.jp')).toMatchObject({
      email: 'ana@example.jp',
      failedLogins: 3,
      lockedUntil: '2030-01-01T00:00:00.000Z',
    });
    await store.directory.recordLogin('ana@example.jp', 0);
    const user = await store.directory.getUser('ana@example.jp');
    expect(user?.failedLogins).toBe(0);
    expect(user?.lockedUntil).toBeUndefined();
  });

  it('claims an invitation once per blinded message', async () => {
    await store.directory.addLedgerEntries([
      { codeHash: 'h1', campaignId: 'c1', staffNo: 'S001', unitCode: 'HQ-A', state: 'invited' },
      { codeHash: 'h2', campaignId: 'c1', staffNo: 'S002', unitCode: 'HQ-A', state: 'invited' },
      { codeHash: 'h3', campaignId: 'c2', staffNo: 'S001', unitCode: 'HQ-A', state: 'invited' },
    ]);
    expect((await store.directory.listLedger('c1')).map((e) => e.staffNo).sort()).toEqual(['S001', 'S002']);
    const first = await store.directory.claimInvitation('h1', 'blind-a');
    expect(first).toMatchObject({ kind: 'claimed', first: true });
    const retry = await store.directory.claimInvitation('h1', 'blind-a');
    expect(retry).toMatchObject({ kind: 'claimed', first: false });
    expect(await store.directory.claimInvitation('h1', 'blind-b')).toEqual({ kind: 'used' });
    expect(await store.directory.claimInvitation('missing', 'blind-a')).toEqual({ kind: 'unknown' });
    expect(await store.directory.getLedgerEntry('h1')).toEqual({
      codeHash: 'h1',
      campaignId: 'c1',
      staffNo: 'S001',
      unitCode: 'HQ-A',
      state: 'issued',
      blindedHash: 'blind-a',
    });
  });

  it('lets exactly one of many concurrent claims with different messages win', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.directory.claimInvitation('h2', `m${i}`)),
    );
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'used')).toHaveLength(19);
  });
});

describe('surveys', () => {
  it('changes a campaign only from the status it was read in', async () => {
    await store.campaigns.createCampaign(campaign('c1'));
    await store.campaigns.updateCampaign({ ...campaign('c1'), status: 'open' }, 'draft');
    await expect(
      store.campaigns.updateCampaign({ ...campaign('c1'), status: 'open' }, 'draft'),
    ).rejects.toMatchObject({
      code: 'wrong_status',
    });
    expect((await store.campaigns.getCampaign('c1'))?.status).toBe('open');
    expect((await store.campaigns.listCampaigns()).map((c) => c.id)).toEqual(['c1']);
  });

  it('keeps unit keys as bytes', async () => {
    const spki = new Uint8Array([1, 2, 3, 255]);
    await store.campaigns.putUnitKeys([
      {
        campaignId: 'c1',
        unitCode: 'HQ-A',
        keyId: 'k1',
        publicKeySpki: spki,
        wrappedPrivateKey: new Uint8Array([9]),
      },
    ]);
    const key = await store.campaigns.getUnitKey('c1', 'k1');
    expect(new Uint8Array(key!.publicKeySpki)).toEqual(spki);
    expect(await store.campaigns.listUnitKeys('c1')).toHaveLength(1);
  });

  it('counts participation per unit', async () => {
    await store.campaigns.setInvited('c1', 'HQ-A', 12);
    await store.campaigns.setInvited('c1', 'HQ-A', 12);
    await Promise.all(Array.from({ length: 5 }, () => store.campaigns.addCount('c1', 'HQ-A', 'responses')));
    await store.campaigns.addCount('c1', 'HQ-A', 'tokensIssued');
    expect(await store.campaigns.listCounters('c1')).toEqual([
      { unitCode: 'HQ-A', invited: 12, tokensIssued: 1, responses: 5 },
    ]);
  });

  it('stores large results in chunks and reads them back whole', async () => {
    const units = Array.from({ length: 3000 }, (_, i) => ({
      unitCode: `U${i}`,
      text: `${Math.random()}`.repeat(20),
    }));
    await store.results.putResults('c1', opaque({ units }), opaque({ constructs: [] }));
    expect(await store.results.getResults('c1')).toEqual({ units });
    expect(await store.results.getResultSummary('c1')).toEqual({ constructs: [] });
    expect(await store.results.getResults('none')).toBeUndefined();
  });

  it('stores results once: a second put changes nothing and leaves no chunk behind (A3)', async () => {
    expect(await store.results.putResults('once', opaque({ v: 1 }), opaque({ s: 1 }))).toBe(true);
    expect(await store.results.putResults('once', opaque({ v: 2 }), opaque({ s: 2 }))).toBe(false);
    expect(await store.results.getResults('once')).toEqual({ v: 1 });
    expect(await store.results.getResultSummary('once')).toEqual({ s: 1 });
    const out = await store.doc.send(
      new QueryCommand({
        TableName: store.config.tables.surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'RESULT#once' },
      }),
    );
    // The head and the one body chunk of the first version: no superseded version to compare.
    expect(out.Items?.map((i) => String(i.sk).split('#')[0]).sort()).toEqual(['BODY', 'HEAD']);
  });

  it('keeps a frozen snapshot larger than one item in chunks, read back whole', async () => {
    // 100,000 staff do not fit one 400 KB item: the population is split.
    const population: Array<[string, string]> = Array.from({ length: 100_000 }, (_, i) => [
      `S${String(i).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`,
      `U${i % 997}`,
    ]);
    const organisation = {
      k: 5,
      kSensitive: 10,
      units: [{ code: 'U0', name: { ja: '甲' }, parentCode: null }],
      groups: [
        { id: 'U0', units: ['U0'], invited: 100_000, keyId: 'k', counts: { 'staff||regular': 100_000 } },
      ],
    };
    const ref = await store.campaigns.putFrozen('big', organisation, population);
    expect(ref.population).toBeGreaterThan(1);
    expect(await store.campaigns.getFrozenOrganisation('big', ref)).toEqual(organisation);
    expect(await store.campaigns.getFrozenPopulation('big', ref)).toEqual(population);
  });

  it('keeps targets and the plan', async () => {
    await store.plan.putTarget({ constructId: 'health', fiscalYear: 2026, favourable: 0.7 });
    await store.plan.putTarget({ constructId: 'health', fiscalYear: 2026, favourable: 0.75 });
    expect(await store.plan.listTargets()).toEqual([
      { constructId: 'health', fiscalYear: 2026, favourable: 0.75 },
    ]);
    await store.plan.putPlan(opaque({ id: 'p' }));
    expect(await store.plan.getPlan()).toEqual({ id: 'p' });
  });
});

describe('responses', () => {
  it('stores answers under a token hash, replaces on the same hash, and reads every shard', async () => {
    const put = (hash: string, shard: number, v: number) =>
      store.responses.put('c9', shard, hash, {
        unitCode: 'HQ-A',
        attributes: { jobLevel: 'staff' },
        answers: { 'q.one': v, 'q.multi': ['a', 'b'], 'q.text': 'ok' },
        day: '2026-06-02',
      });
    expect(await put('aa', 10, 1)).toBe(false);
    expect(await put('aa', 10, 5)).toBe(true);
    for (let i = 0; i < 40; i++) await put(`h${i}`, i % 16, 3);
    const seen: number[] = [];
    await store.responses.forEach('c9', (r) => seen.push(r.answers['q.one'] as number));
    expect(seen).toHaveLength(41);
    expect(seen.filter((v) => v === 5)).toHaveLength(1);
    expect(seen).not.toContain(1);
  });

  it('stops reading shards once one fails, and says so', async () => {
    for (let shard = 0; shard < RESPONSE_SHARDS; shard++)
      await store.responses.put('c10', shard, `t${shard}`, {
        unitCode: 'HQ-A',
        attributes: {},
        answers: { 'q.one': shard },
        day: '2026-06-02',
      });
    const failing = responsePartition('c10', 1);
    const send = store.doc.send.bind(store.doc) as (c: unknown) => Promise<unknown>;
    let pending = 0;
    const spy = vi.spyOn(store.doc, 'send').mockImplementation(((command: unknown) => {
      const values = (command as { input?: { ExpressionAttributeValues?: Record<string, unknown> } }).input
        ?.ExpressionAttributeValues;
      if (command instanceof QueryCommand && values?.[':pk'] === failing)
        return Promise.reject(new Error('shard 1 unreadable'));
      pending++;
      return send(command).finally(() => {
        pending--;
      });
    }) as typeof store.doc.send);
    const seen: number[] = [];
    try {
      await expect(
        store.responses.forEach('c10', (r) => seen.push(r.answers['q.one'] as number)),
      ).rejects.toThrow('shard 1 unreadable');
      // The readers still under way end their shard; none may start another (no read left running).
      for (let quiet = 0; quiet < 3; quiet++) {
        await vi.waitFor(() => expect(pending).toBe(0));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      spy.mockRestore();
    }
    // Only shards already being read when shard 1 failed were visited; none was started after it.
    const readers = store.config.socketPath ? SHARDS_READ_AT_ONCE.embedded : SHARDS_READ_AT_ONCE.dynamodb;
    expect(seen).not.toContain(1);
    for (const shard of seen) expect(shard).toBeLessThan(readers);
    // Read again without the failure, every shard is there.
    const all: number[] = [];
    await store.responses.forEach('c10', (r) => all.push(r.answers['q.one'] as number));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: RESPONSE_SHARDS }, (_, i) => i));
  });
});
