import { createHash } from 'node:crypto';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut, queryEach } from './batch';
import type { StoreContext } from './context';
import { UnavailableError } from './errors';

/**
 * The responses table: answers only. An item is keyed by the hash of the
 * respondent's token inside a write-sharded partition of its campaign, and
 * holds the unit (certified by the key that signed the token), the optional
 * self-reported attributes, the answers and the day. Nothing else: no staff
 * number, name, e-mail, invitation code, address, agent or time of day.
 */

export const RESPONSE_SHARDS = 16;

/**
 * How many shards `forEach` reads at once. On DynamoDB each page is a network round trip, so all
 * 16 are read side by side. The embedded engine answers on this very thread: a few in flight keep
 * it busy, and more only hold more pages (and the objects parsed from them) in memory at once —
 * at 100,000 answers that was the process's memory peak (docs/BENCHMARKS.md, Scale).
 */
export const SHARDS_READ_AT_ONCE = { dynamodb: RESPONSE_SHARDS, embedded: 4 } as const;

export interface StoredResponse {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, number | string | string[]>;
  day: string;
}

const partition = (campaignId: string, shard: number) => `R#${campaignId}#${shard.toString(16)}`;

/**
 * Canonical JSON (keys sorted), so equal answers give equal text whatever order they came in. Built
 * with plain loops and concatenation (it runs for every stored answer); the text is the same as
 * `{keys sorted, JSON.stringify of each key and leaf}` joined with commas.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      out += `${i ? ',' : ''}${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

/**
 * A digest of what a response says (unit, attributes, answers): the submit
 * path reads only this (IAM allows the public function no other attribute of
 * this table), to tell a resubmission of stored answers from a change.
 */
export function answersDigest(response: Pick<StoredResponse, 'unitCode' | 'attributes' | 'answers'>): string {
  return createHash('sha256')
    .update(canonical({ u: response.unitCode, a: response.attributes, q: response.answers }))
    .digest('base64url');
}

/** How {@link responsesStore}'s `storedDigests` names a token in its answer. */
export const digestKey = (partitionKey: string, tokenHash: string) => `${partitionKey} ${tokenHash}`;
export const responsePartition = partition;

const itemOf = (campaignId: string, shard: number, tokenHash: string, response: StoredResponse) => ({
  pk: partition(campaignId, shard),
  sk: tokenHash,
  u: response.unitCode,
  a: response.attributes,
  q: response.answers,
  d: response.day,
  h: answersDigest(response),
});

export function responsesStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.responses;

  return {
    /**
     * Stores or replaces the answers under a token hash; says whether it
     * replaced. `signal` abandons the write (and its retries) when aborted.
     */
    async put(
      campaignId: string,
      shard: number,
      tokenHash: string,
      response: StoredResponse,
      signal?: AbortSignal,
    ): Promise<boolean> {
      const out = await doc.send(
        new PutCommand({
          TableName,
          Item: itemOf(campaignId, shard, tokenHash, response),
          ReturnValues: 'ALL_OLD',
        }),
        signal ? { abortSignal: signal } : {},
      );
      return out.Attributes !== undefined;
    },

    /**
     * Stores many new responses with BatchWriteItem (imports, benchmarks);
     * unlike `put` it cannot tell a replacement from a new response.
     */
    async putBatch(
      campaignId: string,
      entries: ReadonlyArray<{ shard: number; tokenHash: string; response: StoredResponse }>,
    ): Promise<void> {
      await batchPut(
        doc,
        TableName,
        entries.map(({ shard, tokenHash, response }) => itemOf(campaignId, shard, tokenHash, response)),
      );
    },

    /**
     * The digest of a token's stored answers ({@link answersDigest}), if any:
     * only that attribute is read, never the answers (the public function's
     * IAM policy allows no other).
     */
    async storedDigest(
      campaignId: string,
      shard: number,
      tokenHash: string,
      signal?: AbortSignal,
    ): Promise<string | undefined> {
      const out = await doc.send(
        new GetCommand({
          TableName,
          Key: { pk: partition(campaignId, shard), sk: tokenHash },
          ProjectionExpression: 'h',
          ConsistentRead: true,
        }),
        signal ? { abortSignal: signal } : {},
      );
      if (!out.Item) return undefined;
      return (out.Item.h as string | undefined) ?? '';
    },

    /**
     * {@link storedDigest} of up to 100 tokens in one BatchGetItem (the submit
     * path gathers the checks of concurrent submissions: digest-lookups.ts):
     * the digest and the key only, never an answer. A token with nothing
     * stored is absent from the map.
     */
    async storedDigests(
      keys: ReadonlyArray<{ campaignId: string; shard: number; tokenHash: string }>,
    ): Promise<Map<string, string>> {
      if (keys.length > 100) throw new RangeError('at most 100 keys per BatchGetItem');
      const found = new Map<string, string>();
      // BatchGetItem refuses a key asked twice (two submissions of one token at once).
      const unique = new Map<string, { pk: string; sk: string }>();
      for (const k of keys) {
        const pk = partition(k.campaignId, k.shard);
        unique.set(digestKey(pk, k.tokenHash), { pk, sk: k.tokenHash });
      }
      let pending: Array<Record<string, unknown>> = [...unique.values()];
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new UnavailableError('the database did not answer the batch');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** (attempt - 1)));
        const out = await doc.send(
          new BatchGetCommand({
            RequestItems: {
              [TableName]: { Keys: pending, ProjectionExpression: 'pk, sk, h', ConsistentRead: true },
            },
          }),
        );
        for (const item of out.Responses?.[TableName] ?? []) {
          found.set(digestKey(item.pk as string, item.sk as string), (item.h as string | undefined) ?? '');
        }
        pending = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Array<Record<string, unknown>>;
      }
      return found;
    },

    /**
     * Writes a batch of answers (of any campaigns) with BatchWriteItem, in the
     * order given: the answer buffer (services/answer-buffer.ts) shuffles it first.
     */
    async putMany(
      entries: ReadonlyArray<{
        campaignId: string;
        shard: number;
        tokenHash: string;
        response: StoredResponse;
      }>,
    ): Promise<void> {
      await batchPut(
        doc,
        TableName,
        entries.map((e) => itemOf(e.campaignId, e.shard, e.tokenHash, e.response)),
      );
    },

    /** Visits every response of a campaign, reading the shards side by side (SHARDS_READ_AT_ONCE). */
    async forEach(campaignId: string, visit: (response: StoredResponse) => void): Promise<void> {
      // Shards are read a few at a time, each page handed to `visit` as it comes (see SHARDS_READ_AT_ONCE).
      let next = 0;
      // Once a shard's read fails no reader starts another: the caller has its error and no more visits.
      let failed = false;
      const readers = ctx.config.socketPath ? SHARDS_READ_AT_ONCE.embedded : SHARDS_READ_AT_ONCE.dynamodb;
      await Promise.all(
        Array.from({ length: Math.min(readers, RESPONSE_SHARDS) }, async () => {
          for (let shard = next++; !failed && shard < RESPONSE_SHARDS; shard = next++) {
            try {
              await readShard(shard);
            } catch (err) {
              failed = true;
              throw err;
            }
          }
        }),
      );
      function readShard(shard: number) {
        return queryEach(
          doc,
          {
            TableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': partition(campaignId, shard) },
            ConsistentRead: true,
          },
          (items) => {
            for (const i of items) {
              visit({
                unitCode: i.u as string,
                attributes: (i.a as Record<string, string>) ?? {},
                answers: i.q as StoredResponse['answers'],
                day: i.d as string,
              });
            }
          },
        );
      }
    },
  };
}

export type ResponsesStore = ReturnType<typeof responsesStore>;
