import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CampaignResults } from '../../shared/api/results';
import type { ResultsSummary } from '../../shared/results/compute';
import { batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { isConditionFailed, NotFoundError } from './errors';

/**
 * Results, in the surveys table: each closed campaign's results, computed
 * once and never replaced (A3), gzipped in chunks under a head item that
 * also keeps the small summary indicators read. Key shapes: KEYS.md.
 */

const RESULT_CHUNK = 300_000;

export function resultsStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;

  return {
    /**
     * Stores computed results once (A3): the body gzipped in chunks, then a
     * head item naming the chunk count, written last and only if there is no
     * head yet, so readers never see half a result and a result is never
     * replaced. Returns false (and removes its own chunks) when results were
     * already stored: there are no superseded versions.
     */
    async putResults(
      campaignId: string,
      results: CampaignResults,
      summary: ResultsSummary,
    ): Promise<boolean> {
      const body = gzipSync(Buffer.from(JSON.stringify(results)));
      const version = randomBytes(6).toString('hex');
      const chunks: Record<string, unknown>[] = [];
      for (let i = 0; i * RESULT_CHUNK < body.length; i++) {
        chunks.push({
          pk: `RESULT#${campaignId}`,
          sk: `BODY#${version}#${String(i).padStart(4, '0')}`,
          data: body.subarray(i * RESULT_CHUNK, (i + 1) * RESULT_CHUNK),
        });
      }
      await batchPut(doc, TableName, chunks);
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { pk: `RESULT#${campaignId}`, sk: 'HEAD', version, chunks: chunks.length, summary },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        for (const chunk of chunks) {
          await doc.send(new DeleteCommand({ TableName, Key: { pk: chunk.pk, sk: chunk.sk } }));
        }
        return false;
      }
    },

    async getResults(campaignId: string): Promise<CampaignResults | undefined> {
      const head = await doc.send(
        new GetCommand({ TableName, Key: { pk: `RESULT#${campaignId}`, sk: 'HEAD' }, ConsistentRead: true }),
      );
      if (!head.Item) return undefined;
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': `RESULT#${campaignId}`, ':v': `BODY#${head.Item.version}#` },
        ConsistentRead: true,
      });
      if (items.length !== head.Item.chunks)
        throw new NotFoundError(`results of ${campaignId} are incomplete`);
      const body = Buffer.concat(items.map((i) => Buffer.from(i.data as Uint8Array)));
      return JSON.parse(gunzipSync(body).toString('utf8')) as CampaignResults;
    },

    /** The small summary kept beside the results, for indicators. */
    async getResultSummary(campaignId: string): Promise<ResultsSummary | undefined> {
      const head = await doc.send(
        new GetCommand({ TableName, Key: { pk: `RESULT#${campaignId}`, sk: 'HEAD' }, ConsistentRead: true }),
      );
      return head.Item?.summary;
    },

    /**
     * The summaries of several campaigns' results, read side by side (GetItem,
     * as the functions that read them are allowed); absent when not computed.
     */
    async getResultSummaries(campaignIds: readonly string[]): Promise<Map<string, ResultsSummary>> {
      const ids = [...new Set(campaignIds)];
      const heads = await Promise.all(
        ids.map((id) =>
          doc.send(
            new GetCommand({
              TableName,
              Key: { pk: `RESULT#${id}`, sk: 'HEAD' },
              ProjectionExpression: 'summary',
              ConsistentRead: true,
            }),
          ),
        ),
      );
      const found = new Map<string, ResultsSummary>();
      heads.forEach((head, i) => {
        if (head.Item?.summary !== undefined) found.set(ids[i]!, head.Item.summary);
      });
      return found;
    },
  };
}
