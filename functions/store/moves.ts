import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchDelete, queryEach } from './batch';
import type { StoreContext } from './context';
import { isConditionFailed } from './errors';

/**
 * Moving boxes (KEYS.md, feedback table): ciphertext a person's one device
 * leaves for another of theirs. The item holds the box, its id (a hash of
 * the transfer code) and the hour it expires: no code, no campaign, no
 * person, nothing the server can open.
 */
export interface MoveBoxRecord {
  id: string;
  box: string;
  /** ISO time, whole hours: an untaken box is deleted after it. */
  expiresAt: string;
}

const PK = 'MOVE';

export function movesStore(ctx: StoreContext) {
  const { doc } = ctx;
  const table = ctx.config.tables.feedback;
  return {
    /** Leaves a box; false when a box of that id is already there (a code is never reused). */
    async put(record: MoveBoxRecord): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: { pk: PK, sk: record.id, box: record.box, expiresAt: record.expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailed(err)) return false;
        throw err;
      }
    },

    /** Takes a box out: one DeleteItem that returns what it deleted, so a box is taken at most once. */
    async take(id: string): Promise<MoveBoxRecord | undefined> {
      const out = await doc.send(
        new DeleteCommand({ TableName: table, Key: { pk: PK, sk: id }, ReturnValues: 'ALL_OLD' }),
      );
      const item = out.Attributes;
      if (!item || typeof item.box !== 'string' || typeof item.expiresAt !== 'string') return undefined;
      return { id, box: item.box, expiresAt: item.expiresAt };
    },

    /** Deletes every box that expired before `now`; returns how many. */
    async sweep(now: Date): Promise<number> {
      const expired: Array<{ pk: string; sk: string }> = [];
      await queryEach(
        doc,
        {
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'expiresAt < :now',
          ExpressionAttributeValues: { ':pk': PK, ':now': now.toISOString() },
          ProjectionExpression: 'pk, sk',
        },
        (items) => {
          for (const i of items) expired.push({ pk: String(i.pk), sk: String(i.sk) });
        },
      );
      await batchDelete(doc, table, expired);
      return expired.length;
    },
  };
}
