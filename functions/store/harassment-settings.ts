import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HarassmentReferenceId } from '../../shared/benchmarks/harassment-references';
import type { StoreContext } from './context';

/** The city's choice of national harassment reference (surveys table, `SETTINGS`/`HARASSMENT_REFERENCE`). */
export interface HarassmentReferenceRecord {
  reference: HarassmentReferenceId;
  updatedAt: string;
  updatedBy: string;
}

export function harassmentSettingsStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.surveys;
  const Key = { pk: 'SETTINGS', sk: 'HARASSMENT_REFERENCE' };
  return {
    async getReference(): Promise<HarassmentReferenceRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
      return out.Item?.setting as HarassmentReferenceRecord | undefined;
    },
    async putReference(setting: HarassmentReferenceRecord): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { ...Key, setting } }));
    },
  };
}
