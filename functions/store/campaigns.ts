import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignKind, CampaignStatus } from '../../shared/api/campaign';
import type { CustomQuestion } from '../../shared/api/custom-questions';
import type { Unit } from '../../shared/api/organisation';
import type { AttributeCounts } from '../../shared/disclosure/coarsen';
import type { Template } from '../../shared/instruments/schema';
import { batchDelete, batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed, NotFoundError } from './errors';

/**
 * Campaigns, in the surveys table: the campaign records, their frozen
 * snapshots (A3), signing keys (wrapped) and per-unit participation counters.
 * The same table holds the plan (`plan.ts`) and results (`results.ts`); each
 * store part is named for what it holds. Key shapes: KEYS.md.
 */

/** A campaign as stored: the public fields plus a snapshot of its template and its wrapped secret. */
export interface CampaignRecord extends Omit<Campaign, 'kind'> {
  /** Absent in records made before kinds existed: annual. */
  kind?: CampaignKind;
  /** The template as it was when the campaign was made or last edited as a draft, with its custom questions. */
  template: Template;
  /** HR's custom questions (shared/instruments/custom.ts), already in `template`; frozen at open. */
  customQuestions?: CustomQuestion[];
  /** Wrapped secret from which invitation codes are derived. */
  inviteSecret?: Uint8Array;
  resultsState?: 'pending' | 'ready';
  /** The snapshot taken at open (A3); set by the same write that makes the campaign open. */
  frozen?: FrozenRef;
  /** The HR plan's name when the campaign was made, for the staff pages (which may not read the plan). */
  planName?: { ja: string; en: string };
}

/** Where a campaign's frozen snapshot lives: its id and how many chunks each part has. */
export interface FrozenRef {
  id: string;
  organisation: number;
  population: number;
}

/** One key group as frozen at open: one signing key serves all its units' people. */
export interface FrozenGroup {
  /** The group's top unit: stored answers carry it as their unit. */
  id: string;
  /** The units the group's key serves, the top unit first. */
  units: string[];
  invited: number;
  keyId: string;
  /** People per roster attribute combination (shared/disclosure/coarsen.ts), for A1 at submit. */
  counts: AttributeCounts;
}

/** What a campaign froze at open, besides who is invited: the tree, the groups, k. */
export interface FrozenOrganisation {
  k: number;
  kSensitive: number;
  units: Unit[];
  groups: FrozenGroup[];
}

/** Who is invited, frozen at open: staff number → unit code. */
export type FrozenPopulation = Array<[staffNo: string, unitCode: string]>;

/** The two parts of a frozen snapshot, by the name their chunks are stored under. */
interface FrozenParts {
  ORG: FrozenOrganisation;
  POP: FrozenPopulation;
}

/** The part of a campaign record that lists and indicators need. */
export type CampaignHead = Pick<CampaignRecord, 'id' | 'fiscalYear' | 'status' | 'closedAt' | 'kind'>;

/**
 * A campaign signing key. Since key groups (A3) there is one per key group,
 * not per unit: `unitCode` is the group id (its top unit's code).
 */
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

const campaignKey = (id: string) => ({ pk: 'CAMPAIGN', sk: id });
/**
 * Response counts per unit live under `RCOUNT#<campaignId>`: the live counts
 * one item per unit (`LIVE#<unit>`, attribute `n`), summed when read; the
 * exact counts of a closed campaign in one `FINAL` item, an attribute per
 * unit. Campaigns counted by earlier versions also have a single `LIVE` item
 * with an attribute per unit; it is added in.
 */
const RESPONSE_COUNT_PREFIX = 'u:';
const LIVE_PREFIX = 'LIVE#';
/** Gzipped bytes per item of a frozen snapshot: well under DynamoDB's 400 KB item limit. */
const FROZEN_CHUNK = 300_000;

const chunkSk = (snapshot: string, part: 'ORG' | 'POP', i: number) =>
  `${snapshot}#${part}#${String(i).padStart(4, '0')}`;

/** The partition of a draft's keys made ahead, and the sort key of its mark (a unit code never holds '#'). */
const keysAheadPk = (campaignId: string) => `KEY#${campaignId}#AHEAD`;
const KEYS_AHEAD_MARK = '#COMPLETE';

export function campaignsStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;

  /** A frozen part, read whole: the part's name says what it holds. */
  async function readFrozen<P extends keyof FrozenParts>(
    campaignId: string,
    ref: FrozenRef,
    part: P,
  ): Promise<FrozenParts[P]> {
    const n = part === 'ORG' ? ref.organisation : ref.population;
    const items = await queryAll(doc, {
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `FROZEN#${campaignId}`, ':p': `${ref.id}#${part}#` },
      ConsistentRead: true,
    });
    if (items.length !== n) throw new NotFoundError(`the frozen snapshot of ${campaignId} is incomplete`);
    const body = Buffer.concat(items.map((i) => Buffer.from(i.data as Uint8Array)));
    return JSON.parse(gunzipSync(body).toString('utf8'));
  }

  return {
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

    /**
     * Every campaign's id, fiscal year, status and close time, without its
     * template snapshot or secret: what indicators need, at a fraction of
     * the read.
     */
    async listCampaignHeads(): Promise<CampaignHead[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression:
          'campaign.id, campaign.fiscalYear, campaign.#s, campaign.closedAt, campaign.kind',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pk': 'CAMPAIGN' },
        ConsistentRead: true,
      });
      return items.map((i) => i.campaign as CampaignHead);
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

    /**
     * Writes a campaign's frozen snapshot under a fresh id (gzipped JSON in
     * chunks, `FROZEN#<campaignId>` / `<snapshotId>#ORG#<n>` and `#POP#<n>`).
     * Nothing reads it until the campaign record names it, so a snapshot of an
     * open that lost a race is never used.
     */
    async putFrozen(
      campaignId: string,
      organisation: FrozenOrganisation,
      population: FrozenPopulation,
    ): Promise<FrozenRef> {
      const id = randomBytes(8).toString('hex');
      const items: Record<string, unknown>[] = [];
      const parts = [
        ['ORG', organisation],
        ['POP', population],
      ] as const;
      const counts: number[] = [];
      for (const [part, value] of parts) {
        const body = gzipSync(Buffer.from(JSON.stringify(value)));
        let n = 0;
        for (; n * FROZEN_CHUNK < body.length; n++) {
          items.push({
            pk: `FROZEN#${campaignId}`,
            sk: chunkSk(id, part, n),
            data: body.subarray(n * FROZEN_CHUNK, (n + 1) * FROZEN_CHUNK),
          });
        }
        counts.push(n);
      }
      await batchPut(doc, TableName, items);
      return { id, organisation: counts[0]!, population: counts[1]! };
    },

    async getFrozenOrganisation(campaignId: string, ref: FrozenRef): Promise<FrozenOrganisation> {
      return readFrozen(campaignId, ref, 'ORG');
    },

    async getFrozenPopulation(campaignId: string, ref: FrozenRef): Promise<FrozenPopulation> {
      return readFrozen(campaignId, ref, 'POP');
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

    /**
     * Group keys made ahead of open for a draft (services/campaigns.ts `prepareCampaignKeys`), one per
     * group id, wrapped with the very context the open key gets (`campaignId/groupId`). They sit beside
     * the open keys' partition (`KEY#<campaignId>#AHEAD`), so the roles that make keys need nothing new;
     * open takes those of its groups and deletes the partition.
     */
    async putKeysAhead(keys: UnitKeyRecord[]): Promise<void> {
      await batchPut(
        doc,
        TableName,
        keys.map((k) => ({ pk: keysAheadPk(k.campaignId), sk: k.unitCode, key: k })),
      );
    },

    async listKeysAhead(campaignId: string): Promise<UnitKeyRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keysAheadPk(campaignId) },
        ConsistentRead: true,
      });
      return items.flatMap((i) => (i.key ? [i.key as UnitKeyRecord] : []));
    },

    /** What the last run that made every key ahead saw (a fingerprint of roster, units and k), if any. */
    async getKeysAheadMark(campaignId: string): Promise<{ mark: string; groups: number } | undefined> {
      // A query, not GetItem: the scheduler may query and batch-write `KEY#*`, no more (infra/permissions.ts).
      const [item] = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': keysAheadPk(campaignId), ':sk': KEYS_AHEAD_MARK },
        ConsistentRead: true,
      });
      return item ? { mark: item.mark as string, groups: item.groups as number } : undefined;
    },

    /** Written by BatchWriteItem, as the keys are: the roles that make keys need nothing new. */
    async putKeysAheadMark(campaignId: string, done: { mark: string; groups: number }): Promise<void> {
      await batchPut(doc, TableName, [{ pk: keysAheadPk(campaignId), sk: KEYS_AHEAD_MARK, ...done }]);
    },

    /** Deletes the keys made ahead and the mark: the whole partition. */
    async deleteKeysAhead(campaignId: string, groupIds?: string[]): Promise<void> {
      const pk = keysAheadPk(campaignId);
      const sks =
        groupIds ??
        (
          await queryAll(doc, {
            TableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'sk',
            ConsistentRead: true,
          })
        ).map((i) => i.sk as string);
      await batchDelete(
        doc,
        TableName,
        sks.map((sk) => ({ pk, sk })),
      );
    },

    async getUnitKey(campaignId: string, keyId: string): Promise<UnitKeyRecord | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: { pk: `KEY#${campaignId}`, sk: keyId }, ConsistentRead: true }),
      );
      return out.Item?.key as UnitKeyRecord | undefined;
    },

    /**
     * Claims a campaign's reminder run for a Japan-time day (`YYYY-MM-DD`):
     * one conditional UpdateItem on `REMIND#<campaignId>`/`LAST`, which holds
     * the last day and how many runs there were, never whom they reached. Of
     * any number of simultaneous runs on a day, exactly one gets `true`.
     */
    async claimReminderDay(campaignId: string, day: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: `REMIND#${campaignId}`, sk: 'LAST' },
            UpdateExpression: 'SET #d = :day ADD runs :one',
            ConditionExpression: 'attribute_not_exists(#d) OR #d < :day',
            ExpressionAttributeNames: { '#d': 'day' },
            ExpressionAttributeValues: { ':day': day, ':one': 1 },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        throw err;
      }
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

    /**
     * Records a closed campaign's per-unit invited and issued counts, from its
     * ledger, once: a retry after the ledger was (partly) deleted keeps them.
     */
    async setFinalIssuance(campaignId: string, unitCode: string, invited: number, tokensIssued: number) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: { pk: `STATS#${campaignId}`, sk: unitCode },
            UpdateExpression: 'SET invited = :i, tokensIssued = :t, ledgerReduced = :y',
            ConditionExpression: 'attribute_not_exists(ledgerReduced)',
            ExpressionAttributeValues: { ':i': invited, ':t': tokensIssued, ':y': true },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    },

    /** Adds `n` (1 unless said: the demo seed's issueTokens adds a batch's per unit) to a unit's count. */
    async addCount(
      campaignId: string,
      unitCode: string,
      field: 'tokensIssued' | 'responses',
      n = 1,
    ): Promise<void> {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError('a count to add is a positive integer');
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `STATS#${campaignId}`, sk: unitCode },
          UpdateExpression: 'ADD #f :n',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    },

    /**
     * Adds `n` new responses of one unit to the live counts: an ADD on the
     * unit's own small item (`RCOUNT#<campaignId>` / `LIVE#<unit>`), about
     * one write unit, so no single item takes every submit of a campaign.
     */
    async addResponseCount(campaignId: string, unitCode: string, n: number): Promise<void> {
      if (!Number.isInteger(n) || n <= 0) throw new RangeError('a count to add is a positive integer');
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: { pk: `RCOUNT#${campaignId}`, sk: `${LIVE_PREFIX}${unitCode}` },
          UpdateExpression: 'ADD #n :n',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    },

    /**
     * The exact responses per unit of a closed campaign, counted by the
     * results job from the responses themselves; from then on participation
     * shows these instead of the live counts.
     */
    async setFinalResponseCounts(campaignId: string, counts: ReadonlyMap<string, number>): Promise<void> {
      const item: Record<string, unknown> = { pk: `RCOUNT#${campaignId}`, sk: 'FINAL' };
      for (const [unit, n] of counts) item[`${RESPONSE_COUNT_PREFIX}${unit}`] = n;
      await doc.send(new PutCommand({ TableName, Item: item }));
    },

    /**
     * Invited, tokens issued and responses per unit. Responses are the final
     * counts once the results job has stored them, otherwise the live counts
     * (plus any counted per unit by earlier versions).
     */
    async listCounters(campaignId: string): Promise<UnitCounters[]> {
      const [items, responseCounts] = await Promise.all([
        queryAll(doc, {
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `STATS#${campaignId}` },
          ConsistentRead: true,
        }),
        queryAll(doc, {
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `RCOUNT#${campaignId}` },
          ConsistentRead: true,
        }),
      ]);
      const final = responseCounts.find((i) => i.sk === 'FINAL');
      const counters = new Map<string, UnitCounters>(
        items.map((i) => [
          i.sk as string,
          {
            unitCode: i.sk as string,
            invited: (i.invited as number | undefined) ?? 0,
            tokensIssued: (i.tokensIssued as number | undefined) ?? 0,
            responses: final ? 0 : ((i.responses as number | undefined) ?? 0),
          },
        ]),
      );
      const add = (unitCode: string, value: unknown) => {
        if (typeof value !== 'number') return;
        const counter = counters.get(unitCode) ?? { unitCode, invited: 0, tokensIssued: 0, responses: 0 };
        counter.responses += value;
        counters.set(unitCode, counter);
      };
      const byAttribute = (item: Record<string, unknown>) => {
        for (const [name, value] of Object.entries(item)) {
          if (name.startsWith(RESPONSE_COUNT_PREFIX)) add(name.slice(RESPONSE_COUNT_PREFIX.length), value);
        }
      };
      if (final) {
        byAttribute(final);
      } else {
        for (const item of responseCounts) {
          const sk = item.sk as string;
          if (sk.startsWith(LIVE_PREFIX)) add(sk.slice(LIVE_PREFIX.length), item.n);
          else if (sk === 'LIVE') byAttribute(item);
        }
      }
      return [...counters.values()];
    },
  };
}
