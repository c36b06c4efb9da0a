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

/** Writes items 25 at a time, retrying unprocessed ones with backoff. */
export async function batchPut(doc: DynamoDBDocumentClient, table: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new UnavailableError('the database did not accept the batch');
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(20 * 2 ** attempt);
    }
  }
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
