import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, prepareTables, type Store } from '../../functions/store';
import { tablesFor } from '../../functions/store/config';
import { STORE_SOCKET, startEmbeddedDynamo } from '../../functions/store/embedded';
import { localDocumentClient } from '../../functions/store/socket-client';

/**
 * A fresh store for a test suite: the embedded engine in memory on a socket
 * in a fresh 0700 directory (as the local runtime runs it), or the endpoint in
 * KOE_TEST_DYNAMODB_ENDPOINT (DynamoDB Local in the conformance run) with
 * table names no other suite uses.
 */
export async function testStore(): Promise<{ store: Store; close(): Promise<void> }> {
  const external = process.env.KOE_TEST_DYNAMODB_ENDPOINT;
  // mkdtemp makes the directory 0700.
  const dir = external ? undefined : await mkdtemp(path.join(tmpdir(), 'koe-store-'));
  const embedded = dir ? await startEmbeddedDynamo({ socketPath: path.join(dir, STORE_SOCKET) }) : undefined;
  const prefix = `t${Math.random().toString(36).slice(2, 10)}`;
  const config = {
    endpoint: external ?? embedded!.endpoint,
    ...(embedded?.socketPath ? { socketPath: embedded.socketPath } : {}),
    region: 'ap-northeast-1',
    tables: tablesFor(prefix),
  };
  const doc = localDocumentClient(config);
  const store = doc ? createStore(config, doc) : createStore(config);
  await prepareTables(store);
  return {
    store,
    async close() {
      store.doc.destroy();
      await embedded?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
