import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackCountSnapshot } from './feedback';
import { batchDelete, queryAll } from './batch';
import type { StoreContext } from './context';
import { isConditionFailed } from './errors';
import { RESPONSE_SHARDS } from './responses';

/**
 * Retention (DESIGN §2, "Retention"): the city's setting and what the
 * retention run needs from the tables. It counts and deletes raw answers
 * (responses table, `R#<campaignId>#<shard>`) and feedback posts
 * (`POSTS#<fiscalYear>`) by key only: no answer or post text is ever read.
 */

/** The city's setting: years after which raw answers and posts go; `null` keeps them forever. */
export interface RetentionSetting {
  years: number | null;
  updatedAt?: string;
  updatedBy?: string;
}

/** What the retention run needs of a campaign (no template, no secret). */
export interface RetentionCampaign {
  id: string;
  fiscalYear: number;
  status: string;
  closesAt?: string;
  closedAt?: string;
}

const shardKey = (campaignId: string, shard: number) => `R#${campaignId}#${shard.toString(16)}`;

export function retentionStore(ctx: StoreContext) {
  const { doc } = ctx;
  const { surveys, responses, feedback } = ctx.config.tables;

  /** Counts the items of one partition without reading them (Select COUNT). */
  const countPartition = async (TableName: string, pk: string): Promise<number> => {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return n;
  };

  /** Deletes every item of one partition, reading keys only; returns how many went. */
  const deletePartition = async (TableName: string, pk: string): Promise<number> => {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      const keys = (out.Items ?? []).map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
      await batchDelete(doc, TableName, keys);
      n += keys.length;
      start = out.LastEvaluatedKey;
    } while (start);
    return n;
  };

  return {
    async getSetting(): Promise<RetentionSetting> {
      const out = await doc.send(
        new GetCommand({
          TableName: surveys,
          Key: { pk: 'SETTINGS', sk: 'RETENTION' },
          ConsistentRead: true,
        }),
      );
      return (out.Item?.setting as RetentionSetting | undefined) ?? { years: null };
    },

    async putSetting(setting: RetentionSetting): Promise<void> {
      await doc.send(
        new PutCommand({ TableName: surveys, Item: { pk: 'SETTINGS', sk: 'RETENTION', setting } }),
      );
    },

    /**
     * Claims a JST day for the daily run: one conditional UpdateItem, so at
     * most one run a day however many tickers or invocations race.
     */
    async claimDay(day: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: surveys,
            Key: { pk: 'RETENTION', sk: 'LAST' },
            UpdateExpression: 'SET #d = :d',
            ConditionExpression: 'attribute_not_exists(#d) OR #d < :d',
            ExpressionAttributeNames: { '#d': 'day' },
            ExpressionAttributeValues: { ':d': day },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        throw err;
      }
    },

    /**
     * Records what a run deleted (`RETENTION`/`CAMPAIGN#<id>` or `FY#<fy>`, counts only), so the
     * admin function, which may not touch the responses table, can tell what is already gone.
     */
    async markRetired(sk: string, count: number, at: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName: surveys,
          Key: { pk: 'RETENTION', sk },
          UpdateExpression: 'SET #n = if_not_exists(#n, :z) + :n, #at = :at',
          ExpressionAttributeNames: { '#n': 'deleted', '#at': 'at' },
          ExpressionAttributeValues: { ':z': 0, ':n': count, ':at': at },
        }),
      );
    },

    /** The sort keys of what runs have deleted (`CAMPAIGN#<id>`, `FY#<fy>`). */
    async listRetired(): Promise<Set<string>> {
      const items = await queryAll(doc, {
        TableName: surveys,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression: 'sk',
        ExpressionAttributeValues: { ':pk': 'RETENTION' },
        ConsistentRead: true,
      });
      return new Set(items.map((i) => i.sk as string).filter((sk) => sk !== 'LAST'));
    },

    /** Every campaign, with only what retention decides on. */
    async listCampaigns(): Promise<RetentionCampaign[]> {
      const items = await queryAll(doc, {
        TableName: surveys,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression:
          'campaign.id, campaign.fiscalYear, campaign.#s, campaign.closesAt, campaign.closedAt',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pk': 'CAMPAIGN' },
        ConsistentRead: true,
      });
      return items.map((i) => i.campaign as RetentionCampaign);
    },

    countResponses: (campaignId: string) =>
      Promise.all(
        Array.from({ length: RESPONSE_SHARDS }, (_, s) => countPartition(responses, shardKey(campaignId, s))),
      ).then((ns) => ns.reduce((a, b) => a + b, 0)),

    deleteResponses: (campaignId: string) =>
      Promise.all(
        Array.from({ length: RESPONSE_SHARDS }, (_, s) =>
          deletePartition(responses, shardKey(campaignId, s)),
        ),
      ).then((ns) => ns.reduce((a, b) => a + b, 0)),

    countPosts: (fiscalYear: number) => countPartition(feedback, `POSTS#${fiscalYear}`),

    /** The year's board entries first (the board never shows a post that is gone), then its posts. */
    deletePosts: async (fiscalYear: number) => {
      await deletePartition(feedback, `BOARD#${fiscalYear}`);
      return deletePartition(feedback, `POSTS#${fiscalYear}`);
    },

    /**
     * Stores a year's feedback count snapshot as final: the counts HR reads
     * stay what they were once the posts they were counted from are gone
     * (services/feedback/indicators.ts returns a final snapshot as stored).
     */
    async freezeSnapshot(snapshot: FeedbackCountSnapshot): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: feedback,
          Item: {
            pk: `FCOUNT#${snapshot.fiscalYear}`,
            sk: 'SNAPSHOT',
            asOf: snapshot.asOf,
            final: true,
            snapshot: { ...snapshot, final: true },
          },
        }),
      );
    },
  };
}

export type RetentionStore = ReturnType<typeof retentionStore>;
