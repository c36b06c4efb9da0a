/**
 * `npm run migrate`'s throughput: synthetic answers (and a roster) in one
 * embedded store, copied into a second one (the deployment's tables stand-in)
 * and verified, as the CLI does. A local key file stands in for KMS: a real
 * migration wraps only a handful of keys, so KMS latency does not count.
 *
 * `npx tsx scripts/bench/migrate.ts [--quick]` prints the figures; `migrateBench`
 * gives them as a section for `npm run bench`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LocalFileKeyWrapper } from '../../functions/crypto';
import { copyTables, campaignStatuses, verifyTables } from '../../functions/migrate/migrate';
import { createStore, prepareTables, type Store } from '../../functions/store';
import { batchPut } from '../../functions/store/batch';
import { tablesFor } from '../../functions/store/config';
import { startEmbeddedDynamo } from '../../functions/store/embedded';
import { localDocumentClient } from '../../functions/store/socket-client';
import type { Section } from './report';

async function embeddedStore(dir: string, name: string) {
  const engine = await startEmbeddedDynamo({
    path: path.join(dir, name),
    socketPath: path.join(dir, `${name}.sock`),
  });
  const config = {
    endpoint: engine.endpoint,
    socketPath: engine.socketPath!,
    region: 'ap-northeast-1',
    tables: tablesFor('koe'),
  };
  const store = createStore(config, localDocumentClient(config));
  await prepareTables(store);
  return { store, engine };
}

const raw = (store: Store) => store.doc as unknown as DynamoDBClient;

export async function migrateBench(quick: boolean): Promise<Section> {
  const answers = quick ? 1_000 : 20_000;
  const staff = quick ? 500 : 5_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'koe-bench-migrate-'));
  const source = await embeddedStore(dir, 'source');
  const target = await embeddedStore(dir, 'target');
  try {
    const rows = [];
    for (let i = 0; i < answers; i += 1_000) {
      await batchPut(
        source.store.doc,
        source.store.config.tables.responses,
        Array.from({ length: Math.min(1_000, answers - i) }, () => {
          const hash = randomBytes(32).toString('hex');
          return {
            pk: `R#c1#${hash[0]}`,
            sk: hash,
            u: '*',
            a: { jobLevel: 'staff' },
            q: Object.fromEntries(Array.from({ length: 30 }, (_, q) => [`q${q}`, 1 + (q % 5)])),
            d: '2026-06-01',
          };
        }),
      );
    }
    await batchPut(
      source.store.doc,
      source.store.config.tables.directory,
      Array.from({ length: staff }, (_, i) => ({ pk: 'STAFF#1', sk: `S${i}`, unitCode: `U${i % 40}` })),
    );
    const keys = new LocalFileKeyWrapper(dir);
    const standIn = new LocalFileKeyWrapper(path.join(dir, 'kms'));
    const sides = {
      source: { client: raw(source.store), tables: source.store.config.tables, keys },
      target: { client: raw(target.store), tables: target.store.config.tables, keys: standIn },
    };
    const items = answers + staff;
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const statuses = await campaignStatuses(sides.source);
    await copyTables(
      { ...sides, checkpointFile: path.join(dir, 'checkpoint.json'), targetId: 'bench' },
      statuses,
    );
    const copyS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const checks = await verifyTables(sides.source, sides.target, statuses);
    const verifyS = (performance.now() - t1) / 1000;
    if (!checks.every((c) => c.missing === 0 && c.different === 0)) throw new Error('verification failed');
    const rss = (process.memoryUsage().rss - rss0) / 2 ** 20;
    rows.push(
      {
        name: `migrate: copy ${items.toLocaleString('en')} items (embedded → embedded)`,
        measured: `${Math.round(items / copyS).toLocaleString('en')} items/s`,
        note: `${copyS.toFixed(1)} s; a batch read, then batch writes of 25, per page of 100`,
      },
      {
        name: 'migrate: verify (counts and checksums)',
        measured: `${Math.round(items / verifyS).toLocaleString('en')} items/s`,
        note: `${verifyS.toFixed(1)} s; RSS grew ${rss.toFixed(0)} MiB`,
      },
    );
    return {
      title: 'Migration to AWS (npm run migrate)',
      rows,
      method:
        'Synthetic answers and a roster in one embedded store are copied into a second and verified, as `npm run migrate` does; a local key file stands in for KMS.',
    };
  } finally {
    source.store.doc.destroy();
    target.store.doc.destroy();
    await source.engine.close();
    await target.engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const section = await migrateBench(process.argv.includes('--quick'));
  for (const row of section.rows) console.log(`${row.name}: ${row.measured} (${row.note})`);
}
