import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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

async function rawItems(pk: string) {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.config.tables.surveys,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

describe('response counts', () => {
  it('adds live counts unit by unit and merges them with the per-unit counters', async () => {
    await store.campaigns.setInvited('c1', 'A', 4);
    await store.campaigns.addCount('c1', 'A', 'tokensIssued');
    await store.campaigns.addResponseCount('c1', 'A', 2);
    await store.campaigns.addResponseCount('c1', 'A', 1);
    await store.campaigns.addResponseCount('c1', 'B', 3);
    await expect(store.campaigns.addResponseCount('c1', 'B', 0)).rejects.toThrow(RangeError);
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

  it('counts in memory, writes on flush, one small item per unit so no item takes every submit', async () => {
    for (let i = 0; i < 120; i++) countResponse(store, 'c2', `U${i % 60}`);
    await flushResponseCounts(store);
    const counters = await store.campaigns.listCounters('c2');
    expect(counters).toHaveLength(60);
    expect(counters.every((c) => c.responses === 2)).toBe(true);
    const items = await rawItems('RCOUNT#c2');
    expect(items).toHaveLength(60);
    expect(items.every((i) => Object.keys(i).sort().join() === 'n,pk,sk')).toBe(true);
  });

  it('adds in the single live item of campaigns counted by earlier versions', async () => {
    await store.doc.send(
      new PutCommand({
        TableName: store.config.tables.surveys,
        Item: { pk: 'RCOUNT#old', sk: 'LIVE', 'u:A': 5, 'u:B': 1 },
      }),
    );
    await store.campaigns.addResponseCount('old', 'A', 2);
    await store.campaigns.addResponseCount('old', 'C', 1);
    const counters = await store.campaigns.listCounters('old');
    expect(Object.fromEntries(counters.map((c) => [c.unitCode, c.responses]))).toEqual({ A: 7, B: 1, C: 1 });
    // The final counts replace the live ones whole, whichever layout counted them.
    await store.campaigns.setFinalResponseCounts('old', new Map([['A', 6]]));
    const final = await store.campaigns.listCounters('old');
    expect(Object.fromEntries(final.map((c) => [c.unitCode, c.responses]))).toEqual({ A: 6 });
  });

  it('keeps the count of a failed unit write, writes it on the next flush, and never writes a unit twice', async () => {
    let failuresOfA = 1;
    const written = new Map<string, number>();
    const flaky = {
      campaigns: {
        async addResponseCount(_campaignId: string, unit: string, n: number) {
          if (unit === 'A' && failuresOfA-- > 0) throw new Error('throttled');
          written.set(unit, (written.get(unit) ?? 0) + n);
        },
      },
    } as unknown as Store;
    countResponse(flaky, 'c3', 'A');
    countResponse(flaky, 'c3', 'A');
    countResponse(flaky, 'c3', 'D');
    await expect(flushResponseCounts(flaky)).rejects.toThrow('throttled');
    // D was written by the failed flush; only A waits.
    expect(Object.fromEntries(written)).toEqual({ D: 1 });
    countResponse(flaky, 'c3', 'B');
    await flushResponseCounts(flaky);
    expect(Object.fromEntries(written)).toEqual({ A: 2, B: 1, D: 1 });
  });
});
