import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Data, TableKey } from './constructs/data';
import { DIRECTORY_INDEX } from './constructs/data';

/**
 * What each function may do, statement by statement, in one file so the
 * separation can be read (and reviewed) at once. Key shapes: functions/store/KEYS.md.
 *
 * - public (respondents): reads invitation ledger entries, unit names,
 *   campaigns and public keys; claims invitations; counts tokens; writes
 *   answers and feedback posts (in batches); reads whether a token's answers
 *   are stored (their digest only). It cannot read staff, accounts, results,
 *   or any answer, and cannot unwrap invitation or feedback code secrets.
 * - admin (HR): everything HR does — but no permission of any kind on the
 *   responses table, and no write to stored results.
 * - results: the only reader of answers; writes results.
 * - scheduler: opens and closes campaigns (makes and wraps unit keys).
 *
 * `dynamodb:LeadingKeys` pins a statement to partition keys: the exact value
 * (`UNIT`) or a prefix pattern (`INV#*`) with `ForAllValues:StringLike`.
 */

export interface Access {
  data: Data;
  wrappingKey: IKey;
  sessionSecret: ISecret;
}

/** KMS encryption context key used by the key wrapper (functions/crypto/kms-key-wrapper.ts). */
const CONTEXT = 'kms:EncryptionContext:koe';

function dynamo(
  sid: string,
  access: Access,
  table: TableKey,
  actions: string[],
  leadingKeys?: string[],
  options: { index?: boolean } = {},
): PolicyStatement {
  const t = access.data.tables[table];
  return new PolicyStatement({
    sid,
    effect: Effect.ALLOW,
    actions: actions.map((a) => `dynamodb:${a}`),
    resources: options.index ? [t.tableArn, `${t.tableArn}/index/${DIRECTORY_INDEX}`] : [t.tableArn],
    ...(leadingKeys
      ? { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys } } }
      : {}),
  });
}

export function publicStatements(access: Access): PolicyStatement[] {
  return [
    dynamo('ReadLedgerEntriesAndUnitNames', access, 'directory', ['GetItem'], ['INV#*', 'FINV#*', 'UNIT']),
    dynamo('ClaimInvitations', access, 'directory', ['UpdateItem'], ['INV#*', 'FINV#*']),
    dynamo('ReadCampaigns', access, 'surveys', ['GetItem'], ['CAMPAIGN']),
    dynamo('ReadPublicKeys', access, 'surveys', ['Query'], ['KEY#*', 'FKEY#*']),
    // Live participation: tokens issued per unit (STATS#), new responses per campaign (RCOUNT#).
    dynamo('CountParticipation', access, 'surveys', ['UpdateItem'], ['STATS#*', 'RCOUNT#*']),
    // Answers are written in shuffled batches (functions/services/answer-buffer.ts, A2).
    dynamo('WriteAnswers', access, 'responses', ['PutItem', 'BatchWriteItem'], ['R#*']),
    // Whether a token's answers are stored: the digest attribute only, never an answer.
    new PolicyStatement({
      sid: 'CheckAnswersStored',
      effect: Effect.ALLOW,
      actions: ['dynamodb:GetItem'],
      resources: [access.data.tables.responses.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['R#*'] },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['h'] },
        StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    }),
    dynamo(
      'FeedbackPosts',
      access,
      'feedback',
      ['GetItem', 'Query', 'PutItem', 'BatchWriteItem'],
      ['POSTS#*'],
    ),
    dynamo('SpendFeedbackTokens', access, 'feedback', ['GetItem', 'PutItem', 'BatchWriteItem'], ['SPENT#*']),
    new PolicyStatement({
      sid: 'UnwrapUnitSigningKeys',
      effect: Effect.ALLOW,
      actions: ['kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      // campaign unit keys: <campaignId>/<unitCode>; feedback unit keys: feedback/<fy>/<unitCode>
      conditions: { StringLike: { [CONTEXT]: ['c*/*', 'feedback/*/*'] } },
    }),
    new PolicyStatement({
      sid: 'NeverUnwrapInvitationSecrets',
      effect: Effect.DENY,
      actions: ['kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      // <campaignId>#invite derives every invitation code of a campaign. Unit codes
      // cannot hold '#', so no unit key's context (<campaignId>/<unitCode>) matches.
      conditions: { StringLike: { [CONTEXT]: ['*#invite'] } },
    }),
  ];
}

export function adminStatements(access: Access): PolicyStatement[] {
  return [
    dynamo(
      'ManageDirectory',
      access,
      'directory',
      ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem', 'BatchWriteItem'],
      undefined,
      { index: true },
    ),
    dynamo('ReadSurveys', access, 'surveys', ['GetItem', 'Query']),
    dynamo(
      'WriteCampaignsAndPlan',
      access,
      'surveys',
      ['PutItem'],
      ['PLAN', 'TEMPLATE', 'CAMPAIGN', 'TARGET', 'FEEDBACK#*'],
    ),
    dynamo('WriteUnitKeys', access, 'surveys', ['BatchWriteItem'], ['KEY#*', 'FKEY#*']),
    dynamo('SetInvitedCounts', access, 'surveys', ['UpdateItem'], ['STATS#*']),
    dynamo('TriageFeedback', access, 'feedback', ['GetItem', 'Query', 'PutItem'], ['POSTS#*']),
    new PolicyStatement({
      sid: 'WrapAndUnwrapKeys',
      effect: Effect.ALLOW,
      actions: ['kms:Encrypt', 'kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      conditions: { StringLike: { [CONTEXT]: ['*'] } },
    }),
    new PolicyStatement({
      sid: 'ReadSessionSecret',
      effect: Effect.ALLOW,
      actions: ['secretsmanager:GetSecretValue'],
      resources: [access.sessionSecret.secretArn],
    }),
  ];
}

export function resultsStatements(access: Access): PolicyStatement[] {
  return [
    dynamo('ReadAnswers', access, 'responses', ['Query'], ['R#*']),
    dynamo('ReadUnits', access, 'directory', ['Query'], ['UNIT']),
    dynamo('ReadCampaigns', access, 'surveys', ['GetItem', 'Query'], ['CAMPAIGN']),
    // Results, the exact response count per unit (RCOUNT#…/FINAL) and the campaign's results state.
    dynamo('WriteResults', access, 'surveys', ['PutItem'], ['RESULT#*', 'RCOUNT#*', 'CAMPAIGN']),
    dynamo('WriteResultChunks', access, 'surveys', ['BatchWriteItem'], ['RESULT#*']),
  ];
}

export function schedulerStatements(access: Access): PolicyStatement[] {
  return [
    dynamo('ReadUnits', access, 'directory', ['Query'], ['UNIT']),
    dynamo('OpenAndCloseCampaigns', access, 'surveys', ['GetItem', 'Query', 'PutItem'], ['CAMPAIGN']),
    dynamo('MakeUnitKeys', access, 'surveys', ['Query', 'BatchWriteItem'], ['KEY#*']),
    new PolicyStatement({
      sid: 'WrapUnitKeys',
      effect: Effect.ALLOW,
      actions: ['kms:Encrypt'],
      resources: [access.wrappingKey.keyArn],
      conditions: { StringLike: { [CONTEXT]: ['c*/*'] } },
    }),
  ];
}

export function grant(role: IRole, statements: PolicyStatement[]): void {
  for (const statement of statements) role.addToPrincipalPolicy(statement);
}
