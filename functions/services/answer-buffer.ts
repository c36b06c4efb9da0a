import { randomInt } from 'node:crypto';
import * as z from 'zod';
import type { Store } from '../store';
import type { StoredResponse } from '../store/responses';
import type { DurableJournal } from './journal';
import { countResponse } from './response-counts';

/**
 * A2 — no order, no time. Answers are not written one by one as they arrive:
 * the store's files (LevelDB keeps a sequence number per written key) and
 * point-in-time backups would give each answer its place among the token
 * claims, and so its author. Submit verifies and validates, then puts the
 * answers here, in memory, keyed by token hash (a resubmit replaces them);
 * they are written to the responses table in **shuffled batches at fixed
 * times** only:
 *
 * - at every JST day boundary (the stored day is already the finest time kept),
 *   or every `KOE_BATCH_SECONDS` where that is set (tests, small sites);
 * - when a campaign closes, before its results read answers;
 * - when the process shuts down gracefully (`npm start` on SIGTERM/SIGINT);
 * - when more than `KOE_BATCH_CAP` answers (default 2,000) are waiting.
 *
 * Within a batch the order is a uniformly random permutation (crypto), so the
 * write order tells nothing beyond which batch an answer was in. Live response
 * counts move when a batch is written, not at submit.
 *
 * Locally the buffer is also kept in an encrypted, fsynced journal in the data
 * directory (functions/local/journal.ts, attached by the local runtime): an
 * answer is acknowledged only once it is on disk there, its entry is deleted
 * when its batch is written, and a restart reads the journal back in.
 *
 * Without a journal the buffer is memory: a crash loses it. That is why the respondent's browser
 * keeps the answers until {@link answerStatus} reads "stored", and resubmits
 * them when the server answers "unknown" (web/answer). On AWS a function
 * instance may be frozen or dropped at any time: there the buffer is written on
 * the first request after the fixed time, and the browser's resubmission is
 * what makes an acknowledged answer safe.
 */

export const DEFAULT_BATCH_CAP = 2_000;
/** Items per BatchWriteItem call. */
const CHUNK = 25;
/** BatchWriteItem calls of a batch in flight at once (as store/batch.ts batchPut: far below on-demand limits). */
const WRITERS = 4;
const RETRY_MAX_MS = 30_000;

const BatchEnv = z.object({
  KOE_BATCH_SECONDS: z.coerce.number().positive().max(86_400).optional(),
  KOE_BATCH_CAP: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_BATCH_CAP),
});

export interface BatchSettings {
  /** Also write a batch this often (ms); the JST day boundary always applies. */
  intervalMs?: number;
  cap: number;
}

/** The batch schedule from the environment (`KOE_BATCH_SECONDS`, `KOE_BATCH_CAP`); a bad value is an error. */
export function batchSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): BatchSettings {
  const parsed = BatchEnv.safeParse({
    KOE_BATCH_SECONDS: env.KOE_BATCH_SECONDS || undefined,
    KOE_BATCH_CAP: env.KOE_BATCH_CAP || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `設定エラー / configuration error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return {
    cap: parsed.data.KOE_BATCH_CAP,
    ...(parsed.data.KOE_BATCH_SECONDS ? { intervalMs: parsed.data.KOE_BATCH_SECONDS * 1000 } : {}),
  };
}

interface Entry {
  campaignId: string;
  tokenHash: string;
  shard: number;
  response: StoredResponse;
  /** No answers were stored under this token when it was submitted: counted when written. */
  isNew: boolean;
}

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** The next JST midnight after `t` (ms since the epoch). */
export function nextJstMidnight(t: number): number {
  return Math.floor((t + JST_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - JST_OFFSET_MS;
}

/** Fisher–Yates with crypto randomness: every order equally likely, none predictable. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const entryKey = (campaignId: string, tokenHash: string) => `${campaignId}/${tokenHash}`;

class AnswerBuffer {
  /** Waiting answers by campaign/token hash: a resubmit replaces the entry. */
  #pending = new Map<string, Entry>();
  /** Answers of the batch being written (still "pending" to a status check). */
  #writing = new Map<string, Entry>();
  #flushing: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #nextAt: number;
  #failures = 0;
  settings: BatchSettings;
  /** The durable copy of what waits (local runtime); none on AWS. */
  journal: DurableJournal | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {
    this.settings = batchSettingsFromEnv();
    this.#nextAt = this.#nextTime();
  }

  get size(): number {
    return this.#pending.size;
  }

  #nextTime(): number {
    const now = this.clock();
    const midnight = nextJstMidnight(now);
    const every = this.settings.intervalMs;
    // Fixed times: multiples of the interval since the epoch, not "so long after the last write".
    return every ? Math.min(midnight, (Math.floor(now / every) + 1) * every) : midnight;
  }

  /** Buffers (or replaces) a token's answers. Resolves once they are held; a full buffer is written first. */
  async add(entry: Entry): Promise<void> {
    const key = entryKey(entry.campaignId, entry.tokenHash);
    // A replacement of answers still waiting keeps whether the token is new.
    const held = this.#pending.get(key) ?? this.#writing.get(key);
    const next = held && this.#pending.has(key) ? { ...entry, isNew: held.isNew } : entry;
    this.#pending.set(key, next);
    // On disk before the acknowledgement (a batch written meanwhile deletes it only after this write).
    await this.journal?.put('answer', key, next);
    if (this.#pending.size >= this.settings.cap) await this.flush();
    else this.#schedule();
  }

  /** Answers read back from the journal at start: waiting again, for the next batch. */
  restore(entries: Entry[]): void {
    for (const e of entries) {
      const key = entryKey(e.campaignId, e.tokenHash);
      if (!this.#pending.has(key)) this.#pending.set(key, e);
    }
    this.#schedule();
  }

  /** The buffered answers of a token, if any (waiting or being written). */
  pending(campaignId: string, tokenHash: string): StoredResponse | undefined {
    const key = entryKey(campaignId, tokenHash);
    return (this.#pending.get(key) ?? this.#writing.get(key))?.response;
  }

  /** Writes a batch if its fixed time has passed (AWS: called on every request, as timers do not run frozen). */
  async flushIfDue(): Promise<void> {
    if (this.clock() < this.#nextAt) return;
    if (this.#pending.size > 0) await this.flush();
    // Nothing waited at this fixed time: the next answer waits for the next one.
    else this.#nextAt = this.#nextTime();
  }

  /**
   * Writes the waiting answers (of one campaign, or all) as one shuffled batch.
   * Rejects if a write failed: what was not written is waiting again and is
   * retried with backoff.
   */
  async flush(campaignId?: string): Promise<void> {
    while (this.#flushing) await this.#flushing.catch(() => {});
    const batch: Entry[] = [];
    for (const [key, entry] of this.#pending) {
      if (campaignId && entry.campaignId !== campaignId) continue;
      batch.push(entry);
      this.#pending.delete(key);
      this.#writing.set(key, entry);
    }
    if (!campaignId) {
      this.#nextAt = this.#nextTime();
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (batch.length === 0) return;
    this.#flushing = this.#write(shuffle(batch)).finally(() => {
      this.#flushing = undefined;
      this.#writing.clear();
      this.#schedule();
    });
    return this.#flushing;
  }

  /**
   * Writes a shuffled batch, {@link WRITERS} chunks of {@link CHUNK} at once: one after another the
   * batch took longer than the answers took to arrive (issue 18). The order is still the shuffle's,
   * interleaved by when the store answers: nothing of the order the answers came in.
   */
  async #write(batch: Entry[]): Promise<void> {
    const chunks: Entry[][] = [];
    for (let i = 0; i < batch.length; i += CHUNK) chunks.push(batch.slice(i, i + CHUNK));
    const written = chunks.map(() => false);
    let next = 0;
    let failure: { err: unknown } | undefined;
    /** Journal removals of written chunks: the next chunk does not wait for them, the batch's end does. */
    const removals: Promise<void>[] = [];
    const writer = async () => {
      // After a failure no new chunk starts; the others in flight finish.
      while (!failure && next < chunks.length) {
        const c = next++;
        const chunk = chunks[c]!;
        try {
          await this.store.responses.putMany(chunk);
        } catch (err) {
          failure ??= { err };
          return;
        }
        written[c] = true;
        // New answers count for live participation (submit read whether the token had stored answers);
        // the exact counts come with the results at close.
        for (const e of chunk) if (e.isNew) countResponse(this.store, e.campaignId, e.response.unitCode);
        // Stored: out of the journal, unless a resubmission waits under the same key (its entry stays);
        // the next chunk's write does not wait for it, the end of the batch does.
        const removed = this.journal
          ?.remove(
            'answer',
            chunk.map((e) => entryKey(e.campaignId, e.tokenHash)).filter((k) => !this.#pending.has(k)),
          )
          .catch((err) => console.error('journal', err)); // replayed at start: the same rows again
        if (removed) removals.push(removed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITERS, chunks.length) }, writer));
    await Promise.all(removals);
    if (!failure) {
      this.#failures = 0;
      return;
    }
    this.#failures++;
    // Back into the buffer, unless a newer resubmission took the place meanwhile.
    chunks.forEach((chunk, c) => {
      if (written[c]) return;
      for (const e of chunk) {
        const key = entryKey(e.campaignId, e.tokenHash);
        if (!this.#pending.has(key)) this.#pending.set(key, e);
      }
    });
    this.#nextAt = Math.min(
      this.#nextAt,
      this.clock() + Math.min(RETRY_MAX_MS, 500 * 2 ** Math.min(this.#failures, 10)),
    );
    throw failure.err;
  }

  #schedule(): void {
    if (this.#timer || this.#flushing || this.#pending.size === 0) return;
    const wait = Math.max(0, this.#nextAt - this.clock());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failure keeps the answers waiting and brings the next attempt forward itself.
      this.flushIfDue()
        .catch(() => {})
        .finally(() => this.#schedule());
    }, wait);
    // Waiting answers do not keep a process alive: shutting down writes them (local runtime).
    this.#timer.unref();
  }
}

const buffers = new WeakMap<Store, AnswerBuffer>();

export function answerBuffer(store: Store, clock: () => number = Date.now): AnswerBuffer {
  let buffer = buffers.get(store);
  if (!buffer) {
    buffer = new AnswerBuffer(store, clock);
    buffers.set(store, buffer);
  }
  return buffer;
}

const JournalAnswer = z.object({
  campaignId: z.string().min(1),
  tokenHash: z.string().min(1),
  shard: z.number().int().min(0),
  isNew: z.boolean(),
  response: z.object({
    unitCode: z.string(),
    attributes: z.record(z.string(), z.string()),
    answers: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])),
    day: z.string(),
  }),
});

/**
 * Keeps the store's waiting answers in a durable journal from now on, and
 * puts back those it held when the process stopped (local runtime, at start).
 */
export function attachAnswerJournal(store: Store, journal: DurableJournal, held: unknown[]): number {
  const buffer = answerBuffer(store);
  buffer.journal = journal;
  buffer.restore(held.map((v) => JournalAnswer.parse(v)));
  return held.length;
}

/** Writes every waiting answer now (of one campaign, or all): at close, at shutdown, after seeding. */
export function flushAnswers(store: Store, campaignId?: string): Promise<void> {
  return buffers.get(store)?.flush(campaignId) ?? Promise.resolve();
}

/** Writes a batch if its fixed time has passed: called on every request where timers cannot be trusted (Lambda). */
export function flushAnswersIfDue({ store }: { store: Store }): Promise<void> {
  return buffers.get(store)?.flushIfDue() ?? Promise.resolve();
}
