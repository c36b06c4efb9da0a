import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config';
import type { StoreContext } from './context';

/**
 * Whole-table reads and writes for backup and restore (functions/backup/), and
 * the record of the last backup (`BACKUP`/`LAST` in surveys, KEYS.md). Items
 * travel in DynamoDB's own typed form (AttributeValue), so a restore writes
 * back exactly what was read: numbers, sets and binaries unchanged.
 */

export type TableRole = keyof StoreConfig['tables'];
export const TABLE_ROLES: readonly TableRole[] = ['directory', 'surveys', 'responses', 'feedback'];
export type RawItem = Record<string, AttributeValue>;

/** What the console shows of the last backup: when, how big, how many items. No secret, no path. */
export interface BackupRecord {
  at: string;
  bytes: number;
  counts: Record<TableRole, number>;
  /** How the archive is encrypted: a passphrase or a recipient's public key. */
  sealedWith: 'passphrase' | 'x25519' | 'rsa';
}

const BACKUP_KEY = { pk: 'BACKUP', sk: 'LAST' };

// The document client wraps a plain client; typed scans and batch writes need the plain commands.
const plain = (ctx: StoreContext) => ctx.doc as unknown as DynamoDBClient;

/** Every item of one table, read with strongly consistent scans page by page. */
export async function scanTable(ctx: StoreContext, role: TableRole): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const out = await plain(ctx).send(
      new ScanCommand({
        TableName: ctx.config.tables[role],
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((out.Items ?? []) as RawItem[]));
    start = out.LastEvaluatedKey as RawItem | undefined;
  } while (start);
  return items;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes typed items into one table, 25 at a time, retrying unprocessed ones. */
export async function putRawItems(ctx: StoreContext, role: TableRole, items: RawItem[]): Promise<void> {
  const table = ctx.config.tables[role];
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`the store did not accept a batch for ${table}`);
      const out = await plain(ctx).send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(20 * 2 ** attempt);
    }
  }
}

export function backupsStore(ctx: StoreContext) {
  const TableName = ctx.config.tables.surveys;
  return {
    async getLast(): Promise<BackupRecord | null> {
      const out = await ctx.doc.send(new GetCommand({ TableName, Key: BACKUP_KEY, ConsistentRead: true }));
      return (out.Item?.record as BackupRecord | undefined) ?? null;
    },
    async putLast(record: BackupRecord): Promise<void> {
      await ctx.doc.send(new PutCommand({ TableName, Item: { ...BACKUP_KEY, record } }));
    },
  };
}
