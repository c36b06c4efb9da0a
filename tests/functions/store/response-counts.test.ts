import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countResponse, flushResponseCounts } from '../../../functions/services/response-counts';
import type { Store } from '../../../functions/store';
import { testStore } from '../../support/store';

/** Participation counts written behind the submit path, and the exact counts the results job stores. */

let store: Store;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ store, close } = await testStore());
});
afterAll(async () => close?.());

describe('response counts', () => {
  it('adds live counts for many units in one write and merges them with the per-unit counters', async () => {
    await store.campaigns.setInvited('c1', 'A', 4);
    await store.campaigns.addCount('c1', 'A', 'tokensIssued');
    await store.campaigns.addResponseCounts('c1', new Map([['A', 2]]));
    await store.campaigns.addResponseCounts(
      'c1',
      new Map([
        ['A', 1],
        ['B', 3],
      ]),
    );
    const counters = await store.campaigns.listCounters('c1');
    expect(counters.sort((a, b) => a.unitCode.localeCompare(b.unitCode))).toEqual([
      { unitCode: 'A', invited: 4, tokensIssued: 1, responses: 3 },
      { unitCode: 'B', invited: 0, tokensIssued: 0, responses: 3 },
    ]);
  });

  it('shows the final counts once the results job has stored them', async () => {
    await store.campaigns.setFinalResponseCounts('c1', new Map([['A', 4]]));
    const counters = await store.campaigns.listCounters('c1');
    expect(counters.find((c) => c.unitCode === 'A')?.responses).toBe(4);
    // B was only ever counted live, and the final counts have none for it.
    expect(counters.map((c) => c.unitCode)).toEqual(['A']);
  });

  it('counts in memory, writes on flush, and writes more units than one update holds', async () => {
    for (let i = 0; i < 120; i++) countResponse(store, 'c2', `U${i % 60}`);
    await flushResponseCounts(store);
    const counters = await store.campaigns.listCounters('c2');
    expect(counters).toHaveLength(60);
    expect(counters.every((c) => c.responses === 2)).toBe(true);
  });

  it('keeps the counts of a failed write and writes them on the next flush', async () => {
    let failures = 1;
    const written = new Map<string, number>();
    const flaky = {
      campaigns: {
        async addResponseCounts(_campaignId: string, counts: ReadonlyMap<string, number>) {
          if (failures-- > 0) throw new Error('throttled');
          for (const [unit, n] of counts) written.set(unit, (written.get(unit) ?? 0) + n);
        },
      },
    } as unknown as Store;
    countResponse(flaky, 'c3', 'A');
    countResponse(flaky, 'c3', 'A');
    await expect(flushResponseCounts(flaky)).rejects.toThrow('throttled');
    countResponse(flaky, 'c3', 'B');
    await flushResponseCounts(flaky);
    expect(Object.fromEntries(written)).toEqual({ A: 2, B: 1 });
  });
});
