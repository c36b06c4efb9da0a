import type { Store } from '../store';

/**
 * Live participation counts, written behind the submit path.
 *
 * The stored response is the record that an answer exists; the per-unit
 * response counts are a view of those records for live participation. A new
 * response is counted in memory at once and the counts are written at most
 * every {@link COUNT_FLUSH_MS}, one small UpdateItem per unit that has new
 * responses (each unit its own item, so no item takes every submit of a
 * campaign), instead of one write per submission:
 *
 * - nothing is lost while the process lives: a failed write puts its unit's
 *   count back and is retried; the units written meanwhile are not written
 *   again (each unit's write stands alone, so there is no half-written batch
 *   to undo and no transaction is needed);
 * - readers in this process see every count: participation flushes first, and
 *   so does closing a campaign and shutting the local runtime down;
 * - another process (another Lambda instance) may show up to
 *   {@link COUNT_FLUSH_MS} late, or later if that instance is frozen with
 *   counts pending; a process that dies loses its pending counts;
 * - either way the counts become exact when the campaign closes: the results
 *   job, which reads every response, stores the final per-unit counts, and
 *   participation shows those from then on.
 */

export const COUNT_FLUSH_MS = 200;
const RETRY_MAX_MS = 5_000;
/** Unit count writes in flight at once per flush. */
const WRITES_AT_ONCE = 16;

class ResponseCounter {
  #pending = new Map<string, Map<string, number>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #failures = 0;

  constructor(private readonly store: Store) {}

  add(campaignId: string, unitCode: string): void {
    let counts = this.#pending.get(campaignId);
    if (!counts) {
      counts = new Map();
      this.#pending.set(campaignId, counts);
    }
    counts.set(unitCode, (counts.get(unitCode) ?? 0) + 1);
    this.#schedule(COUNT_FLUSH_MS);
  }

  /** Writes every pending count; rejects if a write failed (its counts stay pending and are retried). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing.catch(() => {});
    if (this.#pending.size === 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#flushing = this.#write(batch).finally(() => {
      this.#flushing = undefined;
      // Counts that arrived meanwhile, or came back from a failed write (retried with backoff).
      if (this.#pending.size > 0) {
        this.#schedule(
          this.#failures === 0
            ? COUNT_FLUSH_MS
            : Math.min(RETRY_MAX_MS, COUNT_FLUSH_MS * 2 ** this.#failures),
        );
      }
    });
    return this.#flushing;
  }

  async #write(batch: Map<string, Map<string, number>>): Promise<void> {
    const failures: unknown[] = [];
    const writes: Array<[string, string, number]> = [];
    for (const [campaignId, counts] of batch) {
      for (const [unit, n] of counts) writes.push([campaignId, unit, n]);
    }
    // A few writes at a time: a flush of a big campaign touches many units.
    let next = 0;
    const worker = async () => {
      while (next < writes.length) {
        const [campaignId, unit, n] = writes[next++]!;
        try {
          await this.store.campaigns.addResponseCount(campaignId, unit, n);
        } catch (err) {
          failures.push(err);
          // Back into the pending counts, for the next attempt.
          const pending = this.#pending.get(campaignId) ?? new Map<string, number>();
          pending.set(unit, (pending.get(unit) ?? 0) + n);
          this.#pending.set(campaignId, pending);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, writes.length) }, worker));
    this.#failures = failures.length === 0 ? 0 : this.#failures + 1;
    if (failures.length > 0) throw failures[0];
  }

  #schedule(ms: number): void {
    if (this.#timer || this.#flushing) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failure keeps the counts pending and schedules the retry itself.
      this.flush().catch(() => {});
    }, ms);
    // Pending counts do not keep a process alive; shutting down flushes them (local runtime).
    this.#timer.unref();
  }
}

const counters = new WeakMap<Store, ResponseCounter>();

function counterOf(store: Store): ResponseCounter {
  let counter = counters.get(store);
  if (!counter) {
    counter = new ResponseCounter(store);
    counters.set(store, counter);
  }
  return counter;
}

/** Counts one new response of a unit; written within {@link COUNT_FLUSH_MS}. */
export function countResponse(store: Store, campaignId: string, unitCode: string): void {
  counterOf(store).add(campaignId, unitCode);
}

/**
 * Writes this process's pending counts now: before reading participation,
 * when a campaign closes, when the process shuts down, and (on AWS) before
 * a function instance returns, so that it is never frozen with counts pending.
 */
export function flushResponseCounts(store: Store): Promise<void> {
  return counters.get(store)?.flush() ?? Promise.resolve();
}
