import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedDigest } from '../../../functions/services/digest-lookups';
import type { Store } from '../../../functions/store';
import { answersDigest, type StoredResponse } from '../../../functions/store/responses';
import { testStore } from '../../support/store';

/**
 * The submit path's "is it stored?" check (functions/services/digest-lookups.ts):
 * checks asked at the same moment share one BatchGetItem; each still gets its
 * own token's digest, on the real embedded store.
 */

let store: Store;
let close: () => Promise<void>;

const response = (q: number): StoredResponse => ({
  unitCode: 'A',
  attributes: { jobLevel: 'staff' },
  answers: { 'q.1': q, 'q.2': ['x', 'y'] },
  day: '2026-12-04',
});

beforeAll(async () => {
  ({ store, close } = await testStore());
  await store.responses.putBatch('c1', [
    { shard: 3, tokenHash: 'stored-1', response: response(1) },
    { shard: 5, tokenHash: 'stored-2', response: response(2) },
  ]);
});
afterAll(async () => close?.());

describe('stored digests, read together', () => {
  it('answers each of many concurrent checks with its own token: stored, not stored, asked twice', async () => {
    let batches = 0;
    let singles = 0;
    const many = store.responses.storedDigests;
    const one = store.responses.storedDigest;
    store.responses.storedDigests = async (keys) => {
      batches++;
      return many(keys);
    };
    store.responses.storedDigest = async (...args) => {
      singles++;
      return one(...args);
    };
    try {
      const asks: Array<[string, number, string]> = [
        ['c1', 3, 'stored-1'],
        ['c1', 5, 'stored-2'],
        ['c1', 3, 'absent'],
        ['c2', 3, 'stored-1'], // another campaign: nothing stored there
        ['c1', 3, 'stored-1'], // the same token twice at once
      ];
      const got = await Promise.all(asks.map(([c, s, t]) => storedDigest(store, c, s, t)));
      expect(got).toEqual([
        answersDigest(response(1)),
        answersDigest(response(2)),
        undefined,
        undefined,
        answersDigest(response(1)),
      ]);
      expect(batches).toBe(1);
      expect(singles).toBe(0);
      // A check alone is the plain GetItem.
      expect(await storedDigest(store, 'c1', 5, 'stored-2')).toBe(answersDigest(response(2)));
      expect(singles).toBe(1);
      expect(batches).toBe(1);
    } finally {
      store.responses.storedDigests = many;
      store.responses.storedDigest = one;
    }
  });

  it('checks asked while a read is out wait for it and then share the next read', async () => {
    let batches = 0;
    const singles: string[] = [];
    const many = store.responses.storedDigests;
    const one = store.responses.storedDigest;
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    store.responses.storedDigests = async (keys) => {
      batches++;
      return many(keys);
    };
    store.responses.storedDigest = async (c, s, t) => {
      singles.push(t);
      await gate;
      return one(c, s, t);
    };
    const turn = () => new Promise((r) => setImmediate(r));
    try {
      const first = storedDigest(store, 'c1', 3, 'stored-1');
      await turn();
      expect(singles).toEqual(['stored-1']);
      // Three more, each in a later turn of the event loop, while the first read is out.
      const later: Promise<string | undefined>[] = [];
      for (const t of ['stored-2', 'absent', 'other']) {
        later.push(storedDigest(store, 'c1', t === 'stored-2' ? 5 : 3, t));
        await turn();
      }
      expect(batches).toBe(0);
      open();
      expect(await first).toBe(answersDigest(response(1)));
      expect(await Promise.all(later)).toEqual([answersDigest(response(2)), undefined, undefined]);
      expect(batches).toBe(1);
      expect(singles).toEqual(['stored-1']);
    } finally {
      store.responses.storedDigests = many;
      store.responses.storedDigest = one;
    }
  });

  it('more than 100 checks at once are split into reads of at most 100 keys', async () => {
    const sizes: number[] = [];
    const many = store.responses.storedDigests;
    store.responses.storedDigests = async (keys) => {
      sizes.push(keys.length);
      return many(keys);
    };
    try {
      const got = await Promise.all(
        Array.from({ length: 230 }, (_, i) =>
          storedDigest(store, 'c1', i % 16, i === 7 ? 'stored-1' : `t${i}`),
        ),
      );
      expect(sizes).toEqual([100, 100, 30]);
      expect(got.filter((d) => d !== undefined)).toEqual([]);
      expect(got).toHaveLength(230);
    } finally {
      store.responses.storedDigests = many;
    }
  });

  it('a failed read fails every check that shared it; an aborted check stops waiting', async () => {
    const many = store.responses.storedDigests;
    store.responses.storedDigests = async () => {
      throw new Error('store down');
    };
    try {
      const results = await Promise.allSettled([
        storedDigest(store, 'c1', 3, 'stored-1'),
        storedDigest(store, 'c1', 5, 'stored-2'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      store.responses.storedDigests = many;
    }
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(storedDigest(store, 'c1', 3, 'stored-1', controller.signal)).rejects.toThrow('too late');
  });
});
