import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApi } from '../api/app';
import { type AppDeps, defaultLimits } from '../deps';
import { LocalUploadStore } from '../uploads/upload-store';
import { xlsxRows } from '../services/roster-xlsx';
import { reportRenderer } from '../report/render';
import { LocalFileKeyWrapper } from '../crypto';
import { OutboxMailSender } from '../mail/outbox';
import { computeAndStoreResults } from '../results/run';
import { answerBuffer, attachAnswerJournal, flushAnswers } from '../services/answer-buffer';
import { attachPostJournal, flushPosts } from '../services/post-buffer';
import { flushResponseCounts } from '../services/response-counts';
import { createStore, prepareTables, type Store, type StoreConfig } from '../store';
import { tablesFor } from '../store/config';
import { type EmbeddedDynamo, STORE_SOCKET, startEmbeddedDynamo } from '../store/embedded';
import { localDocumentClient } from '../store/socket-client';
import { FileJournal } from './journal';
import { setSyncedWrites } from '../store/synced-level';
import { backupBeforeMigrate, LAYOUT_VERSION, migrateLayout, readLayoutVersion } from './layout';
import { type ScheduleTick, type ScheduleTicker, startScheduleTicker } from './schedule-ticker';
import { localSecret } from './secrets';

export interface LocalOptions {
  /** Where the store (unless external or in memory) and the local keys live. */
  dataDir: string;
  /** Keep the embedded store in memory (tests) instead of on disk. */
  inMemory?: boolean;
  /** An external DynamoDB-compatible endpoint instead of the embedded engine. */
  endpoint?: string;
  /** Table name prefix; tests use a fresh one per suite on shared engines. */
  tablePrefix?: string;
  publicBaseUrl: string;
  now?: () => Date;
  /** false: no journal of acknowledged answers (the benchmark's reference only; koe always keeps one). */
  durable?: boolean;
  /** Where start-up notices go (a data-layout migration): `npm start` prints them. */
  log?: (message: string) => void;
}

export interface LocalRuntime {
  app: Hono;
  deps: AppDeps;
  store: Store;
  /**
   * Starts the local schedule (schedule-ticker.ts): campaigns open and close at
   * their times and pending results are computed, every `intervalMs`. Called
   * after any seeding, so the ticker never closes a campaign being seeded.
   * Stopped by `close()`.
   */
  startSchedule(intervalMs: number, onTick?: (tick: ScheduleTick) => void): ScheduleTicker;
  /** Runs the demo seed with synced writes and journal fsyncs off (the demo is made up), then turns them back on. */
  whileSeeding<T>(seed: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Everything koe needs on one machine: the embedded DynamoDB (or an external
 * endpoint), tables created if missing, the local key file, the JWT secret
 * and the API with results computed in process.
 */
export async function startLocalRuntime(options: LocalOptions): Promise<LocalRuntime> {
  await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  // The data directory holds the store, its socket and the keys: its owner only (also if it existed).
  await fs.chmod(options.dataDir, 0o700);
  const open = async () => {
    let embedded: EmbeddedDynamo | undefined;
    let endpoint = options.endpoint;
    if (!endpoint) {
      // No TCP port: the engine listens on a socket inside the 0700 data directory.
      embedded = await startEmbeddedDynamo({
        ...(options.inMemory ? {} : { path: path.join(options.dataDir, 'dynamodb') }),
        socketPath: path.join(options.dataDir, STORE_SOCKET),
      });
      endpoint = embedded.endpoint;
    }
    const prefix = options.tablePrefix ?? 'koe';
    const config: StoreConfig = {
      endpoint,
      ...(embedded?.socketPath ? { socketPath: embedded.socketPath } : {}),
      region: 'ap-northeast-1',
      tables: tablesFor(prefix),
    };
    const doc = localDocumentClient(config);
    const store = doc ? createStore(config, doc) : createStore(config);
    const shut = async () => {
      store.doc.destroy();
      await embedded?.close();
    };
    try {
      await prepareTables(store);
      return { store, shut, layout: await readLayoutVersion(store) };
    } catch (err) {
      await shut();
      throw err;
    }
  };
  let { store, shut, layout } = await open();
  if (layout < LAYOUT_VERSION) {
    // Data layout versions (layout.ts): a plain copy of the data directory first, of a store no
    // process writes (closed, then opened again), then the steps forward.
    if (!options.inMemory) {
      await shut();
      const copy = await backupBeforeMigrate(options.dataDir, layout);
      options.log?.(`移行前のバックアップ / backup before migrating: ${copy}`);
      ({ store, shut, layout } = await open());
    }
    await migrateLayout(store, layout, options.log).catch(async (err) => {
      await shut();
      throw err;
    });
  }
  const keys = new LocalFileKeyWrapper(options.dataDir);
  await keys.load();
  const deps: AppDeps = {
    store,
    keys,
    config: {
      jwtSecret: await localSecret(options.dataDir, 'jwt.secret'),
      sessionTtlSeconds: 8 * 60 * 60,
      publicBaseUrl: options.publicBaseUrl,
      secure: options.publicBaseUrl.startsWith('https://'),
      ...defaultLimits,
    },
    // In process, then marked ready as the results function does on AWS (lambda/pending-results.ts).
    runResults: async (campaignId) => {
      await computeAndStoreResults(store, campaignId, options.now?.() ?? new Date());
      const fresh = await store.campaigns.getCampaign(campaignId);
      if (fresh?.status === 'closed' && fresh.resultsState === 'pending') {
        await store.campaigns.updateCampaign({ ...fresh, resultsState: 'ready' }, 'closed');
      }
    },
    mail: new OutboxMailSender(path.join(options.dataDir, 'outbox'), undefined, options.now),
    uploads: new LocalUploadStore(options.dataDir, undefined, options.now),
    xlsxRows,
    reportFiles: reportRenderer(),
    ...(options.now ? { now: options.now } : {}),
  };
  // Reads KOE_BATCH_SECONDS / KOE_BATCH_CAP now, so a bad value stops the start with a clear message.
  answerBuffer(store);
  let journal: FileJournal | undefined;
  if (!options.inMemory && options.durable !== false) {
    // Acknowledged answers and posts survive kill -9 and power cuts until their batch (issue 20).
    journal = await FileJournal.open(options.dataDir);
    const held = await journal.load();
    const of = (kind: string) => held.filter((e) => e.kind === kind).map((e) => e.value);
    attachAnswerJournal(store, journal, of('answer'));
    attachPostJournal(store, journal, of('post'));
  }
  const app = createApi(deps);
  const tickers: ScheduleTicker[] = [];
  return {
    app,
    deps,
    store,
    async whileSeeding(seed) {
      // The demo is made up, and an interrupted seed is not resumed (scripts/start.ts seeds only an
      // empty store): no fsync while it is written, which would make the first start minutes long.
      setSyncedWrites(false);
      if (journal) journal.fsync = false;
      // Nor are the seed's answers journalled while they wait for their batch (a file written and
      // deleted per answer): the seed writes them all itself (closing, flushAnswers) before it ends.
      const answers = answerBuffer(store);
      const answerJournal = answers.journal;
      answers.journal = undefined;
      try {
        return await seed();
      } finally {
        answers.journal = answerJournal;
        setSyncedWrites(true);
        if (journal) journal.fsync = true;
      }
    },
    startSchedule(intervalMs, onTick) {
      const ticker = startScheduleTicker(deps, { intervalMs, ...(onTick ? { onTick } : {}) });
      tickers.push(ticker);
      return ticker;
    },
    async close() {
      // No campaign is closed behind the flushes below.
      await Promise.all(tickers.map((t) => t.stop()));
      // Answers waiting for their batch (services/answer-buffer.ts) are written, shuffled, at
      // graceful shutdown; then the participation counts written behind (response-counts.ts).
      await flushAnswers(store).catch(() => {});
      await flushPosts(store).catch(() => {});
      await flushResponseCounts(store).catch(() => {});
      await journal?.close();
      await shut();
    },
  };
}
