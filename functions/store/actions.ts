import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Action, PublicAction } from '../../shared/api/actions';
import type { ActualStatus } from '../../shared/plan/progress';
import { queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed } from './errors';

/**
 * Action plans and the plan's progress, in the surveys table (KEYS.md):
 * `ACTION#<fy>`/`<unitCode>#<slot>` the actions of a fiscal year's results, one
 * of three slots per unit (so "at most three" holds under concurrent drafts:
 * each slot is taken by one conditional put); `PUBACTION#<fy>` the public
 * page's projection of the approved ones (no campaign, account or figure), the
 * only action items the public function may read; `PROGRESS`/`<fy>#<initiativeId>`
 * what actually happened to an initiative in a fiscal year.
 */

export interface ActionRecord {
  action: Action;
  /** Who drafted it (an account's e-mail); never on the public projection. */
  createdBy: string;
  version: number;
}

export interface ProgressRecord {
  initiativeId: string;
  fiscalYear: number;
  status: ActualStatus;
  note?: string;
  link?: string;
  updatedAt: string;
  updatedBy: string;
}

const actionKey = (fiscalYear: number, unitCode: string, slot: number) => ({
  pk: `ACTION#${fiscalYear}`,
  sk: `${unitCode}#${slot}`,
});
const publicKey = (fiscalYear: number, unitCode: string, slot: number) => ({
  pk: `PUBACTION#${fiscalYear}`,
  sk: `${unitCode}#${slot}`,
});

export function actionsStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;

  return {
    /** Takes a free slot: false if it is taken already. */
    async createAction(slot: number, record: ActionRecord): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...actionKey(record.action.fiscalYear, record.action.unitCode, slot), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        throw err;
      }
    },

    async getAction(fiscalYear: number, unitCode: string, slot: number): Promise<ActionRecord | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: actionKey(fiscalYear, unitCode, slot), ConsistentRead: true }),
      );
      return out.Item
        ? { action: out.Item.action, createdBy: out.Item.createdBy, version: out.Item.version }
        : undefined;
    },

    /** Replaces an action only if nobody changed it since `expected` was read. */
    async replaceAction(slot: number, record: ActionRecord, expected: number): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...actionKey(record.action.fiscalYear, record.action.unitCode, slot), ...record },
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expected },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) throw new ConflictError('the action changed meanwhile', 'action_changed');
        throw err;
      }
    },

    /** Deletes a draft (never an approved action). */
    async deleteDraft(fiscalYear: number, unitCode: string, slot: number, expected: number): Promise<void> {
      try {
        await doc.send(
          new DeleteCommand({
            TableName,
            Key: actionKey(fiscalYear, unitCode, slot),
            ConditionExpression: 'version = :v AND #a.approval = :d',
            ExpressionAttributeNames: { '#a': 'action' },
            ExpressionAttributeValues: { ':v': expected, ':d': 'draft' },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) throw new ConflictError('the action changed meanwhile', 'action_changed');
        throw err;
      }
    },

    async listActions(fiscalYear: number): Promise<ActionRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ACTION#${fiscalYear}` },
        ConsistentRead: true,
      });
      return items.map((i) => ({
        action: i.action as Action,
        createdBy: String(i.createdBy),
        version: Number(i.version),
      }));
    },

    /** Writes the public projection of an approved action, unless a newer one is there. */
    async putPublicAction(slot: number, entry: PublicAction, version: number): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...publicKey(entry.fiscalYear, entry.unitCode, slot), entry, version },
            ConditionExpression: 'attribute_not_exists(pk) OR version < :v',
            ExpressionAttributeValues: { ':v': version },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    },

    /** The public page's list: the approved actions of a fiscal year (eventually consistent, as the board). */
    async listPublicActions(fiscalYear: number): Promise<PublicAction[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `PUBACTION#${fiscalYear}` },
      });
      return items.map((i) => i.entry as PublicAction);
    },

    async putProgress(record: ProgressRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName,
          Item: { pk: 'PROGRESS', sk: `${record.fiscalYear}#${record.initiativeId}`, progress: record },
        }),
      );
    },

    async listProgress(): Promise<ProgressRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PROGRESS' },
        ConsistentRead: true,
      });
      return items.map((i) => i.progress as ProgressRecord);
    },
  };
}
