/**
 * `npx tsx scripts/bench/backup.ts [answers]`: what `npm run backup` and
 * `npm run restore` cost on a store of N synthetic answers (default 20,000,
 * a city of ~30,000 staff in one year), on the embedded store on disk:
 * seconds, archive size and the process's peak memory. The whole archive is
 * built in memory (functions/backup/run.ts), so peak RSS grows with the store.
 * Not part of `npm run bench` (its budgets are DESIGN §7's); a figure to
 * quote in docs/BACKUP.md.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { restoreBackup, takeBackup } from '../../functions/backup/run';
import { startLocalRuntime } from '../../functions/local/runtime';
import { seedBase } from '../../functions/seed/base';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { machine } from './report';
import { syntheticResponses, syntheticUnits } from './synthetic';

const count = Number(process.argv[2] ?? 20_000);
const PASSPHRASE = 'bench passphrase, not a secret';

let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function main() {
  const host = machine();
  console.log(`koe backup bench — ${host.cpu}, ${host.cores} cores, node ${host.node}, load ${host.load}`);
  const source = await mkdtemp(path.join(tmpdir(), 'koe-bench-backup-'));
  const target = path.join(await mkdtemp(path.join(tmpdir(), 'koe-bench-restore-')), 'data');
  try {
    const rt = await startLocalRuntime({ dataDir: source, publicBaseUrl: 'http://127.0.0.1' });
    await seedBase(rt.store, aizuwakamatsuPlan);
    const template = (await rt.store.plan.getTemplate('annual-staff-survey-v1'))!;
    let t0 = performance.now();
    let n = 0;
    for (const chunk of syntheticResponses(template, syntheticUnits(5, 5, 3), count)) {
      await rt.store.responses.putBatch(
        'bench',
        chunk.map((response) => {
          const tokenHash = createHash('sha256').update(`bench-${n++}`).digest('hex');
          return {
            shard: Number.parseInt(tokenHash[0]!, 16),
            tokenHash,
            response: { ...response, day: '2026-10-15' },
          };
        }),
      );
    }
    console.log(`  ${count} answers written in ${seconds(t0)}`);
    const before = process.memoryUsage().rss;
    peak = before;
    t0 = performance.now();
    const backup = await takeBackup({
      store: rt.store,
      dataDir: source,
      sealWith: { passphrase: PASSPHRASE },
    });
    console.log(
      `  backup: ${seconds(t0)} (${backup.attempts} passes), archive ${mib(backup.record.bytes)}, peak RSS ${mib(peak)} (from ${mib(before)})`,
    );
    await rt.close();
    peak = process.memoryUsage().rss;
    t0 = performance.now();
    const restored = await restoreBackup({
      container: backup.container,
      openWith: { passphrase: PASSPHRASE },
      dataDir: target,
    });
    console.log(
      `  restore: ${seconds(t0)}, ${restored.counts.responses} answers verified, peak RSS ${mib(peak)}`,
    );
  } finally {
    clearInterval(sample);
    await rm(source, { recursive: true, force: true });
    await rm(path.dirname(target), { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
