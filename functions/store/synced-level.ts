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

type WriteOp = { type: 'put'; key: unknown; value: unknown } | { type: 'del'; key: unknown };

interface Waiting {
  ops: WriteOp[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. A synced write costs an fsync of LevelDB's log, and LevelDB joins only the writers that
 * wait on its mutex at the same moment — at most the four threads of Node's pool — so a 100,000-item
 * import paid tens of thousands of fsyncs (issue 18: the ledger of a 100,000-staff campaign took
 * twice as long synced as unsynced). Here at most two synced writes are with LevelDB at once (the
 * second waits on its mutex and starts the moment the first ends, without a turn of this thread);
 * every write made meanwhile waits here, and all of them go to LevelDB as one synced batch when one of
 * the two ends: one fsync for all. Each write still resolves only once its batch is on disk, so
 * DynamoDB's answer still leaves after the data is durable; a batch is atomic, and a crash keeps what
 * was answered, as before. A failed batch fails every write in it. dynalite locks an item while it
 * reads and writes it, so no two writes of one key are ever waiting at once.
 */
/** Synced batches handed to LevelDB at once (see above). */
const IN_LEVELDB = 2;

/**
 * Where dynalite keeps its table descriptions (db/index.js: a key prefix on the one LevelDB). It reads
 * the description on every request and again for every item of a batch (BatchWriteItem runs PutItem
 * per item), about a third of all its reads; it writes one only when a table is created, updated or
 * deleted. {@link SyncedLevel} keeps the ones it has read (as LevelDB gave them: each read still
 * decodes a fresh object), and forgets one the moment a write of it starts and again when it ends; a
 * read that overlapped any such write is not kept.
 */
const TABLE_PREFIX = 'table~';

const isTableKey = (key: unknown): key is string => typeof key === 'string' && key.startsWith(TABLE_PREFIX);

export class SyncedLevel extends ClassicLevel {
  #waiting: Waiting[] = [];
  #writing = 0;
  /** Table descriptions read (see TABLE_PREFIX), encoded. */
  readonly #tables = new Map<string, unknown>();
  /** Bumped at the start and end of every write of a description; writes of descriptions under way. */
  #tableWrites = 0;
  #tableWritesOpen = 0;

  /** Declared for its parameters' types: the base class is untyped. */
  constructor(location: string, options?: unknown) {
    super(location, options);
  }

  #enqueue(ops: WriteOp[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ ops, resolve, reject });
      if (this.#writing < IN_LEVELDB) this.#commit();
    });
  }

  #commit(): void {
    const group = this.#waiting;
    if (group.length === 0) return;
    this.#waiting = [];
    this.#writing++;
    const ops = group.length === 1 ? group[0]!.ops : group.flatMap((w) => w.ops);
    (super._batch(ops, { sync: true }) as Promise<void>).then(
      () => {
        this.#writing--;
        for (const w of group) w.resolve();
        this.#commit();
      },
      (err: unknown) => {
        this.#writing--;
        for (const w of group) w.reject(err);
        this.#commit();
      },
    );
  }

  _get(key: unknown, options: { valueEncoding?: unknown; snapshot?: unknown } | undefined) {
    if (!isTableKey(key) || options?.snapshot !== undefined) return super._get(key, options);
    const format = options?.valueEncoding;
    const kept = this.#tables.get(`${format}:${key}`);
    if (kept !== undefined) return Promise.resolve(kept);
    const writes = this.#tableWrites;
    return (super._get(key, options) as Promise<unknown>).then((value) => {
      if (value !== undefined && writes === this.#tableWrites && this.#tableWritesOpen === 0)
        this.#tables.set(`${format}:${key}`, value);
      return value;
    });
  }

  /** Runs a write; if it `touches` a table description, forgets the ones read (see TABLE_PREFIX). */
  #tableWrite<T>(touches: boolean, write: () => Promise<T>): Promise<T> {
    if (!touches) return write();
    const forget = () => {
      this.#tableWrites++;
      this.#tables.clear();
    };
    forget();
    this.#tableWritesOpen++;
    return write().finally(() => {
      this.#tableWritesOpen--;
      forget();
    });
  }

  _put(key: unknown, value: unknown, options: unknown) {
    return this.#tableWrite(isTableKey(key), () =>
      syncOn ? this.#enqueue([{ type: 'put', key, value }]) : super._put(key, value, synced(options)),
    );
  }

  _del(key: unknown, options: unknown) {
    return this.#tableWrite(isTableKey(key), () =>
      syncOn ? this.#enqueue([{ type: 'del', key }]) : super._del(key, synced(options)),
    );
  }

  _batch(operations: WriteOp[], options: unknown) {
    return this.#tableWrite(
      operations.some((o) => isTableKey(o.key)),
      () => (syncOn ? this.#enqueue(operations) : super._batch(operations, synced(options))),
    );
  }

  _chainedBatch() {
    const batch = super._chainedBatch();
    const write = batch._write.bind(batch);
    // Its keys are not looked at: it may write a table description.
    batch._write = (options: unknown) => this.#tableWrite(true, () => write(synced(options)));
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
