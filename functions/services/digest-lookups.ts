import type { Store } from '../store';
import { digestKey, responsePartition } from '../store/responses';

/**
 * Whether a token's answers are stored (the submit path's one read, respond.ts),
 * for concurrent submissions in one read: the checks asked for in the same turn
 * of the event loop, or while the previous read is out, go out together as
 * one BatchGetItem of up to 100 keys instead of one GetItem each. A read
 * through the SDK costs the process about as much CPU per call whatever it
 * carries (request signing, HTTP, parsing),
 * so under load this is most of what a submission cost beyond the write
 * itself (docs/BENCHMARKS.md, issue 18). A check alone (a Lambda instance
 * serves one request at a time) is the same GetItem as before.
 *
 * The same attribute as before and nothing more: the digest, with the key it
 * belongs to (DESIGN §3: the public function reads no answer). It reads, never
 * writes, so it adds nothing to what the store's files or backups record (A2).
 */

interface Waiting {
  campaignId: string;
  shard: number;
  tokenHash: string;
  resolve: (digest: string | undefined) => void;
  reject: (err: unknown) => void;
}

const MAX_KEYS = 100;
/** How long checks wait for the reads before them at most; a read usually answers in a few ms. */
const MAX_HOLD_MS = 100;

class DigestLookups {
  #waiting: Waiting[] = [];
  #scheduled = false;
  /** Reads sent by the last run are still out: new checks wait for them. */
  #reading = false;

  constructor(private readonly store: Store) {}

  /** The token's stored digest ('' for answers stored before digests existed), undefined if none. */
  lookup(
    campaignId: string,
    shard: number,
    tokenHash: string,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // An abandoned submission stops waiting; the read it was part of goes on for the others.
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.#waiting.push({
        campaignId,
        shard,
        tokenHash,
        resolve: (d) => {
          done();
          resolve(d);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#reading) return;
    this.#scheduled = true;
    setImmediate(() => this.#run());
  }

  /**
   * Sends the checks waiting now. While those reads are out, new checks wait for them to come back
   * (at most {@link MAX_HOLD_MS}) and then go together: under load the checks of a whole read's
   * round trip share one read, not only those of one turn of the event loop (issue 18: 800
   * concurrent submissions had made 316 reads, now ~a quarter). A check alone goes at once.
   */
  #run(): void {
    this.#scheduled = false;
    const all = this.#waiting;
    this.#waiting = [];
    if (all.length === 0) return;
    const reads: Promise<void>[] = [];
    for (let i = 0; i < all.length; i += MAX_KEYS) reads.push(this.#read(all.slice(i, i + MAX_KEYS)));
    this.#reading = true;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      this.#reading = false;
      if (this.#waiting.length > 0) this.#schedule();
    };
    // A read that hangs (the SDK retrying) holds the next checks only a moment.
    const timer = setTimeout(release, MAX_HOLD_MS);
    timer.unref();
    void Promise.all(reads).then(release);
  }

  async #read(batch: Waiting[]): Promise<void> {
    try {
      if (batch.length === 1) {
        const w = batch[0]!;
        w.resolve(await this.store.responses.storedDigest(w.campaignId, w.shard, w.tokenHash));
        return;
      }
      const found = await this.store.responses.storedDigests(batch);
      for (const w of batch)
        w.resolve(found.get(digestKey(responsePartition(w.campaignId, w.shard), w.tokenHash)));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}

const lookups = new WeakMap<Store, DigestLookups>();

/** The stored digest of a token's answers, read together with the other submissions of the moment. */
export function storedDigest(
  store: Store,
  campaignId: string,
  shard: number,
  tokenHash: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  let l = lookups.get(store);
  if (!l) {
    l = new DigestLookups(store);
    lookups.set(store, l);
  }
  return l.lookup(campaignId, shard, tokenHash, signal);
}
