import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignStatus } from '../../shared/api/campaign';
import { batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed, NotFoundError } from './errors';

/**
 * The surveys table: templates, campaigns, campaign keys (wrapped), per-unit
 * participation counters, stored results and targets. Key shapes: KEYS.md.
 */

/** A campaign as stored: the public fields plus a snapshot of its template and its wrapped secret. */
export interface CampaignRecord extends Campaign {
  template: unknown;
  /** Wrapped secret from which invitation codes are derived. */
  inviteSecret?: Uint8Array;
  resultsState?: 'pending' | 'ready';
}

export interface UnitKeyRecord {
  campaignId: string;
  unitCode: string;
  keyId: string;
  publicKeySpki: Uint8Array;
  wrappedPrivateKey: Uint8Array;
}

export interface UnitCounters {
  unitCode: string;
  invited: number;
  tokensIssued: number;
  responses: number;
}

export interface TargetRecord {
  constructId: string;
  fiscalYear: number;
  favourable: number;
}

const campaignKey = (id: string) => ({ pk: 'CAMPAIGN', sk: id });
const RESULT_CHUNK = 300_000;

export function surveysStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;

  return {
    async putPlan(plan: { id: string }): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { pk: 'PLAN', sk: 'CURRENT', plan } }));
    },

    async getPlan<T>(): Promise<T | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: 'PLAN', sk: 'CURRENT' }, ConsistentRead: true }),
      );
      return out.Item?.plan as T | undefined;
    },

    async putTemplate(template: { id: string }): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { pk: 'TEMPLATE', sk: template.id, template } }));
    },

    async listTemplates<T>(): Promise<T[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'TEMPLATE' },
        ConsistentRead: true,
      });
      return items.map((i) => i.template as T);
    },

    async getTemplate<T>(id: string): Promise<T | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: 'TEMPLATE', sk: id }, ConsistentRead: true }),
      );
      return out.Item?.template as T | undefined;
    },

    async createCampaign(record: CampaignRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { ...campaignKey(record.id), campaign: record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async getCampaign(id: string): Promise<CampaignRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName, Key: campaignKey(id), ConsistentRead: true }));
      return out.Item?.campaign as CampaignRecord | undefined;
    },

    async listCampaigns(): Promise<CampaignRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CAMPAIGN' },
        ConsistentRead: true,
      });
      return items.map((i) => i.campaign as CampaignRecord);
    },

    /** Replaces a campaign only if it is still in the status the caller read. */
    async updateCampaign(record: CampaignRecord, expected: CampaignStatus): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...campaignKey(record.id), campaign: record },
            ConditionExpression: 'campaign.#s = :expected',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':expected': expected },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) {
          throw new ConflictError(`campaign ${record.id} is no longer ${expected}`, 'wrong_status');
        }
        throw err;
      }
    },

    async putUnitKeys(keys: UnitKeyRecord[]): Promise<void> {
      await batchPut(
        doc,
        TableName,
        keys.map((k) => ({ pk: `KEY#${k.campaignId}`, sk: k.keyId, key: k })),
      );
    },

    async listUnitKeys(campaignId: string): Promise<UnitKeyRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `KEY#${campaignId}` },
        ConsistentRead: true,
      });
      return items.map((i) => i.key as UnitKeyRecord);
    },

    async getUnitKey(campaignId: string, keyId: string): Promise<UnitKeyRecord | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: `KEY#${campaignId}`, sk: keyId }, ConsistentRead: true }),
      );
      return out.Item?.key as UnitKeyRecord | undefined;
    },

    /** Sets how many people of a unit are invited (idempotent). */
    async setInvited(campaignId: string, unitCode: string, invited: number): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `STATS#${campaignId}`, sk: unitCode },
          UpdateExpression: 'SET invited = :n',
          ExpressionAttributeValues: { ':n': invited },
        }),
      );
    },

    async addCount(campaignId: string, unitCode: string, field: 'tokensIssued' | 'responses'): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `STATS#${campaignId}`, sk: unitCode },
          UpdateExpression: 'ADD #f :one',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    },

    async listCounters(campaignId: string): Promise<UnitCounters[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STATS#${campaignId}` },
        ConsistentRead: true,
      });
      return items.map((i) => ({
        unitCode: i.sk as string,
        invited: (i.invited as number | undefined) ?? 0,
        tokensIssued: (i.tokensIssued as number | undefined) ?? 0,
        responses: (i.responses as number | undefined) ?? 0,
      }));
    },

    /**
     * Stores computed results: the body gzipped in chunks, then a head item
     * naming the chunk count, written last so readers never see half a result.
     */
    async putResults(campaignId: string, results: unknown, summary: unknown): Promise<void> {
      const body = gzipSync(Buffer.from(JSON.stringify(results)));
      const version = Date.now().toString(36);
      const chunks: Record<string, unknown>[] = [];
      for (let i = 0; i * RESULT_CHUNK < body.length; i++) {
        chunks.push({
          pk: `RESULT#${campaignId}`,
          sk: `BODY#${version}#${String(i).padStart(4, '0')}`,
          data: body.subarray(i * RESULT_CHUNK, (i + 1) * RESULT_CHUNK),
        });
      }
      await batchPut(doc, TableName, chunks);
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk: `RESULT#${campaignId}`, sk: 'HEAD', version, chunks: chunks.length, summary },
        }),
      );
    },

    async getResults<T>(campaignId: string): Promise<T | undefined> {
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
      return JSON.parse(gunzipSync(body).toString('utf8')) as T;
    },

    /** The small summary kept beside the results, for indicators. */
    async getResultSummary<T>(campaignId: string): Promise<T | undefined> {
      const head = await doc.send(
        new GetCommand({ TableName, Key: { pk: `RESULT#${campaignId}`, sk: 'HEAD' }, ConsistentRead: true }),
      );
      return head.Item?.summary as T | undefined;
    },

    async putTarget(target: TargetRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk: 'TARGET', sk: `${target.fiscalYear}#${target.constructId}`, target },
        }),
      );
    },

    async listTargets(): Promise<TargetRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'TARGET' },
        ConsistentRead: true,
      });
      return items.map((i) => i.target as TargetRecord);
    },
  };
}

export type SurveysStore = ReturnType<typeof surveysStore>;
