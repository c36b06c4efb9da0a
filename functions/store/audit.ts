import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './batch';
import type { StoreContext } from './context';

/**
 * The audit log (DESIGN §3, A5): who did what to codes, results and accounts.
 * It lives in the directory table under `AUDIT#<yyyy-mm>`; entries are only
 * ever added (a conditional put on a fresh key), never changed or deleted.
 * It records staff-side acts of HR accounts, never anything a respondent does.
 */
export interface AuditEntry {
  /** ISO 8601 time of the act. */
  at: string;
  /** The account that acted (e-mail), or `system` for scheduled work. */
  actor: string;
  /** What was done, e.g. `invitations.delivered`, `results.read`, `user.role_changed`. */
  action: string;
  /** What it was done to: a campaign id, an e-mail, a fiscal year. */
  target: string;
  /** Small facts about the act (counts, the new role); never a code or an answer. */
  detail?: Record<string, string | number | boolean>;
}

const month = (iso: string) => iso.slice(0, 7);

export function auditStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.directory;
  return {
    async append(entry: AuditEntry): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName,
          Item: {
            pk: `AUDIT#${month(entry.at)}`,
            sk: `${entry.at}#${randomBytes(6).toString('hex')}`,
            entry,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** The entries of one month (`yyyy-mm`), oldest first. */
    async listMonth(yyyyMm: string): Promise<AuditEntry[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${yyyyMm}` },
        ConsistentRead: true,
      });
      return items.map((i) => i.entry as AuditEntry);
    },
  };
}
