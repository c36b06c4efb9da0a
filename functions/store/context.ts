import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoreConfig } from './config';

/** What every repository needs: the shared client and the table names. */
export interface StoreContext {
  doc: DynamoDBDocumentClient;
  config: StoreConfig;
}
