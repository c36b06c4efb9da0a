import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { StoreConfig } from './config';

/**
 * The four tables (see KEYS.md). Every table has a string partition key `pk`
 * and sort key `sk`; the directory has one GSI for the invitation ledger by campaign.
 */
export function tableDefinitions(config: StoreConfig): CreateTableCommandInput[] {
  const base = (name: string): CreateTableCommandInput => ({
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  });
  const directory = base(config.tables.directory);
  directory.AttributeDefinitions!.push(
    { AttributeName: 'gsi1pk', AttributeType: 'S' },
    { AttributeName: 'gsi1sk', AttributeType: 'S' },
  );
  directory.GlobalSecondaryIndexes = [
    {
      IndexName: 'gsi1',
      KeySchema: [
        { AttributeName: 'gsi1pk', KeyType: 'HASH' },
        { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ];
  return [
    directory,
    base(config.tables.surveys),
    base(config.tables.responses),
    base(config.tables.feedback),
  ];
}

/** Creates any missing table and waits until each is active. */
export async function ensureTables(client: DynamoDBClient, config: StoreConfig): Promise<void> {
  for (const def of tableDefinitions(config)) {
    try {
      await client.send(new DescribeTableCommand({ TableName: def.TableName }));
    } catch (err) {
      if (
        !(err instanceof ResourceNotFoundException) &&
        (err as Error).name !== 'ResourceNotFoundException'
      ) {
        throw err;
      }
      try {
        await client.send(new CreateTableCommand(def));
      } catch (createErr) {
        if ((createErr as Error).name !== 'ResourceInUseException') throw createErr;
      }
    }
    for (let i = 0; i < 200; i++) {
      const out = await client.send(new DescribeTableCommand({ TableName: def.TableName }));
      const gsisActive = (out.Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
      if (out.Table?.TableStatus === 'ACTIVE' && gsisActive) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
