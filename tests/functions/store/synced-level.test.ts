import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
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
/** Keys LevelDB itself was asked to read. */
const reads: unknown[] = [];

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
  const get = proto._get;
  vi.spyOn(proto, '_get').mockImplementation(function (this: unknown, ...args: unknown[]) {
    reads.push(args[0]);
    return get.apply(this, args);
  });
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

  it("reads a table's description from LevelDB once, and again after the table is changed", async () => {
    const TableName = 'koe-sync-described';
    await store.doc.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      }),
    );
    const described = async () =>
      (await store.doc.send(new DescribeTableCommand({ TableName }))).Table?.ProvisionedThroughput
        ?.ReadCapacityUnits;
    await vi.waitFor(async () => {
      const t = await store.doc.send(new DescribeTableCommand({ TableName }));
      expect(t.Table?.TableStatus).toBe('ACTIVE');
    });
    const tableReads = () => reads.filter((k) => k === `table~${TableName}`).length;
    const before = tableReads();
    for (let i = 0; i < 10; i++) {
      await store.doc.send(new PutCommand({ TableName, Item: { pk: `p${i}` } }));
      expect(await described()).toBe(5);
    }
    // Twenty requests, each reading the description: LevelDB read it at most once.
    expect(tableReads() - before).toBeLessThanOrEqual(1);
    await store.doc.send(
      new UpdateTableCommand({
        TableName,
        ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 5 },
      }),
    );
    await vi.waitFor(async () => expect(await described()).toBe(9));
    const read = await store.doc.send(new GetCommand({ TableName, Key: { pk: 'p3' } }));
    expect(read.Item).toEqual({ pk: 'p3' });
  });

  it('never keeps a description read while it was being written', async () => {
    const db = new SyncedLevel(path.join(dir, 'tables'), { valueEncoding: 'json' });
    await db.open();
    try {
      await db.put('table~t', { v: 1 });
      expect(await db.get('table~t')).toEqual({ v: 1 });
      const first = reads.length;
      expect(await db.get('table~t')).toEqual({ v: 1 });
      // Kept: the second read did not reach LevelDB; each read is a fresh object.
      expect(reads.length).toBe(first);
      const a = await db.get('table~t');
      a.v = 99;
      expect(await db.get('table~t')).toEqual({ v: 1 });
      // A read that LevelDB answers before a write of the same description, but that comes back only
      // after the write has ended: what it read is not kept.
      await db.put('table~t', { v: 2 });
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const get = vi.mocked(ClassicLevel.prototype._get);
      const real = get.getMockImplementation()!;
      get.mockImplementationOnce(function (this: unknown, ...args: unknown[]) {
        return (real.apply(this, args) as Promise<unknown>).then(async (v) => {
          await held;
          return v;
        });
      });
      const racing = db.get('table~t');
      await db.put('table~t', { v: 3 });
      release();
      expect(await racing).toEqual({ v: 2 });
      expect(await db.get('table~t')).toEqual({ v: 3 });
      await db.batch([{ type: 'put', key: 'table~t', value: { v: 4 } }]);
      expect(await db.get('table~t')).toEqual({ v: 4 });
      await db.del('table~t');
      expect(await db.get('table~t')).toBeUndefined();
      // Other keys are read from LevelDB every time.
      await db.put('item~x', { v: 5 });
      const now = reads.length;
      await db.get('item~x');
      await db.get('item~x');
      expect(reads.length).toBe(now + 2);
    } finally {
      await db.close();
    }
  });
});
