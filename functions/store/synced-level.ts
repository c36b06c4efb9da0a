import { createRequire } from 'node:module';

/**
 * Synced writes for the embedded store (issue 20): dynalite opens its LevelDB
 * with `new Level(path)` from the `level` package (classic-level) and writes
 * with no options, so LevelDB acknowledges a write once it is in the OS page
 * cache — it survives `kill -9`, not a power cut. dynalite has no option for
 * it; this swaps `level`'s `Level` export (as dynalite resolves it) for a
 * subclass that adds `sync: true` to every put, del and batch (and chained
 * batch) before they reach the native binding, so LevelDB fsyncs its log
 * before the write resolves, and so before DynamoDB's answer leaves.
 *
 * It must run before dynalite's `db` module is loaded (that module reads
 * `Level` once); `embedded.ts` loads dynalite only through {@link syncedDynalite}.
 */

// biome-ignore lint/suspicious/noExplicitAny: classic-level's write methods are internal (underscore) hooks
type Any = any;

const here = createRequire(import.meta.url);
const dynaliteMain = here.resolve('dynalite');
const fromDynalite = createRequire(dynaliteMain);

/** The class dynalite opens its on-disk store with (classic-level's ClassicLevel). */
export const ClassicLevel: Any = fromDynalite('classic-level').ClassicLevel;

let syncOn = true;

/**
 * Turns synced writes off for this process: only for the benchmark's
 * reference figure (scripts/bench/durable.ts), never in koe itself.
 */
export function unsyncedWritesForBenchmark(): void {
  syncOn = false;
}

/**
 * Synced writes off or back on, for the made-up demo while `npm start` seeds
 * an empty store (functions/local/runtime.ts `whileSeeding`): an interrupted
 * seed is not resumed anyway, and the first synced write after it carries the
 * whole LevelDB log to disk.
 */
export function setSyncedWrites(on: boolean): void {
  syncOn = on;
}

function synced(options: unknown): Record<string, unknown> {
  return { ...(options && typeof options === 'object' ? options : {}), sync: syncOn };
}

class SyncedLevel extends ClassicLevel {
  _put(key: unknown, value: unknown, options: unknown) {
    return super._put(key, value, synced(options));
  }

  _del(key: unknown, options: unknown) {
    return super._del(key, synced(options));
  }

  _batch(operations: unknown, options: unknown) {
    return super._batch(operations, synced(options));
  }

  _chainedBatch() {
    const batch = super._chainedBatch();
    const write = batch._write.bind(batch);
    batch._write = (options: unknown) => write(synced(options));
    return batch;
  }
}

/** Whether a LevelDB instance writes with `sync: true` (tests). */
export function isSyncedLevel(db: unknown): boolean {
  return db instanceof SyncedLevel;
}

type Dynalite = typeof import('dynalite').default;

let loaded: Dynalite | undefined;

/** dynalite, with every write of its on-disk store synced (see above). */
export function syncedDynalite(): Dynalite {
  if (loaded) return loaded;
  const levelModule = fromDynalite('level') as { Level: Any };
  const dbModule = createRequire(dynaliteMain).resolve('./db');
  if (here.cache[dbModule] && levelModule.Level !== SyncedLevel) {
    throw new Error('dynalite was loaded before synced writes were set up (functions/store/synced-level.ts)');
  }
  levelModule.Level = SyncedLevel;
  loaded = fromDynalite(dynaliteMain) as Dynalite;
  return loaded;
}
