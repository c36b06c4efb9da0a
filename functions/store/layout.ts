import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './context';

/**
 * The store's data-layout version (issue 20): one item in the surveys table,
 * `pk META, sk LAYOUT, version` (KEYS.md). A store without it was written by
 * the release before layout versions (version 0), unless it is empty.
 */
export function layoutStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;
  const Key = { pk: 'META', sk: 'LAYOUT' };

  return {
    async getLayoutVersion(): Promise<number | undefined> {
      const out = await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
      const v = out.Item?.version;
      return typeof v === 'number' ? v : undefined;
    },

    async putLayoutVersion(version: number): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { ...Key, version } }));
    },

    /** Whether no table holds any item (a fresh store: it starts at the current layout). */
    async isEmpty(): Promise<boolean> {
      for (const table of Object.values(ctx.config.tables)) {
        const out = await doc.send(new ScanCommand({ TableName: table, Limit: 1 }));
        if ((out.Items?.length ?? 0) > 0 || out.LastEvaluatedKey) return false;
      }
      return true;
    },
  };
}
