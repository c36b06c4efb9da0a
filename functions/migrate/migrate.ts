import { createHash, randomInt } from 'node:crypto';
import { promises as fs } from 'node:fs';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import type { KeyWrapper } from '../crypto/key-wrap';
import type { StoreConfig } from '../store/config';
import {
  type CampaignStatuses,
  type Item,
  itemDigest,
  itemForTarget,
  keyOf,
  planItem,
  TABLE_ORDER,
  type TableKey,
  withoutDropped,
} from './items';

/**
 * The move from the embedded store to a deployment's tables (`npm run migrate`):
 * every table is scanned a page at a time; each item is planned (items.ts)
 * and its needed keys wrapped again. One batch read per page finds the items
 * the target already holds: they are compared, never overwritten. The others
 * are written in batches of 25, except items with a key wrapped again, which
 * are put one by one on the condition `attribute_not_exists(pk)`, so a key is
 * never wrapped twice into the target. After each page the checkpoint file
 * records where the scan stands: a second run starts there. At the end every
 * table is verified: count and checksum of what should have travelled against
 * what the target holds. The target must not be written by anyone else while
 * it runs (the deployment is not yet in use); the verification would show it.
 *
 * Order: items are written in scan order (by key hash: a response's key is
 * the hash of its token), shuffled within each page and written several at a
 * time. Nothing in the target's write order follows when an answer arrived.
 */

/** A DynamoDB endpoint and its four tables. */
export interface MigrateSide {
  client: DynamoDBClient;
  tables: StoreConfig['tables'];
  keys: KeyWrapper;
}

export interface MigrateOptions {
  source: MigrateSide;
  target: MigrateSide;
  /** Where progress is kept between runs (JSON, mode 0600). */
  checkpointFile: string;
  /** Names the target in the checkpoint, so a checkpoint is never applied to another deployment. */
  targetId: string;
  /** Items per scanned page (default 100). */
  pageSize?: number;
  /** Puts in flight (default 8). */
  concurrency?: number;
  log?: (message: string) => void;
  /** Stops after this many pages in all (tests of resuming). */
  stopAfterPages?: number;
}

export interface TableCopy {
  /** Written by this run. */
  written: number;
  /** Already in the target with the same content (a resumed run). */
  present: number;
  /** Already in the target with other content: kept, and reported by the verification. */
  conflicting: number;
}

export interface TableCheck {
  table: TableKey;
  /** Items that should be in the target. */
  expected: number;
  /** Of them, found with the same digest. */
  matching: number;
  missing: number;
  different: number;
  /** SHA-256 over the sorted item digests on each side: equal when the copy is faithful. */
  sourceChecksum: string;
  targetChecksum: string;
  /** Items in the target that did not come from the source (e.g. an account made there first). */
  otherInTarget: number;
}

export interface MigrateResult {
  complete: boolean;
  copied: Record<TableKey, TableCopy>;
  checks: TableCheck[];
  ok: boolean;
}

const Checkpoint = z.object({
  version: z.literal(1),
  targetId: z.string(),
  tables: z.record(
    z.string(),
    z.object({
      done: z.boolean(),
      /** The scan's LastEvaluatedKey after the last page written (pk and sk only). */
      after: z.object({ pk: z.string(), sk: z.string() }).optional(),
      written: z.number().int(),
      present: z.number().int(),
      conflicting: z.number().int(),
    }),
  ),
});
type Checkpoint = z.infer<typeof Checkpoint>;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

async function readCheckpoint(file: string, targetId: string): Promise<Checkpoint> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, targetId, tables: {} };
    throw error;
  }
  const parsed = Checkpoint.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new MigrationError(
      `チェックポイントファイルを読めません / the checkpoint ${file} is damaged: remove it to start over`,
    );
  }
  if (parsed.data.targetId !== targetId) {
    throw new MigrationError(
      `チェックポイントは別の移行先のものです / the checkpoint ${file} belongs to another target (${parsed.data.targetId}): remove it, or pass its own --checkpoint`,
    );
  }
  return parsed.data;
}

/** Written to a temporary file, synced, then renamed over the old one: never half a checkpoint. */
async function writeCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await fs.open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(checkpoint));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

const isConditionFailed = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** Every campaign's status, read once from the source: a closed campaign's keys stay behind. */
export async function campaignStatuses(side: MigrateSide): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let ExclusiveStartKey: Item | undefined;
  do {
    const out = await side.client.send(
      new QueryCommand({
        TableName: side.tables.surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'CAMPAIGN' } },
        ConsistentRead: true,
        ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const campaign = item.campaign && 'M' in item.campaign ? item.campaign.M : undefined;
      const id = campaign?.id && 'S' in campaign.id ? campaign.id.S : undefined;
      const status = campaign?.status && 'S' in campaign.status ? campaign.status.S : undefined;
      if (id && status) statuses.set(id, status);
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return statuses;
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await run(next);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Copies what is not yet copied; returns whether every table is done. */
export async function copyTables(
  options: MigrateOptions,
  statuses: CampaignStatuses,
): Promise<{ complete: boolean; copied: Record<TableKey, TableCopy> }> {
  const { source, target } = options;
  const log = options.log ?? (() => {});
  const checkpoint = await readCheckpoint(options.checkpointFile, options.targetId);
  let pagesLeft = options.stopAfterPages ?? Number.POSITIVE_INFINITY;
  const copied = {} as Record<TableKey, TableCopy>;
  for (const table of TABLE_ORDER) {
    checkpoint.tables[table] ??= { done: false, written: 0, present: 0, conflicting: 0 };
    const state = checkpoint.tables[table];
    copied[table] = { written: 0, present: 0, conflicting: 0 };
    if (state.done) {
      log(`  ${table}: コピー済み / already copied`);
      continue;
    }
    let after: Item | undefined = state.after
      ? { pk: { S: state.after.pk }, sk: { S: state.after.sk } }
      : undefined;
    do {
      if (pagesLeft-- <= 0) {
        await writeCheckpoint(options.checkpointFile, checkpoint);
        return { complete: false, copied };
      }
      const page: ScanCommandOutput = await source.client.send(
        new ScanCommand({
          TableName: source.tables[table],
          Limit: options.pageSize ?? 100,
          ConsistentRead: true,
          ...(after ? { ExclusiveStartKey: after } : {}),
        }),
      );
      const items = shuffle([...(page.Items ?? [])]);
      // One batch read tells which items are already there (an interrupted run, or the target's own).
      const existing = await batchGet(target, table, items.map(keyOf));
      const fresh: Item[] = [];
      await inParallel(items, options.concurrency ?? 8, async (item) => {
        const plan = planItem(table, item, statuses);
        const { pk, sk } = keyOf(item);
        const there = existing.get(`${pk}\u0000${sk}`);
        if (there) {
          const same =
            (await itemDigest(withoutDropped(item, plan), plan.rewrap, source.keys)) ===
            (await itemDigest(there, plan.rewrap, target.keys).catch(() => ''));
          if (same) {
            state.present++;
            copied[table].present++;
          } else {
            state.conflicting++;
            copied[table].conflicting++;
          }
          return;
        }
        const out = await itemForTarget(item, plan, source.keys, target.keys);
        if (plan.rewrap.length === 0) {
          fresh.push(out);
          return;
        }
        // A key wrapped again is put only where none is: never two wrappings of one key.
        try {
          await target.client.send(
            new PutItemCommand({
              TableName: target.tables[table],
              Item: out,
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          state.written++;
          copied[table].written++;
        } catch (error) {
          if (!isConditionFailed(error)) throw error;
          state.conflicting++;
          copied[table].conflicting++;
        }
      });
      // The rest in batches of 25, as the store writes answers: a request per 25 items, not per item.
      await batchWrite(target, table, fresh);
      state.written += fresh.length;
      copied[table].written += fresh.length;
      after = page.LastEvaluatedKey;
      if (after) {
        const { pk, sk } = keyOf(after);
        state.after = { pk, sk };
      } else {
        delete state.after;
        state.done = true;
      }
      await writeCheckpoint(options.checkpointFile, checkpoint);
    } while (after);
    log(
      `  ${table}: ${state.written} 件書き込み / written, ${state.present} 件既存 / already there` +
        (state.conflicting ? `, ${state.conflicting} 件は移行先の内容を残しました / kept the target's` : ''),
    );
  }
  return { complete: true, copied };
}

async function* scanAll(side: MigrateSide, table: TableKey): AsyncGenerator<Item[]> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const out = await side.client.send(
      new ScanCommand({
        TableName: side.tables[table],
        ConsistentRead: true,
        ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
      }),
    );
    yield out.Items ?? [];
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

async function batchGet(side: MigrateSide, table: TableKey, keys: Array<{ pk: string; sk: string }>) {
  const found = new Map<string, Item>();
  const name = side.tables[table];
  for (let i = 0; i < keys.length; i += 100) {
    let request: Item[] = keys.slice(i, i + 100).map((k) => ({ pk: { S: k.pk }, sk: { S: k.sk } }));
    for (let attempt = 0; request.length > 0; attempt++) {
      if (attempt > 8) throw new MigrationError('the target did not answer a batch read');
      const out = await side.client.send(
        new BatchGetItemCommand({ RequestItems: { [name]: { Keys: request, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[name] ?? []) {
        const { pk, sk } = keyOf(item);
        found.set(`${pk}\u0000${sk}`, item);
      }
      request = (out.UnprocessedKeys?.[name]?.Keys ?? []) as Item[];
      if (request.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return found;
}

async function batchWrite(side: MigrateSide, table: TableKey, items: Item[]): Promise<void> {
  const name = side.tables[table];
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new MigrationError('the target did not accept a batch write');
      const out = await side.client.send(new BatchWriteItemCommand({ RequestItems: { [name]: requests } }));
      requests = (out.UnprocessedItems?.[name] ?? []) as typeof requests;
      if (requests.length > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}

function checksum(digests: string[]): string {
  const hash = createHash('sha256');
  for (const d of digests.sort()) hash.update(`${d}\n`);
  return hash.digest('hex');
}

/** Counts and checksums per table: what should be in the target against what is. */
export async function verifyTables(
  source: MigrateSide,
  target: MigrateSide,
  statuses: CampaignStatuses,
): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of TABLE_ORDER) {
    const sourceDigests: string[] = [];
    const targetDigests: string[] = [];
    let missing = 0;
    let different = 0;
    for await (const page of scanAll(source, table)) {
      const found = await batchGet(target, table, page.map(keyOf));
      for (const item of page) {
        const { pk, sk } = keyOf(item);
        const plan = planItem(table, item, statuses);
        const expected = await itemDigest(withoutDropped(item, plan), plan.rewrap, source.keys);
        sourceDigests.push(`${pk}\u0000${sk}\u0000${expected}`);
        const there = found.get(`${pk}\u0000${sk}`);
        if (!there) {
          missing++;
          continue;
        }
        const actual = await itemDigest(there, plan.rewrap, target.keys).catch(() => 'unreadable');
        targetDigests.push(`${pk}\u0000${sk}\u0000${actual}`);
        if (actual !== expected) different++;
      }
    }
    let inTarget = 0;
    for await (const page of scanAll(target, table)) inTarget += page.length;
    const expected = sourceDigests.length;
    checks.push({
      table,
      expected,
      matching: expected - missing - different,
      missing,
      different,
      sourceChecksum: checksum(sourceDigests),
      targetChecksum: checksum(targetDigests),
      otherInTarget: inTarget - (expected - missing),
    });
  }
  return checks;
}

/** Copies (or resumes copying) and verifies. `ok` only when every table matches in full. */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const statuses = await campaignStatuses(options.source);
  const { complete, copied } = await copyTables(options, statuses);
  if (!complete) return { complete, copied, checks: [], ok: false };
  const checks = await verifyTables(options.source, options.target, statuses);
  const ok = checks.every(
    (c) => c.missing === 0 && c.different === 0 && c.sourceChecksum === c.targetChecksum,
  );
  return { complete, copied, checks, ok };
}
