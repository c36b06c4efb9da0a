import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type GlobalSecondaryIndexPropsV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataProps {
  /** Production: deletion protection on, and the tables survive the stack. */
  retain: boolean;
}

/** The names the store knows the tables by (functions/store/config.ts). */
export type TableKey = 'directory' | 'surveys' | 'responses' | 'feedback';

/**
 * The four tables of functions/store/KEYS.md, as functions/store/tables.ts
 * defines them locally: string `pk` and `sk`, the directory's `gsi1`.
 * On-demand, with point-in-time recovery (35 days) in every stage.
 */
export class Data extends Construct {
  readonly tables: Record<TableKey, TableV2>;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    const table = (name: string, globalSecondaryIndexes?: GlobalSecondaryIndexPropsV2[]) =>
      new TableV2(this, name, {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
        sortKey: { name: 'sk', type: AttributeType.STRING },
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.retain,
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        ...(globalSecondaryIndexes ? { globalSecondaryIndexes } : {}),
      });
    this.tables = {
      directory: table('Directory', [
        {
          indexName: DIRECTORY_INDEX,
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        },
      ]),
      surveys: table('Surveys'),
      responses: table('Responses'),
      feedback: table('Feedback'),
    };
  }
}

export const DIRECTORY_INDEX = 'gsi1';
