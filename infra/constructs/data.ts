import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupResource } from 'aws-cdk-lib/aws-backup';
import {
  AttributeType,
  Billing,
  type CfnGlobalTable,
  type GlobalSecondaryIndexPropsV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRootPrincipal,
  type IRole,
  PolicyDocument,
  PolicyStatement,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { type CfnKey, Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface DataProps {
  /** Production: deletion protection on, the tables survive the stack, and AWS Backup keeps daily copies. */
  retain: boolean;
}

/** The names the store knows the tables by (functions/store/config.ts). */
export type TableKey = 'directory' | 'surveys' | 'responses' | 'feedback';

/** What a function does with the responses key, always through DynamoDB. */
export const RESPONSES_KEY_USE = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
  'kms:CreateGrant',
];

/**
 * Managing the key (the account's administrators, through IAM): everything
 * but using it. No one in the account can decrypt with it directly.
 */
export const RESPONSES_KEY_ADMIN = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/**
 * The four tables of functions/store/KEYS.md, as functions/store/tables.ts
 * defines them locally: string `pk` and `sk`, the directory's `gsi1`.
 * On-demand, with point-in-time recovery (35 days) in every stage. The
 * answers (responses) are encrypted with a key of koe's own, usable only
 * through DynamoDB and only by the functions that use that table
 * (`restrictResponsesKey`); the other tables keep DynamoDB's own key.
 */
export class Data extends Construct {
  readonly tables: Record<TableKey, TableV2>;
  readonly responsesKey: Key;
  readonly backupPlan?: BackupPlan;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.responsesKey = new Key(this, 'ResponsesKey', {
      description: 'koe: encrypts the responses table (answers); used only through DynamoDB by its functions',
      enableKeyRotation: true,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: props.retain ? Duration.days(30) : Duration.days(7),
    });
    const table = (name: string, options: { indexes?: GlobalSecondaryIndexPropsV2[] } = {}) =>
      new TableV2(this, name, {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
        sortKey: { name: 'sk', type: AttributeType.STRING },
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.retain,
        removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        ...(options.indexes ? { globalSecondaryIndexes: options.indexes } : {}),
      });
    this.tables = {
      directory: table('Directory', {
        indexes: [
          {
            indexName: DIRECTORY_INDEX,
            partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
            sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
          },
        ],
      }),
      surveys: table('Surveys'),
      responses: table('Responses'),
      feedback: table('Feedback'),
    };
    // TableV2 renders a key per replica region, which needs a region at synth
    // (TableEncryptionV2.customerManagedKey); the stack is region-agnostic and
    // has one replica, in its own region: the key is set on it directly.
    const responses = this.tables.responses.node.defaultChild as CfnGlobalTable;
    responses.addPropertyOverride('SSESpecification', { SSEEnabled: true, SSEType: 'KMS' });
    responses.addPropertyOverride('Replicas.0.SSESpecification', {
      KMSMasterKeyId: this.responsesKey.keyArn,
    });

    if (props.retain) {
      // Daily copies kept 35 days: as long as point-in-time recovery reaches
      // back, so answers and posts removed by retention are gone from every
      // copy within the same 35 days (docs/DEPLOY.md).
      this.backupPlan = BackupPlan.daily35DayRetention(this, 'Backup');
      this.backupPlan.addSelection('Tables', {
        resources: Object.values(this.tables).map((t) => BackupResource.fromDynamoDbTable(t)),
      });
      Validations.of(this.backupPlan).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason:
          'AWS Backup’s own service-role policy (AWSBackupServiceRolePolicyForBackup) is what AWS keeps current for backing up DynamoDB; the selection limits it to the four tables.',
      });
    }
  }

  /**
   * The responses key's whole policy: the account administers it (through
   * IAM) but cannot use it; the given roles use it only through DynamoDB in
   * this region and account; DynamoDB reads the key's description.
   */
  restrictResponsesKey(roles: IRole[]): void {
    const stack = Stack.of(this);
    const policy = new PolicyDocument({
      statements: [
        new PolicyStatement({
          sid: 'AdministerNotUse',
          principals: [new AccountRootPrincipal()],
          actions: RESPONSES_KEY_ADMIN,
          resources: ['*'],
        }),
        new PolicyStatement({
          sid: 'UseThroughDynamoDbOnly',
          principals: roles,
          actions: RESPONSES_KEY_USE,
          resources: ['*'],
          conditions: {
            StringEquals: {
              'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}`,
              'kms:CallerAccount': stack.account,
            },
          },
        }),
        new PolicyStatement({
          sid: 'DynamoDbDescribesKey',
          principals: [new ServicePrincipal('dynamodb.amazonaws.com')],
          actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
          resources: ['*'],
        }),
      ],
    });
    // Replaces CDK's default policy, which lets any IAM principal of the account use the key.
    (this.responsesKey.node.defaultChild as CfnKey).keyPolicy = policy;
  }
}

export const DIRECTORY_INDEX = 'gsi1';
