import { createStore, prepareTables, type Store } from '../../functions/store';
import { tablesFor } from '../../functions/store/config';
import { startEmbeddedDynamo } from '../../functions/store/embedded';

/**
 * A fresh store for a test suite: the embedded engine in memory, or the
 * endpoint in KOE_TEST_DYNAMODB_ENDPOINT (DynamoDB Local in the conformance
 * run) with table names no other suite uses.
 */
export async function testStore(): Promise<{ store: Store; close(): Promise<void> }> {
  const external = process.env.KOE_TEST_DYNAMODB_ENDPOINT;
  const embedded = external ? undefined : await startEmbeddedDynamo();
  const prefix = `t${Math.random().toString(36).slice(2, 10)}`;
  const store = createStore({
    endpoint: external ?? embedded!.endpoint,
    region: 'ap-northeast-1',
    tables: tablesFor(prefix),
  });
  await prepareTables(store);
  return {
    store,
    async close() {
      store.doc.destroy();
      await embedded?.close();
    },
  };
}
