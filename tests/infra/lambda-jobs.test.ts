import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppDeps, defaultLimits } from '../../functions/deps';
import { LocalFileKeyWrapper } from '../../functions/crypto';
import { applyCampaignSchedule } from '../../functions/lambda/campaign-schedule';
import { computePendingResults } from '../../functions/lambda/pending-results';
import { seedBase } from '../../functions/seed/base';
import { createCampaign } from '../../functions/services/campaigns';
import type { Store } from '../../functions/store';
import type { Template } from '../../shared/instruments/schema';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { testStore } from '../support/store';

/** The scheduled jobs, in process, with the clock in the test's hands. */

const HOUR = 3_600_000;
const T0 = new Date('2026-06-01T00:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let keyDir: string;
const stores: Array<{ store: Store; close(): Promise<void> }> = [];

async function depsWith(units: boolean): Promise<AppDeps> {
  const s = await testStore();
  stores.push(s);
  await seedBase(s.store, aizuwakamatsuPlan);
  if (units) {
    await s.store.directory.createUnit({ code: 'HR', name: { ja: '人事課' }, parentCode: null });
    // Ten people: the smallest key group (A3), so a campaign can open.
    await s.store.directory.replaceRoster(
      '',
      Array.from({ length: 10 }, (_, i) => ({
        staffNo: `J${i}`,
        name: `職員 ${i}`,
        email: '',
        unitCode: 'HR',
        jobLevel: 'staff',
        employmentType: 'regular',
      })),
    );
  }
  return {
    store: s.store,
    keys: new LocalFileKeyWrapper(keyDir),
    config: {
      jwtSecret: '',
      sessionTtlSeconds: 3600,
      publicBaseUrl: 'https://koe.example.jp',
      secure: true,
      ...defaultLimits,
    },
    runResults: async () => {},
  };
}

/** A draft of FY2026; `kind: 'pulse'` for the second and later of one store (one annual campaign a year). */
async function draft(deps: AppDeps, opensAt: Date, closesAt: Date, kind?: 'pulse'): Promise<string> {
  const templates = await deps.store.plan.listTemplates();
  const campaign = await createCampaign(deps, {
    fiscalYear: 2026,
    ...(kind ? { kind } : {}),
    templateId: templates[0]!.id,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
  });
  return campaign.id;
}

beforeAll(() => {
  keyDir = mkdtempSync(path.join(tmpdir(), 'koe-jobs-keys-'));
});
// The jobs log one JSON line per event (Powertools Logger, through its own console on the
// process's streams); the tests read them instead of printing them.
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) if (line.startsWith('{')) logged.push(line);
      return true;
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  for (const s of stores) await s.close();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('the scheduler', () => {
  it('opens drafts whose time has come, closes open campaigns whose time has come, leaves the rest', async () => {
    const deps = await depsWith(true);
    const due = await draft(deps, at(1), at(48));
    const later = await draft(deps, at(10), at(48), 'pulse');
    const missed = await draft(deps, at(-48), at(-1), 'pulse');

    // A draft whose closing time has passed is never opened (HR must change its dates).
    const missedOnly = {
      opened: [],
      closed: [],
      skipped: [{ campaignId: missed, reason: 'closing_time_passed' }],
      failed: [],
    };
    expect(await applyCampaignSchedule(deps, at(0))).toEqual(missedOnly);
    const opening = await applyCampaignSchedule(deps, at(2));
    expect(opening.opened).toEqual([due]);
    expect(opening.skipped).toEqual([{ campaignId: missed, reason: 'closing_time_passed' }]);
    expect((await deps.store.campaigns.getCampaign(due))?.status).toBe('open');
    expect(await deps.store.campaigns.listUnitKeys(due)).toHaveLength(1);
    expect((await deps.store.campaigns.getCampaign(later))?.status).toBe('draft');

    const closing = await applyCampaignSchedule(deps, at(49));
    expect(closing.closed).toEqual([due]);
    expect(closing.opened).toEqual([]);
    const closed = await deps.store.campaigns.getCampaign(due);
    expect([closed?.status, closed?.resultsState]).toEqual(['closed', 'pending']);
    const events = logged.map((l) => JSON.parse(l).message);
    expect(events).toEqual(
      expect.arrayContaining(['campaign_opened', 'campaign_closed', 'campaign_not_opened']),
    );
  });

  it('skips, with the reason, a campaign it cannot open', async () => {
    const deps = await depsWith(false);
    const id = await draft(deps, at(-1), at(24));
    expect(await applyCampaignSchedule(deps, at(0))).toEqual({
      opened: [],
      closed: [],
      skipped: [{ campaignId: id, reason: 'no_units' }],
      failed: [],
    });
  });
});

describe('the results job', () => {
  it('computes pending results once and marks them ready', async () => {
    const deps = await depsWith(true);
    const id = await draft(deps, at(-2), at(1));
    await applyCampaignSchedule(deps, at(0));
    await applyCampaignSchedule(deps, at(2));
    expect(await computePendingResults(deps.store, at(3))).toEqual({ computed: [id], failed: [] });
    expect((await deps.store.campaigns.getCampaign(id))?.resultsState).toBe('ready');
    expect(await deps.store.results.getResults(id)).toMatchObject({ campaignId: id });
    expect(await computePendingResults(deps.store, at(4))).toEqual({ computed: [], failed: [] });
  });

  it('reports a campaign whose results fail and keeps it pending for the next run', async () => {
    const deps = await depsWith(true);
    const id = await draft(deps, at(-2), at(1));
    await applyCampaignSchedule(deps, at(0));
    const record = (await deps.store.campaigns.getCampaign(id))!;
    await deps.store.campaigns.updateCampaign(
      {
        ...record,
        status: 'closed',
        resultsState: 'pending',
        template: { broken: true } as unknown as Template,
      },
      'open',
    );
    expect(await computePendingResults(deps.store, at(3))).toEqual({ computed: [], failed: [id] });
    expect((await deps.store.campaigns.getCampaign(id))?.resultsState).toBe('pending');
    expect(logged.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'results_failed', campaignId: id }),
    );
  });
});
