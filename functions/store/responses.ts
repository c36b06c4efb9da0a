import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPut, queryEach } from './batch';
import type { StoreContext } from './context';

/**
 * The responses table: answers only. An item is keyed by the hash of the
 * respondent's token inside a write-sharded partition of its campaign, and
 * holds the unit (certified by the key that signed the token), the optional
 * self-reported attributes, the answers and the day. Nothing else: no staff
 * number, name, e-mail, invitation code, address, agent or time of day.
 */

export const RESPONSE_SHARDS = 16;

export interface StoredResponse {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, number | string | string[]>;
  day: string;
}

const partition = (campaignId: string, shard: number) => `R#${campaignId}#${shard.toString(16)}`;

/** Canonical JSON (keys sorted), so equal answers give equal text whatever order they came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
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

    /** Visits every response of a campaign, reading the shards in parallel. */
    async forEach(campaignId: string, visit: (response: StoredResponse) => void): Promise<void> {
      await Promise.all(
        Array.from({ length: RESPONSE_SHARDS }, (_, shard) =>
          queryEach(
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
          ),
        ),
      );
    },
  };
}

export type ResponsesStore = ReturnType<typeof responsesStore>;
