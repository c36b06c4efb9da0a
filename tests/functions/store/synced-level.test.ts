import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore, prepareTables, type Store } from '../../../functions/store';
import { tablesFor } from '../../../functions/store/config';
import { type EmbeddedDynamo, STORE_SOCKET, startEmbeddedDynamo } from '../../../functions/store/embedded';
import { localDocumentClient } from '../../../functions/store/socket-client';
import {
  ClassicLevel,
  isSyncedLevel,
  SyncedLevel,
  setSyncedWrites,
} from '../../../functions/store/synced-level';

/**
 * Issue 20: the embedded store on disk writes with LevelDB's `sync: true`.
 * The real engine on a real LevelDB; the spies watch (and call through) the
 * write hooks of classic-level itself, where the options reach the native
 * binding — every write the store makes arrives there with sync on.
 */

let dir: string;
let embedded: EmbeddedDynamo;
let store: Store;
const calls: Array<{ op: string; synced: boolean; sync: unknown }> = [];

beforeAll(async () => {
  const proto = ClassicLevel.prototype;
  for (const op of ['_put', '_del', '_batch'] as const) {
    const original = proto[op];
    vi.spyOn(proto, op).mockImplementation(function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as { sync?: unknown } | undefined;
      calls.push({ op, synced: isSyncedLevel(this), sync: options?.sync });
      return original.apply(this, args);
    });
  }
  dir = await mkdtemp(path.join(tmpdir(), 'koe-synced-'));
  embedded = await startEmbeddedDynamo({
    path: path.join(dir, 'dynamodb'),
    socketPath: path.join(dir, STORE_SOCKET),
  });
  const config = {
    endpoint: embedded.endpoint,
    socketPath: embedded.socketPath!,
    region: 'ap-northeast-1',
    tables: tablesFor('sync'),
  };
  store = createStore(config, localDocumentClient(config)!);
  await prepareTables(store);
});

afterAll(async () => {
  vi.restoreAllMocks();
  store?.doc.destroy();
  await embedded?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('embedded store on disk', () => {
  it('sends every put, delete and batch to LevelDB with sync: true', async () => {
    const before = calls.length;
    const TableName = store.config.tables.surveys;
    await store.doc.send(new PutCommand({ TableName, Item: { pk: 'SYNC', sk: 'one', v: 1 } }));
    await store.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: [
            { PutRequest: { Item: { pk: 'SYNC', sk: 'two', v: 2 } } },
            { PutRequest: { Item: { pk: 'SYNC', sk: 'three', v: 3 } } },
          ],
        },
      }),
    );
    await store.doc.send(new DeleteCommand({ TableName, Key: { pk: 'SYNC', sk: 'one' } }));
    const seen = calls.slice(before);
    // Table creation wrote too (before); the three requests above wrote at least once each.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeGreaterThan(seen.length);
    for (const c of calls.slice(0, before + seen.length))
      expect(c).toMatchObject({ synced: true, sync: true });
    const read = await store.doc.send(new GetCommand({ TableName, Key: { pk: 'SYNC', sk: 'two' } }));
    expect(read.Item?.v).toBe(2);
  });

  it('writes unsynced only while switched off (the demo seed), and synced again after', async () => {
    const TableName = store.config.tables.surveys;
    setSyncedWrites(false);
    let during: typeof calls;
    try {
      const before = calls.length;
      await store.doc.send(new PutCommand({ TableName, Item: { pk: 'SYNC', sk: 'demo', v: 1 } }));
      during = calls.slice(before);
    } finally {
      setSyncedWrites(true);
    }
    expect(during.length).toBeGreaterThan(0);
    for (const c of during) expect(c.sync).toBe(false);
    const after = calls.length;
    await store.doc.send(new PutCommand({ TableName, Item: { pk: 'SYNC', sk: 'real', v: 2 } }));
    expect(calls.slice(after).length).toBeGreaterThan(0);
    for (const c of calls.slice(after)) expect(c).toMatchObject({ synced: true, sync: true });
  });

  it('commits writes that wait together as one synced batch, each answered only once it is written', async () => {
    const TableName = store.config.tables.surveys;
    const before = calls.length;
    const n = 60;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.doc.send(new PutCommand({ TableName, Item: { pk: 'GROUP', sk: `i${i}`, v: i } })),
      ),
    );
    const seen = calls.slice(before);
    // Every write reached LevelDB synced, in fewer native writes than there were items (group commit).
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(n);
    for (const c of seen) expect(c).toMatchObject({ op: '_batch', synced: true, sync: true });
    for (const i of [0, 17, n - 1]) {
      const read = await store.doc.send(new GetCommand({ TableName, Key: { pk: 'GROUP', sk: `i${i}` } }));
      expect(read.Item?.v).toBe(i);
    }
  });

  it('fails every write of a batch LevelDB refuses, and writes the next ones', async () => {
    // On a LevelDB of its own (dynalite itself does not survive a failed write).
    const db = new SyncedLevel(path.join(dir, 'own'));
    await db.open();
    try {
      const batch = vi.mocked(ClassicLevel.prototype._batch);
      const real = batch.getMockImplementation()!;
      let refused = 0;
      const before = batch.mock.calls.length;
      // The third native write fails, as a full disk would fail it: the first two go to LevelDB at once,
      // alone; the ones made while they are written wait and go together.
      batch.mockImplementation(function (this: unknown, ...args: unknown[]) {
        if (batch.mock.calls.length === 3 + before) {
          refused = (args[0] as unknown[]).length;
          return Promise.reject(new Error('disk full'));
        }
        return real.apply(this, args);
      });
      const writes = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((k) => db.put(k, k)));
      batch.mockImplementation(real);
      expect(writes.map((w) => w.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
      ]);
      expect(refused).toBe(3);
      expect(await db.get('b')).toBe('b');
      expect(await db.get('c')).toBeUndefined();
      await db.put('f', 'f');
      expect(await db.get('f')).toBe('f');
    } finally {
      await db.close();
    }
  });
});
