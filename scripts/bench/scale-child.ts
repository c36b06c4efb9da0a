import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { startLocalRuntime } from '../../functions/local/runtime';
import { ensureFirstAdmin } from '../../functions/services/accounts';
import { flushAnswers } from '../../functions/services/answer-buffer';
import { KEYS_AHEAD_MS } from '../../functions/lambda/campaign-schedule';
import {
  closeCampaign,
  createCampaign,
  openCampaign,
  prepareCampaignKeys,
} from '../../functions/services/campaigns';
import { createInvitations } from '../../functions/services/invitations';
import { deliverInvitations, invitationSlips } from '../../functions/services/delivery';
import { flushResponseCounts } from '../../functions/services/response-counts';
import { importRoster } from '../../functions/services/roster';
import { seedBase } from '../../functions/seed/base';
import { annualStaffSurvey } from '../../shared/instruments';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { serveHarness } from './child';
import { type Ledger, meterStore } from './scale-capacity';
import { pssEncode, scaleCity } from './scale-city';
import { askedItems, seeded, syntheticAnswers, syntheticAttributes } from './synthetic';

/**
 * The scale benchmark's server side (issue 18), in a fresh process: koe as
 * `npm start` runs it (the embedded store on disk, or an external endpoint
 * such as DynamoDB Local), one campaign for a synthetic city run through
 * every stage. Each stage is timed, its peak RSS sampled, and every store
 * call metered (scale-capacity.ts) for the capacity units it would consume.
 */

export interface StageRun {
  stage: string;
  ms: number;
  /** Operations the stage's throughput counts (staff, keys, invitations, requests, answers). */
  ops: number;
  peakRssMiB: number;
  /** V8's heap in use at its highest during the stage (sampled with RSS): the rest of RSS is native. */
  peakHeapMiB?: number;
  /** At the RSS peak: V8's heap reserved (heapTotal) and memory held outside it for JS (external, incl. Buffers), MiB. */
  atPeakMiB?: { heapTotal: number; external: number; anon?: number; file?: number };
  capacity: Ledger;
  /** Request latencies in ms (request stages only), sorted. */
  latency?: { p50: number; p95: number; p99: number; mean: number };
  /** CPU time of this process during the stage, ms. */
  cpuMs: number;
  extra?: Record<string, number>;
}

export interface ScaleRun {
  staff: number;
  units: number;
  keyGroups: number;
  withEmail: number;
  concurrency: number;
  stages: StageRun[];
  responses: number;
  baselineRssMiB: number;
}

/**
 * RSS by kind (Linux, /proc/self/status): anonymous memory (heaps, buffers) and file pages mapped
 * into the process (LevelDB maps its table files), in MiB; nothing elsewhere.
 */
function rssKinds(): { anon?: number; file?: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const anon = kib('RssAnon');
    const file = kib('RssFile');
    return Number.isFinite(anon) && Number.isFinite(file) ? { anon: anon / 1024, file: file / 1024 } : {};
  } catch {
    return {};
  }
}

/**
 * A copy of a small buffer in memory of its own. Node cuts small buffers from shared 8 KiB slabs, and
 * one kept slice keeps its whole slab: the clients' 100,000 tokens and signatures, kept from the token
 * stage to the submissions, pinned ~600 MiB of slabs filled mostly with the requests' garbage, which
 * the stages' memory figures then counted as koe's.
 */
function own(b: Buffer): Buffer {
  const copy = Buffer.alloc(b.length);
  b.copy(copy);
  return copy;
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

const ADMIN = { email: 'scale@example.jp', password: 'scale bench password, not a secret' };
const HEADER = ['職員番号', '氏名', 'メールアドレス', '所属コード', '職位', '任用形態'];
const LEVELS = ['主事', '主任', '係長', '課長補佐', '課長'];
const TYPES = ['正規', '再任用', '会計年度任用', '任期付'];

async function run(arg: {
  staff: number;
  units: number;
  concurrency: number;
  endpoint?: string;
}): Promise<ScaleRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'koe-bench-scale-'));
  const runtime = await startLocalRuntime({
    dataDir: path.join(dir, 'data'),
    publicBaseUrl: 'http://127.0.0.1',
    ...(arg.endpoint ? { endpoint: arg.endpoint, tablePrefix: `scale${Date.now()}` } : {}),
  });
  const { deps, store, app } = runtime;
  const meter = meterStore(store);
  const stages: StageRun[] = [];
  try {
    await seedBase(store, aizuwakamatsuPlan);
    await ensureFirstAdmin(deps, ADMIN.email, ADMIN.password);
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { token: session } = (await login.json()) as { token: string };

    const city = scaleCity(arg.staff, arg.units);
    for (let i = 0; i < city.units.length; i += 50) {
      await Promise.all(city.units.slice(i, i + 50).map((u) => store.directory.createUnit(u)));
    }
    const csv = path.join(dir, 'roster.csv');
    const out = createWriteStream(csv);
    let chunk = `${HEADER.join(',')}\r\n`;
    let withEmail = 0;
    for (const [i, unitCode] of city.staffUnits.entries()) {
      const email = i % 3 === 2 ? '' : `s${i}@example.jp`;
      if (email) withEmail++;
      chunk += `S${String(i).padStart(6, '0')},職員 ${i},${email},${unitCode},${LEVELS[i % 5]},${TYPES[i % 4]}\r\n`;
      if (i % 5_000 === 4_999 || i === city.staffUnits.length - 1) {
        if (!out.write(iconv.encode(chunk, 'Shift_JIS'))) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end();
    await once(out, 'finish');
    const baselineRssMiB = process.memoryUsage().rss / 2 ** 20;

    /** Runs one stage: wall time, CPU, peak RSS (sampled every 20 ms) and the store calls it made. */
    const stage = async <T>(
      name: string,
      ops: number | ((r: T) => number),
      body: () => Promise<T>,
      more?: (r: T) => Partial<StageRun>,
    ): Promise<T> => {
      // Each stage runs in a function of its own on AWS: what an earlier stage left for the collector
      // is collected first (the child runs with --expose-gc), so a stage's peak is its own.
      collect();
      let peak = 0;
      let heap = 0;
      let atPeak: NonNullable<StageRun['atPeakMiB']> = { heapTotal: 0, external: 0 };
      const sample = () => {
        const m = process.memoryUsage();
        if (m.rss > peak) {
          peak = m.rss;
          atPeak = { heapTotal: m.heapTotal / 2 ** 20, external: m.external / 2 ** 20, ...rssKinds() };
        }
        heap = Math.max(heap, m.heapUsed);
      };
      sample();
      const sampler = setInterval(sample, 20);
      meter.reset();
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const result = await body();
      const ms = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      clearInterval(sampler);
      sample();
      stages.push({
        stage: name,
        ms,
        ops: typeof ops === 'function' ? ops(result) : ops,
        peakRssMiB: peak / 2 ** 20,
        peakHeapMiB: heap / 2 ** 20,
        atPeakMiB: atPeak,
        capacity: meter.snapshot(),
        cpuMs: (used.user + used.system) / 1000,
        ...more?.(result),
      });
      // Each stage as it ends, whole: a run stopped half-way still shows what it measured.
      console.error(`  scale: ${name} ${(ms / 1000).toFixed(1)} s ${JSON.stringify(stages.at(-1))}`);
      return result;
    };

    // 1. Roster import: the streamed import path (issue 14) from the stored upload, as the console's PUT leaves it.
    await stage('roster import', arg.staff, async () => {
      const uploads = deps.uploads!;
      const ticket = await uploads.create((await stat(csv)).size);
      await uploads.receive!(ticket.uploadId, createReadStream(csv));
      const done = await importRoster(deps, await uploads.open(ticket.uploadId), { dryRun: false });
      await uploads.delete(ticket.uploadId);
      if (done.imported !== arg.staff) throw new Error(`imported ${done.imported} of ${arg.staff}`);
    });

    // 2a. Keys made ahead: the scheduler's runs before opensAt make the draft's group keys, each run
    // within KEYS_AHEAD_MS (functions/lambda/campaign-schedule.ts); here the runs follow one another.
    // 2b. Open: key groups (A3), one RSA-2048 key each (made ahead), the frozen snapshot of who is invited.
    const campaign = await createCampaign(deps, {
      fiscalYear: 2026,
      templateId: annualStaffSurvey.id,
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    await stage(
      'keys made ahead (scheduler runs before open)',
      (r: { made: number }) => r.made,
      async () => {
        const runs: number[] = [];
        let made = 0;
        for (;;) {
          const t = performance.now();
          const keys = await prepareCampaignKeys(deps, campaign.id, Date.now() + KEYS_AHEAD_MS);
          runs.push(performance.now() - t);
          made += keys.made;
          if (keys.ready >= keys.groups) return { made, runs };
        }
      },
      (r) => ({ extra: { runs: r.runs.length, longestRunMs: Math.max(...r.runs) } }),
    );
    const keyGroups = await stage(
      'open (key groups and keys)',
      (n: number) => n,
      async () => {
        await openCampaign(deps, campaign.id);
        return (await store.campaigns.listUnitKeys(campaign.id)).length;
      },
    );

    // 3. Invitations, as the console sends them: two requests, each within the admin function's 29 s —
    // the e-mails (the ledger is written by the first list) and then the slips for those without e-mail.
    await stage(
      'invitations: e-mails (ledger + outbox)',
      withEmail,
      async () => (await deliverInvitations(deps, ADMIN.email, campaign.id)).sent,
      (sent) => ({ extra: { mails: sent } }),
    );
    await stage(
      'invitations: slips',
      arg.staff - withEmail,
      async () => (await invitationSlips(deps, ADMIN.email, campaign.id)).length,
      (slips) => ({ extra: { slips } }),
    );
    const mails = (await readdir(path.join(dir, 'data/outbox'))).length;
    if (mails < withEmail) throw new Error(`outbox holds ${mails} mails, expected ${withEmail}`);
    // The codes, as the people hold them (not part of any stage: each person reads their own).
    const codes = (await createInvitations(deps, campaign.id)).map((i) => i.code);

    /** Sends `n` requests, `concurrency` in flight, through the whole app; returns sorted latencies. */
    const drive = async (
      n: number,
      request: (i: number) => Promise<Response> | Response,
      check: (res: Response, i: number) => Promise<void>,
    ) => {
      const latencies = new Float64Array(n);
      let next = 0;
      await Promise.all(
        Array.from({ length: arg.concurrency }, async () => {
          for (let i = next++; i < n; i = next++) {
            const t = performance.now();
            const res = await request(i);
            latencies[i] = performance.now() - t;
            await check(res, i);
          }
        }),
      );
      latencies.sort();
      const pick = (p: number) => latencies[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)]!;
      const mean = latencies.reduce((a, b) => a + b, 0) / n;
      return { p50: pick(50), p95: pick(95), p99: pick(99), mean };
    };
    const post = (route: string, body: unknown) =>
      app.request(route, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // 4. Token issuance through POST /api/public/tokens. The client blinds with r = 1 (its blinded
    // message is the PSS-encoded token itself): the server's work is the same for any blinding factor,
    // and the blind signature is then the token's signature, so the next stage needs no client RSA.
    const tokens: Array<{ keyId: string; token: Buffer; signature: Buffer }> = new Array(codes.length);
    const keyBits = 2048;
    const tokenLatency = await stage(
      'token issuance (blind signatures)',
      codes.length,
      () =>
        drive(
          codes.length,
          async (i) => {
            const token = own(
              Buffer.concat([randomBytes(32), createHash('sha256').update(codes[i]!).digest()]),
            );
            tokens[i] = { keyId: '', token, signature: Buffer.alloc(0) };
            return post('/api/public/tokens', {
              code: codes[i],
              blindedMessage: pssEncode(token, keyBits).toString('base64url'),
            });
          },
          async (res, i) => {
            if (res.status !== 200) throw new Error(`token ${i}: ${res.status} ${await res.text()}`);
            const body = (await res.json()) as { keyId: string; blindSignature: string };
            tokens[i]!.keyId = body.keyId;
            tokens[i]!.signature = own(Buffer.from(body.blindSignature, 'base64url'));
          },
        ),
      (latency) => ({ latency }),
    );
    void tokenLatency;
    codes.length = 0; // each person's code is spent with their token

    // 5. Submissions through POST /api/public/responses, held for the shuffled batch (A2) and
    // written by it; the stage ends when every answer is stored and counted.
    const items = askedItems(annualStaffSurvey);
    const random = seeded(18);
    await stage(
      'submissions (Monday morning)',
      tokens.length,
      async () => {
        const latency = await drive(
          tokens.length,
          (i) => {
            const t = tokens[i]!;
            return post('/api/public/responses', {
              campaignId: campaign.id,
              keyId: t.keyId,
              token: t.token.toString('base64url'),
              signature: t.signature.toString('base64url'),
              attributes: syntheticAttributes(random),
              answers: syntheticAnswers(items, random),
            });
          },
          async (res, i) => {
            if (res.status !== 202) throw new Error(`submit ${i}: ${res.status} ${await res.text()}`);
            await res.arrayBuffer();
          },
        );
        await flushAnswers(store);
        await flushResponseCounts(store);
        return latency;
      },
      (latency) => ({ latency }),
    );

    tokens.length = 0; // each token is spent with its answer

    // 6 + 7. Close: status, last batch, results (timed apart through runResults), ledger reduced to counts.
    let resultsMs = 0;
    let resultsRss = 0;
    let resultsCapacity: Ledger | undefined;
    let resultsCpu = 0;
    const runResults = deps.runResults;
    deps.runResults = async (id) => {
      const before = meter.snapshot();
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const cpu = process.cpuUsage();
      const t = performance.now();
      await runResults(id);
      resultsMs = performance.now() - t;
      const used = process.cpuUsage(cpu);
      resultsCpu = (used.user + used.system) / 1000;
      clearInterval(sampler);
      resultsRss = Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
      resultsCapacity = meter.since(before);
    };
    await stage('close (incl. results)', 1, () => closeCampaign(deps, campaign.id));
    deps.runResults = runResults;
    stages.push({
      stage: 'results (within close)',
      ms: resultsMs,
      ops: arg.staff,
      peakRssMiB: resultsRss,
      capacity: resultsCapacity!,
      cpuMs: resultsCpu,
    });
    const results = await store.results.getResults(campaign.id);
    if (results?.overall.n !== arg.staff)
      throw new Error(`results count ${results?.overall.n} of ${arg.staff}`);

    // The reference for results: one plain pass over the same stored answers.
    await stage('one read pass over the answers (reference)', arg.staff, async () => {
      let n = 0;
      await store.responses.forEach(campaign.id, () => {
        n++;
      });
      if (n !== arg.staff) throw new Error(`read ${n} answers`);
    });

    const get = (route: string) => app.request(route, { headers: { authorization: `Bearer ${session}` } });
    // 8. The dashboard: /api/indicators, once cold and then 30 times (p95).
    const dash = await stage(
      'dashboard (/api/indicators)',
      31,
      async () => {
        const ms: number[] = [];
        for (let i = 0; i < 31; i++) {
          const t = performance.now();
          const res = await get('/api/indicators');
          const body = await res.text();
          ms.push(performance.now() - t);
          if (res.status !== 200) throw new Error(`indicators: ${res.status} ${body.slice(0, 200)}`);
        }
        return ms;
      },
      (ms) => {
        const warm = ms.slice(1).sort((a, b) => a - b);
        return {
          latency: {
            p50: warm[15]!,
            p95: warm[Math.ceil(0.95 * warm.length) - 1]!,
            p99: warm[warm.length - 1]!,
            mean: warm.reduce((a, b) => a + b, 0) / warm.length,
          },
          extra: { coldMs: ms[0]! },
        };
      },
    );
    void dash;

    // 9. The annual report as JSON.
    await stage(
      'report (JSON)',
      1,
      async () => {
        const res = await get('/api/reports/2026');
        const body = await res.text();
        if (res.status !== 200) throw new Error(`report: ${res.status} ${body.slice(0, 200)}`);
        return body.length;
      },
      (bytes) => ({ extra: { bytes } }),
    );

    return {
      staff: arg.staff,
      units: city.units.length,
      keyGroups,
      withEmail,
      concurrency: arg.concurrency,
      stages,
      responses: arg.staff,
      baselineRssMiB,
    };
  } finally {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  }
}

serveHarness({ run });
