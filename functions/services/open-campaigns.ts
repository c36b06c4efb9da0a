import { setMaxListeners } from 'node:events';
import type { Store } from '../store';
import type { CampaignRecord } from '../store/campaigns';

/**
 * Which campaigns accept submissions, as the submit path sees them, without a
 * store read per submission.
 *
 * - An *open* campaign record is trusted for {@link OPEN_STATUS_TTL_MS} after
 *   the read that fetched it began; then it is read again (one read for all
 *   submissions waiting on it). Drafts are never cached, so opening shows at
 *   once; closed is final and is cached for good.
 * - In the process that closes a campaign the view is exact: {@link campaignClosed}
 *   marks it closed here at once, so the next submission gets 409, and waits
 *   until every submission this process had already admitted has finished
 *   writing. Results computed after that (the local runtime) hold every 201.
 * - Another process (another Lambda instance) may still admit a submission up
 *   to {@link OPEN_STATUS_TTL_MS} after the close, and an admitted submission
 *   must write within {@link SUBMIT_DEADLINE_MS} or give up. So every answer
 *   that will ever be stored is stored by closedAt + {@link SUBMIT_SETTLE_MS};
 *   {@link submissionsSettled} waits for that before results read answers.
 */

export const OPEN_STATUS_TTL_MS = 1_000;
export const SUBMIT_DEADLINE_MS = 3_000;
const DEADLINE_GRAIN_MS = 250;
/** After a close, the time by which every admitted submission has been written or abandoned (with margin). */
export const SUBMIT_SETTLE_MS = OPEN_STATUS_TTL_MS + SUBMIT_DEADLINE_MS + DEADLINE_GRAIN_MS + 750;

/** An admitted submission: write with `signal` (it aborts at the deadline), then `release()`. */
export interface Admission {
  record: CampaignRecord;
  signal: AbortSignal;
  release(): void;
}

interface Entry {
  record: CampaignRecord;
  /** performance.now() when the read that fetched it began. */
  readAt: number;
}

class CampaignGate {
  readonly #entries = new Map<string, Entry>();
  readonly #reads = new Map<string, Promise<CampaignRecord | undefined>>();
  readonly #inFlight = new Map<string, number>();
  readonly #idle = new Map<string, Array<() => void>>();
  #bucket: { since: number; signal: AbortSignal } | undefined;
  /** Campaigns closed by this process whose admitted submissions have all finished. */
  readonly #settled = new Set<string>();

  constructor(private readonly store: Store) {}

  /**
   * The campaign as the submit path may trust it. When it is open the caller
   * is admitted (counted until `release`); otherwise it gets the record only
   * and must refuse. `undefined` when there is no such campaign.
   */
  async admit(id: string): Promise<Admission | { record: CampaignRecord; signal?: undefined } | undefined> {
    let entry = this.#entries.get(id);
    if (!entry || (entry.record.status === 'open' && performance.now() - entry.readAt > OPEN_STATUS_TTL_MS)) {
      const fetched = await this.#read(id);
      // A close marked here while reading wins over what the read saw.
      entry = this.#entries.get(id) ?? (fetched && { record: fetched, readAt: 0 });
      if (!entry) return undefined;
    }
    // Synchronous from here on: a close marked after this line finds this submission in flight.
    const { record } = entry;
    if (record.status !== 'open') return { record };
    this.#inFlight.set(id, (this.#inFlight.get(id) ?? 0) + 1);
    let released = false;
    return {
      record,
      signal: this.#deadline(),
      release: () => {
        if (released) return;
        released = true;
        const left = (this.#inFlight.get(id) ?? 1) - 1;
        if (left > 0) {
          this.#inFlight.set(id, left);
          return;
        }
        this.#inFlight.delete(id);
        for (const wake of this.#idle.get(id) ?? []) wake();
        this.#idle.delete(id);
      },
    };
  }

  /**
   * The signal that aborts a submission's write at its deadline. Submissions
   * admitted within the same {@link DEADLINE_GRAIN_MS} share one (an
   * AbortController per request costs more than the rest of the check): it
   * aborts between SUBMIT_DEADLINE_MS and SUBMIT_DEADLINE_MS + DEADLINE_GRAIN_MS
   * after each of them was admitted.
   */
  #deadline(): AbortSignal {
    const now = performance.now();
    if (!this.#bucket || now - this.#bucket.since >= DEADLINE_GRAIN_MS) {
      const controller = new AbortController();
      // Every write of the bucket listens to it while in flight.
      setMaxListeners(0, controller.signal);
      const timer = setTimeout(
        () => controller.abort(new Error('submission deadline passed')),
        SUBMIT_DEADLINE_MS + DEADLINE_GRAIN_MS,
      );
      timer.unref();
      this.#bucket = { since: now, signal: controller.signal };
    }
    return this.#bucket.signal;
  }

  /**
   * Reads a campaign, one read per campaign at a time. An open or closed
   * record is remembered (from the time the read began) unless this process
   * has closed the campaign meanwhile; a draft is not.
   */
  #read(id: string): Promise<CampaignRecord | undefined> {
    let pending = this.#reads.get(id);
    if (!pending) {
      const readAt = performance.now();
      pending = this.store.campaigns.getCampaign(id).finally(() => this.#reads.delete(id));
      pending.then(
        (record) => {
          if (this.#entries.get(id)?.record.status === 'closed') return;
          if (!record || record.status === 'draft') this.#entries.delete(id);
          else this.#entries.set(id, { record, readAt });
        },
        () => {},
      );
      this.#reads.set(id, pending);
    }
    return pending;
  }

  /** Marks a campaign closed here, then waits for the submissions this process had admitted. */
  async closed(record: CampaignRecord): Promise<void> {
    this.#entries.set(record.id, { record, readAt: performance.now() });
    if (this.#inFlight.get(record.id)) {
      await new Promise<void>((resolve) => {
        const waiting = this.#idle.get(record.id) ?? [];
        waiting.push(resolve);
        this.#idle.set(record.id, waiting);
      });
    }
    this.#settled.add(record.id);
  }

  settledHere(id: string): boolean {
    return this.#settled.has(id);
  }
}

const gates = new WeakMap<Store, CampaignGate>();

export function campaignGate(store: Store): CampaignGate {
  let gate = gates.get(store);
  if (!gate) {
    gate = new CampaignGate(store);
    gates.set(store, gate);
  }
  return gate;
}

/** Called by the close: submissions stop here at once; resolves when those in flight have finished. */
export function campaignClosed(store: Store, record: CampaignRecord): Promise<void> {
  return campaignGate(store).closed(record);
}

/**
 * Resolves when no more answers can arrive for a closed campaign: at once if
 * this process closed it (its gate is exact), otherwise at closedAt +
 * {@link SUBMIT_SETTLE_MS} by the wall clock (never more than that from now).
 * A record without closedAt was not closed by {@link campaignClosed}'s caller
 * and has nothing to wait for.
 */
export async function submissionsSettled(store: Store, record: CampaignRecord): Promise<void> {
  if (campaignGate(store).settledHere(record.id)) return;
  const closedAt = record.closedAt ? Date.parse(record.closedAt) : Number.NaN;
  const wait = Number.isFinite(closedAt) ? closedAt + SUBMIT_SETTLE_MS - Date.now() : 0;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, SUBMIT_SETTLE_MS)));
}
