import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from './errors';

type Item = Record<string, unknown>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Batches of one batchPut in flight at once. Sequential, a 100,000-line roster was 4,000 round trips
 * one after another (~40 s on DynamoDB, over the admin function's 29 s; issue 18's scale bench); four
 * at a time stays far below a table's on-demand limits. Callers write a set of new items and only then
 * flip a pointer to them, so the order among batches never matters.
 */
const BATCH_PUT_CONCURRENCY = 4;

/** Writes items 25 at a time, a few batches at once, retrying unprocessed ones with backoff. */
export async function batchPut(doc: DynamoDBDocumentClient, table: string, items: Item[]): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure no new batch starts; the caller sees the first error.
    for (let i = next; i < items.length && !failed; i = next) {
      next += 25;
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      try {
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 8) throw new UnavailableError('the database did not accept the batch');
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
          requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
          if (requests.length > 0) await sleep(20 * 2 ** attempt);
        }
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Math.min(BATCH_PUT_CONCURRENCY, Math.ceil(items.length / 25));
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Deletes items by key 25 at a time, retrying unprocessed ones with backoff. */
export async function batchDelete(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Array<{ pk: string; sk: string }>,
): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new UnavailableError('the database did not accept the batch');
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(20 * 2 ** attempt);
    }
  }
}

/** Reads items by key 100 at a time, retrying unprocessed keys. */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Array<{ pk: string; sk: string }>,
): Promise<Item[]> {
  const found: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Array<Record<string, unknown>> = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new UnavailableError('the database did not answer the batch');
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
      found.push(...((out.Responses?.[table] ?? []) as Item[]));
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Array<Record<string, unknown>>;
      if (pending.length > 0) await sleep(20 * 2 ** attempt);
    }
  }
  return found;
}

/** Every page of a query. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Visits every page of a query without holding them all. */
export async function queryEach(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  visit: (items: Item[]) => void,
): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    visit((out.Items ?? []) as Item[]);
    start = out.LastEvaluatedKey;
  } while (start);
}
