import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';
import { localFrontDoor } from '../../functions/local/server';
import { seedBase } from '../../functions/seed/base';
import { unsyncedWritesForBenchmark } from '../../functions/store/synced-level';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';

export interface BenchServer {
  runtime: LocalRuntime;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * koe as `npm start` runs it — the embedded DynamoDB persisted on disk, the
 * API behind the local front door on @hono/node-server on loopback — in a throw-away data directory,
 * with the plan and the template bank loaded.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-bench-'));
  // The reference of the durability benchmark (durable.ts): no fsync, no journal. koe never runs so.
  const unsynced = process.env.KOE_BENCH_UNSYNCED === '1';
  if (unsynced) unsyncedWritesForBenchmark();
  const runtime = await startLocalRuntime({
    dataDir,
    publicBaseUrl: 'http://127.0.0.1',
    ...(unsynced ? { durable: false } : {}),
  });
  await seedBase(runtime.store, aizuwakamatsuPlan);
  // What `npm start` serves (scripts/start.ts): the API behind the local front door, whose router
  // (Hono's default preset) is the one that matches requests there, with the web build if one exists.
  const webDir = path.resolve(import.meta.dirname, '../../dist/web');
  const app = localFrontDoor(runtime.app, webDir, { secure: runtime.deps.config.secure });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  runtime.deps.config.publicBaseUrl = baseUrl;
  return {
    runtime,
    baseUrl,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
