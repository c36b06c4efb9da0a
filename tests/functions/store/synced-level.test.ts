import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore, prepareTables, type Store } from '../../../functions/store';
import { tablesFor } from '../../../functions/store/config';
import { type EmbeddedDynamo, STORE_SOCKET, startEmbeddedDynamo } from '../../../functions/store/embedded';
import { localDocumentClient } from '../../../functions/store/socket-client';
import { ClassicLevel, isSyncedLevel, setSyncedWrites } from '../../../functions/store/synced-level';

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
});
