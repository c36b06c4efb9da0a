import * as z from 'zod';
import type { Store } from '../store';
import type { PostRecord } from '../store/feedback';
import { batchSettingsFromEnv, nextJstMidnight, shuffle } from './answer-buffer';
import type { DurableJournal } from './journal';

/**
 * A2 for feedback posts: the same schedule as answers (answer-buffer.ts). A
 * new post and its spent-token mark are held in memory and written with the
 * others in a shuffled batch at a fixed time (the JST day boundary, or every
 * `KOE_BATCH_SECONDS`), at graceful shutdown, or when more than `KOE_BATCH_CAP`
 * wait — never one by one, so neither LevelDB's sequence numbers nor a
 * point-in-time backup line a post up with the redemption of a feedback code.
 * Until then the poster's page shows the post as received (受付) from this
 * buffer, and HR's triage sees it after the batch. Locally a post is also in
 * the encrypted, fsynced journal before it is acknowledged (see answer-buffer.ts).
 */

interface Entry {
  post: PostRecord;
  tokenHash: string;
}

const CHUNK = 25; // posts per BatchWriteItem (their spent marks go in a second one)

class PostBuffer {
  #pending = new Map<string, Entry>();
  #writing = new Map<string, Entry>();
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #nextAt: number;
  readonly #settings = batchSettingsFromEnv();
  /** The durable copy of what waits (local runtime); none on AWS. */
  journal: DurableJournal | undefined;

  constructor(private readonly store: Store) {
    this.#nextAt = this.#nextTime();
  }

  #nextTime(): number {
    const now = Date.now();
    const every = this.#settings.intervalMs;
    const midnight = nextJstMidnight(now);
    return every ? Math.min(midnight, (Math.floor(now / every) + 1) * every) : midnight;
  }

  /** A post held for the next batch, by id (waiting or being written). */
  get(postId: string): PostRecord | undefined {
    return (this.#pending.get(postId) ?? this.#writing.get(postId))?.post;
  }

  /** Whether a token's post is held here (a second post with it is refused). */
  holdsToken(fiscalYear: number, tokenHash: string): boolean {
    for (const map of [this.#pending, this.#writing]) {
      for (const e of map.values())
        if (e.tokenHash === tokenHash && e.post.fiscalYear === fiscalYear) return true;
    }
    return false;
  }

  async add(entry: Entry): Promise<void> {
    this.#pending.set(entry.post.id, entry);
    await this.journal?.put('post', entry.post.id, entry);
    if (this.#pending.size >= this.#settings.cap) await this.flush();
    else this.#schedule();
  }

  /** Replaces a waiting post (the poster added to the thread before the batch); false if not held. */
  async update(post: PostRecord): Promise<boolean> {
    const entry = this.#pending.get(post.id);
    if (!entry) return false;
    const next = { ...entry, post };
    this.#pending.set(post.id, next);
    await this.journal?.put('post', post.id, next);
    return true;
  }

  /** Posts read back from the journal at start: waiting again, for the next batch. */
  restore(entries: Entry[]): void {
    for (const e of entries) if (!this.#pending.has(e.post.id)) this.#pending.set(e.post.id, e);
    this.#schedule();
  }

  async flushIfDue(): Promise<void> {
    if (Date.now() < this.#nextAt) return;
    if (this.#pending.size > 0) await this.flush();
    else this.#nextAt = this.#nextTime();
  }

  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing.catch(() => {});
    this.#nextAt = this.#nextTime();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const batch = shuffle([...this.#pending.values()]);
    this.#writing = this.#pending;
    this.#pending = new Map();
    this.#flushing = this.#write(batch).finally(() => {
      this.#flushing = undefined;
      this.#writing = new Map();
      this.#schedule();
    });
    return this.#flushing;
  }

  async #write(batch: Entry[]): Promise<void> {
    let i = 0;
    try {
      for (; i < batch.length; i += CHUNK) {
        const chunk = batch.slice(i, i + CHUNK);
        await this.store.feedback.writePostBatch(chunk);
        // Stored: out of the journal, unless the post waits again (an addition to its thread).
        await this.journal
          ?.remove(
            'post',
            chunk.map((e) => e.post.id).filter((id) => !this.#pending.has(id)),
          )
          .catch((err) => console.error('journal', err)); // replayed at start: the same rows again
      }
    } catch (err) {
      for (const e of batch.slice(i)) if (!this.#pending.has(e.post.id)) this.#pending.set(e.post.id, e);
      this.#nextAt = Math.min(this.#nextAt, Date.now() + 5_000);
      throw err;
    }
  }

  #schedule(): void {
    if (this.#timer || this.#flushing || this.#pending.size === 0) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.flushIfDue()
          .catch(() => {})
          .finally(() => this.#schedule());
      },
      Math.max(0, this.#nextAt - Date.now()),
    );
    this.#timer.unref();
  }
}

const buffers = new WeakMap<Store, PostBuffer>();

export function postBuffer(store: Store): PostBuffer {
  let buffer = buffers.get(store);
  if (!buffer) {
    buffer = new PostBuffer(store);
    buffers.set(store, buffer);
  }
  return buffer;
}

const JournalPost = z.object({
  tokenHash: z.string().min(1),
  post: z.looseObject({ id: z.string().min(1), fiscalYear: z.number().int() }),
});

/** Keeps waiting posts in a durable journal from now on, and puts back those it held (local runtime, at start). */
export function attachPostJournal(store: Store, journal: DurableJournal, held: unknown[]): number {
  const buffer = postBuffer(store);
  buffer.journal = journal;
  buffer.restore(held.map((v) => JournalPost.parse(v) as unknown as Entry));
  return held.length;
}

/** Writes every waiting post now: at shutdown, after seeding, in tests. */
export function flushPosts(store: Store): Promise<void> {
  return buffers.get(store)?.flush() ?? Promise.resolve();
}

/** Writes a batch if its fixed time has passed (every public request; Lambda timers do not run frozen). */
export function flushPostsIfDue({ store }: { store: Store }): Promise<void> {
  return buffers.get(store)?.flushIfDue() ?? Promise.resolve();
}
