import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { ClassicLevel } from 'classic-level';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../functions/local/runtime';
import { seedBase } from '../../functions/seed/base';
import { ensureFirstAdmin } from '../../functions/services/accounts';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { answersFor } from '../support/answers';
import { respondent } from '../support/respondent';
import { ADMIN, client, custodian } from '../support/server';
import { type Invitation, rosterCsv, seeded, staffOf, type UnitSpec } from './support/flow';
import { dynaliteItems, type ItemVersion } from './support/leveldb-files';

/**
 * A2, played as the operator: the app runs on the embedded store (dynalite
 * on LevelDB) in a data directory; respondents claim tokens and submit; the
 * campaigns close; the store's process stops and the database is reopened and
 * compacted (a restart). Then the attacker reads the LevelDB files byte by
 * byte — plus a copy of them taken while the campaigns were still open (a
 * backup) — recovers each key's write sequence number, and links every stored
 * answer to the latest earlier token claim (invitation ledger write) of its
 * unit that no earlier answer took.
 *
 * Two set-ups: 60 sessions with little overlap (each 1–4 s, spread over 2 min)
 * and 80 with heavy overlap; times are scaled by KOE_ORDER_SCALE (default
 * 0.5) — only the order of writes matters. The property: linkage no better
 * than chance + 5 points, chance being Σ 1/|claimants of the answer's unit|.
 */

const SCALE = Number(process.env.KOE_ORDER_SCALE ?? '0.5');
const UNITS: UnitSpec[] = Array.from({ length: 16 }, (_, i) => ({ code: `O${i + 1}`, staff: 8 }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Truth {
  staffNo: string;
  unitCode: string;
  tokenHash: string;
}

interface Setup {
  name: string;
  sessions: number;
  /** Sessions start uniformly spread over this window (ms, before scaling). */
  windowMs: number;
}

const SETUPS: Setup[] = [
  { name: 'little overlap', sessions: 60, windowMs: 120_000 },
  { name: 'heavy overlap', sessions: 80, windowMs: 40_000 },
];

let cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
  cleanup = [];
});

/** Plays the sessions of one campaign; returns who answered with which token. */
async function play(
  baseUrl: string,
  campaignId: string,
  invitations: Invitation[],
  setup: Setup,
  rand: () => number,
): Promise<Truth[]> {
  const people = [...invitations].sort(() => rand() - 0.5).slice(0, setup.sessions);
  const device = respondent(baseUrl);
  const step = (setup.windowMs * SCALE) / setup.sessions;
  return Promise.all(
    people.map(async (inv, i) => {
      await sleep(i * step + rand() * step * 0.5);
      const duration = (1_000 + rand() * 3_000) * SCALE;
      const cred = await device.obtain(campaignId, inv.code); // the token claim
      await sleep(duration);
      const answers = answersFor(cred.survey, rand);
      let res = await device.submit(cred, answers);
      // A busy machine may answer 503: the client sends the same answers again, as the page does.
      for (let i = 0; i < 5 && res.status === 503; i++) {
        await sleep(500);
        res = await device.submit(cred, answers);
      }
      if (res.status >= 300) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      const tokenHash = createHash('sha256').update(Buffer.from(cred.token, 'base64url')).digest('hex');
      return { staffNo: inv.staffNo, unitCode: inv.unitCode, tokenHash };
    }),
  );
}

interface Linkage {
  answers: number;
  linked: number;
  chance: number;
  claimsSeen: number;
}

/**
 * The attack proper, from the files alone: claims are ledger versions whose
 * state is `issued`; answers are response items. Each answer, in write
 * order, takes the latest earlier claim of its unit not yet taken (or the
 * latest earlier one if all are taken).
 */
function link(versions: ItemVersion[], campaignId: string, truth: Truth[]): Linkage {
  const claimSeq = new Map<string, { seq: bigint; staffNo: string; unitCode: string }>();
  const answerSeq = new Map<string, { seq: bigint; unitCode: string }>();
  for (const v of versions) {
    if (!v.item) continue;
    if (v.table.endsWith('-directory') && String(v.item.pk).startsWith('INV#')) {
      const e = v.item.entry;
      if (e?.campaignId !== campaignId || e.state !== 'issued') continue;
      const seen = claimSeq.get(v.item.pk);
      if (!seen || v.seq < seen.seq)
        claimSeq.set(v.item.pk, { seq: v.seq, staffNo: e.staffNo, unitCode: e.unitCode });
    }
    if (v.table.endsWith('-responses') && String(v.item.pk).startsWith(`R#${campaignId}#`)) {
      const seen = answerSeq.get(v.item.sk);
      if (!seen || v.seq < seen.seq) answerSeq.set(v.item.sk, { seq: v.seq, unitCode: v.item.u });
    }
  }
  const claims = [...claimSeq.values()].sort((a, b) => (a.seq < b.seq ? -1 : 1));
  const answers = [...answerSeq.entries()].sort((a, b) => (a[1].seq < b[1].seq ? -1 : 1));
  const truthByHash = new Map(truth.map((t) => [t.tokenHash, t]));
  const claimants = new Map<string, number>();
  for (const t of truth) claimants.set(t.unitCode, (claimants.get(t.unitCode) ?? 0) + 1);
  // Two attackers: the latest earlier claim of the unit; and the same, skipping claims already taken.
  const taken = new Set<string>();
  let linkedLatest = 0;
  let linkedGreedy = 0;
  let chance = 0;
  for (const [hash, a] of answers) {
    chance += 1 / (claimants.get(a.unitCode) ?? 1);
    const earlier = claims.filter((c) => c.unitCode === a.unitCode && c.seq < a.seq);
    const author = truthByHash.get(hash)?.staffNo;
    if (earlier.at(-1)?.staffNo === author) linkedLatest++;
    const pick = earlier.filter((c) => !taken.has(c.staffNo)).at(-1) ?? earlier.at(-1);
    if (!pick) continue;
    taken.add(pick.staffNo);
    if (pick.staffNo === author) linkedGreedy++;
  }
  const linked = Math.max(linkedLatest, linkedGreedy);
  return { answers: answers.length, linked, chance, claimsSeen: claims.length };
}

describe('A2: write order in the embedded store’s files', () => {
  it(
    'links no more answers to staff than chance + 5 points (60 sessions little overlap, 80 heavy)',
    async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-order-'));
      const backupDir = await mkdtemp(path.join(tmpdir(), 'koe-order-backup-'));
      cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
      cleanup.push(() => rm(backupDir, { recursive: true, force: true }));
      const runtime = await startLocalRuntime({ dataDir, publicBaseUrl: 'http://127.0.0.1' });
      let runtimeOpen = true;
      cleanup.push(async () => {
        if (runtimeOpen) await runtime.close();
      });
      await seedBase(runtime.store, aizuwakamatsuPlan);
      await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
      const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      runtime.deps.config.publicBaseUrl = baseUrl;

      const admin = client(baseUrl);
      await admin.login();
      for (const u of UNITS) {
        const res = await admin.post('/api/units', {
          code: u.code,
          name: { ja: `課 ${u.code}`, en: `Unit ${u.code}` },
        });
        expect(res.status).toBe(201);
      }
      const imported = await admin.post('/api/staff/import', rosterCsv(staffOf(UNITS)), {
        'content-type': 'text/csv',
      });
      expect(imported.status).toBe(200);

      const rand = seeded(20261203);
      const played: Array<{ setup: Setup; campaignId: string; truth: Truth[] }> = [];
      for (const setup of SETUPS) {
        const created = await admin.post('/api/campaigns', {
          fiscalYear: 2026,
          // One annual campaign per fiscal year: the setups after the first are pulse surveys of the year.
          ...(played.length > 0 ? { kind: 'pulse' } : {}),
          templateId: 'annual-staff-survey-v1',
          opensAt: '2026-06-01T00:00:00+09:00',
          closesAt: '2026-06-30T23:59:59+09:00',
        });
        expect(created.status).toBe(201);
        const campaignId = created.json.id as string;
        expect((await admin.post(`/api/campaigns/${campaignId}/open`)).status).toBe(200);
        const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
        expect(inv.status).toBe(200);
        const truth = await play(baseUrl, campaignId, inv.json.invitations, setup, rand);
        played.push({ setup, campaignId, truth });
      }

      // The operator's backup, taken while the campaigns are open.
      await cp(path.join(dataDir, 'dynamodb'), backupDir, { recursive: true });
      for (const p of played) {
        const closed = await admin.post(`/api/campaigns/${p.campaignId}/close`);
        expect(closed.status).toBe(200);
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      runtimeOpen = false;

      // A restart: LevelDB replays its log into a table; then a full compaction.
      const db = new ClassicLevel(path.join(dataDir, 'dynamodb'));
      await db.open();
      await db.compactRange('\u0000', '\uffff');
      await db.close();

      const versions = [...dynaliteItems(path.join(dataDir, 'dynamodb')), ...dynaliteItems(backupDir)];
      const failures: string[] = [];
      for (const p of played) {
        const r = link(versions, p.campaignId, p.truth);
        const share = r.linked / r.answers;
        const chance = r.chance / r.answers;
        console.log(
          `A2 order attack, ${p.setup.name}: linked ${r.linked}/${r.answers} (${(share * 100).toFixed(1)}%), ` +
            `chance ${r.chance.toFixed(1)} (${(chance * 100).toFixed(1)}%), claims seen in the files ${r.claimsSeen}`,
        );
        // Every answer must be in the files, or the attack proves nothing.
        expect(r.answers).toBe(p.setup.sessions);
        if (share > chance + 0.05)
          failures.push(`${p.setup.name}: ${r.linked}/${r.answers} vs chance ${r.chance.toFixed(1)}`);
      }
      expect(failures).toEqual([]);
    },
    10 * 60_000,
  );
});
