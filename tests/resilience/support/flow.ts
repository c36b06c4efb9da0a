import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { startLocalRuntime } from '../../../functions/local/runtime';
import { seedBase } from '../../../functions/seed/base';
import { ensureFirstAdmin } from '../../../functions/services/accounts';
import { startEmbeddedDynamo } from '../../../functions/store/embedded';
import { aizuwakamatsuPlan } from '../../../shared/plan/data/aizuwakamatsu';
import { ADMIN, type client, custodian, type TestServer } from '../../support/server';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

export type Admin = ReturnType<typeof client>;

export interface UnitSpec {
  code: string;
  parentCode?: string;
  /** Staff whose unit is exactly this one. */
  staff: number;
}

export interface StaffSpec {
  staffNo: string;
  unitCode: string;
  jobLevel: string;
  employmentType: string;
}

export interface Invitation {
  staffNo: string;
  unitCode: string;
  code: string;
  url: string;
}

/** Runs at most `limit` tasks at a time, in order of the list; results keep the list's order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A deterministic generator (LCG) so that failures can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function staffOf(units: readonly UnitSpec[], prefix = 'S'): StaffSpec[] {
  const levels = ['staff', 'senior', 'chief', 'deputy', 'manager'];
  const types = ['regular', 'reappointed', 'fiscal_year', 'fixed_term'];
  const staff: StaffSpec[] = [];
  let n = 1;
  for (const u of units) {
    for (let i = 0; i < u.staff; i++, n++) {
      staff.push({
        staffNo: `${prefix}${String(n).padStart(5, '0')}`,
        unitCode: u.code,
        jobLevel: levels[n % levels.length]!,
        employmentType: types[(n >> 1) % types.length]!,
      });
    }
  }
  return staff;
}

export function rosterCsv(staff: readonly StaffSpec[]): string {
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (const s of staff) {
    lines.push(
      `${s.staffNo},職員 ${s.staffNo},${s.staffNo.toLowerCase()}@example.jp,${s.unitCode},${s.jobLevel},${s.employmentType}`,
    );
  }
  return lines.join('\n');
}

/**
 * Units, roster, a campaign opened and everyone invited, all through the
 * admin API (as HR would do it). Returns the campaign and the invitations.
 */
export async function openCampaign(
  admin: Admin,
  units: readonly UnitSpec[],
  options: { minGroupSize?: number; staff?: StaffSpec[] } = {},
): Promise<{ campaignId: string; invitations: Invitation[]; staff: StaffSpec[] }> {
  for (const u of units) {
    const res = await admin.post('/api/units', {
      code: u.code,
      name: { ja: `課 ${u.code}`, en: `Unit ${u.code}` },
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
    });
    if (res.status !== 201) throw new Error(`unit ${u.code}: ${res.status} ${res.text}`);
  }
  const staff = options.staff ?? staffOf(units);
  const imported = await admin.post('/api/staff/import', rosterCsv(staff), { 'content-type': 'text/csv' });
  if (imported.status !== 200) throw new Error(`roster: ${imported.status} ${imported.text}`);
  const created = await admin.post('/api/campaigns', {
    fiscalYear: 2026,
    templateId: 'annual-staff-survey-v1',
    opensAt: '2026-06-01T00:00:00+09:00',
    closesAt: '2026-06-30T23:59:59+09:00',
    ...(options.minGroupSize ? { minGroupSize: options.minGroupSize } : {}),
  });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${created.text}`);
  const campaignId = created.json.id as string;
  const opened = await admin.post(`/api/campaigns/${campaignId}/open`);
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${opened.text}`);
  const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
  if (inv.status !== 200) throw new Error(`invitations: ${inv.status} ${inv.text}`);
  return { campaignId, invitations: inv.json.invitations, staff };
}

/** Counts the stored responses of a campaign, straight from the store. */
export async function storedResponses(server: Pick<TestServer, 'runtime'>, campaignId: string) {
  let n = 0;
  await server.runtime.store.responses.forEach(campaignId, () => n++);
  return n;
}

export interface FaultyServer extends TestServer {
  proxy: FaultProxy;
}

/**
 * A koe server like tests/support/server.ts, but its store is reached
 * through a fault proxy: the embedded DynamoDB in memory, the proxy in front.
 */
export async function startFaultyServer(): Promise<FaultyServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-fault-'));
  const dynamo = await startEmbeddedDynamo();
  const proxy = await startFaultProxy(dynamo.endpoint);
  const runtime = await startLocalRuntime({
    dataDir,
    endpoint: proxy.endpoint,
    publicBaseUrl: 'http://127.0.0.1',
  });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
  const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime.deps.config.publicBaseUrl = baseUrl;
  return {
    baseUrl,
    runtime,
    dataDir,
    proxy,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      await proxy.close();
      await dynamo.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The id of the survey's free-text question (the closing comment). */
export function commentQuestion(survey: {
  sections: Array<{ questions: Array<{ id: string; type: string }> }>;
}) {
  const q = survey.sections.flatMap((s) => s.questions).find((x) => x.type === 'text');
  if (!q) throw new Error('the survey has no free-text question');
  return q.id;
}
