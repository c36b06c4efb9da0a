import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
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
    // A redeemed feedback code's mark (a keyed hash of the code; no person, no group).
    dynamo('MarkFeedbackCodesRedeemed', access, 'feedback', ['UpdateItem'], ['REDEEMED#*']),
 * - admin (HR): everything HR does — but no permission of any kind on the
 *   responses table, no write to stored results, and no unwrapping of any
 *   unit signing key (an explicit deny): it unwraps only what code delivery
 *   needs (invitation and feedback code secrets). It appends to and reads
 *   the audit log (`AUDIT#*`) and may never update or delete an entry.
 * - results: the only reader of answers; writes results; no key. Once a day
 *   it also runs retention (functions/services/retention.ts): deletes the raw
 *   answers (`R#*`) and posts (`POSTS#*`) past the city's setting, by key,
 *   freezes the year's feedback counts (`FCOUNT#*`) and appends the counts to
 *   the audit log, which it may not change.
 * - scheduler: opens and closes campaigns (makes and wraps unit keys, never
 *   unwraps one).
 * - report: renders the annual report the admin function sends it (PDF,
 *   .xlsx); no statement at all beyond its log group — no table, no key, no
 *   bucket, no secret. The admin function may invoke it, and no other.
 *
 * `dynamodb:LeadingKeys` pins a statement to partition keys: the exact value
 * (`UNIT`) or a prefix pattern (`INV#*`) with `ForAllValues:StringLike`.
 */

export interface Access {
  data: Data;
  wrappingKey: IKey;
  sessionSecret: ISecret;
  /** The header value CloudFront adds to API requests (functions/api/middleware/origin-verify.ts). */
  originSecret?: ISecret;
}

/** The API functions read the origin-verify secret, to refuse requests that did not come through CloudFront. */
function readOriginSecret(access: Access): PolicyStatement[] {
  if (!access.originSecret) return [];
  return [
    new PolicyStatement({
      sid: 'ReadOriginVerifySecret',
      effect: Effect.ALLOW,
      actions: ['secretsmanager:GetSecretValue'],
      resources: [access.originSecret.secretArn],
    }),
  ];
}

/** KMS encryption context key used by the key wrapper (functions/crypto/kms-key-wrapper.ts). */
const CONTEXT = 'kms:EncryptionContext:koe';

/**
 * Contexts of unit signing keys: campaign keys `<campaignId>/<unitCode>`
 * (campaign ids start with `c`) and feedback group keys `feedback/<fy>/<groupId>`.
 */
export const UNIT_KEY_CONTEXTS = ['c*/*', 'feedback/*/*'];
/**
 * Contexts of code secrets: a campaign's invitation secret `<campaignId>#invite`
 * and a year's feedback code secret `feedback/<fy>#codes`. Unit codes cannot
 * hold '#', so no unit key's context matches these, nor these the unit keys'.
 */
export const CODE_SECRET_CONTEXTS = ['*#invite', 'feedback/*#codes'];

/** An explicit deny: whatever else a role is given, it never unwraps a unit signing key. */
function neverUnwrapUnitKeys(access: Access): PolicyStatement {
  return new PolicyStatement({
    sid: 'NeverUnwrapUnitSigningKeys',
    effect: Effect.DENY,
    actions: ['kms:Decrypt'],
    resources: [access.wrappingKey.keyArn],
    conditions: { StringLike: { [CONTEXT]: UNIT_KEY_CONTEXTS } },
  });
}

/** An explicit deny: the audit log is appended to, never changed or removed. */
function neverRewriteAuditLog(access: Access): PolicyStatement {
  return new PolicyStatement({
    sid: 'NeverRewriteAuditLog',
    effect: Effect.DENY,
    actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
    resources: [access.data.tables.directory.tableArn],
    conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
  });
}

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
    dynamo('ClaimInvitations', access, 'directory', ['UpdateItem'], ['INV#*']),
    dynamo('ReadCampaigns', access, 'surveys', ['GetItem'], ['CAMPAIGN']),
    dynamo('ReadPublicKeys', access, 'surveys', ['Query'], ['KEY#*', 'FKEY#*']),
    // Key groups (A3/A4): a campaign's frozen snapshot and its group keys by id.
    dynamo('ReadKeyGroups', access, 'surveys', ['GetItem', 'Query'], ['FROZEN#*', 'KEY#*']),
    // Live participation: tokens issued per unit (STATS#), new responses per campaign (RCOUNT#).
    dynamo('CountParticipation', access, 'surveys', ['UpdateItem'], ['STATS#*', 'RCOUNT#*']),
    // Answers are written in shuffled batches (functions/services/answer-buffer.ts, A2).
    dynamo('WriteAnswers', access, 'responses', ['PutItem', 'BatchWriteItem'], ['R#*']),
    // Whether a token's answers are stored: the digest attribute only, never an answer (the key beside
    // it, so that concurrent checks can share one BatchGetItem: functions/services/digest-lookups.ts).
    new PolicyStatement({
      sid: 'CheckAnswersStored',
      effect: Effect.ALLOW,
      actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
      resources: [access.data.tables.responses.tableArn],
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['R#*'] },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['h', 'pk', 'sk'] },
        StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    }),
    // Posts are written (in batches) and got by id for the poster's thread (receipt checked); never
    // listed: the board reads its projection of published posts only (BOARD#, no notes, no triage).
    dynamo('FeedbackPosts', access, 'feedback', ['GetItem', 'PutItem', 'BatchWriteItem'], ['POSTS#*']),
    dynamo('ReadBoard', access, 'feedback', ['Query'], ['BOARD#*']),
    // The staff page of approved actions reads their projection only (PUBACTION#: no drafts, no accounts).
    dynamo('ReadApprovedActions', access, 'surveys', ['Query'], ['PUBACTION#*']),
    dynamo('SpendFeedbackTokens', access, 'feedback', ['GetItem', 'PutItem', 'BatchWriteItem'], ['SPENT#*']),
    // A redeemed feedback code's mark (a keyed hash of the code; no person, no group).
    dynamo('MarkFeedbackCodesRedeemed', access, 'feedback', ['UpdateItem'], ['REDEEMED#*']),
    // Moving boxes: ciphertext between one person's devices, left once and taken once (DeleteItem returns it).
    dynamo('MoveBoxes', access, 'feedback', ['PutItem', 'DeleteItem'], ['MOVE']),
    new PolicyStatement({
      sid: 'UnwrapUnitSigningKeys',
      effect: Effect.ALLOW,
      actions: ['kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      // campaign unit keys: <campaignId>/<unitCode>; feedback group keys: feedback/<fy>/<groupId>
      conditions: { StringLike: { [CONTEXT]: UNIT_KEY_CONTEXTS } },
    }),
    new PolicyStatement({
      sid: 'NeverUnwrapInvitationSecrets',
      effect: Effect.DENY,
      actions: ['kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      // <campaignId>#invite and feedback/<fy>#codes derive every code. Unit codes
      // cannot hold '#', so no unit key's context (<campaignId>/<unitCode>) matches.
      conditions: { StringLike: { [CONTEXT]: CODE_SECRET_CONTEXTS } },
    }),
    ...readOriginSecret(access),
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
    // The audit log (DESIGN §3, A5): appended to and read, never changed or removed.
    dynamo('AppendAndReadAuditLog', access, 'directory', ['PutItem', 'Query'], ['AUDIT#*']),
    neverRewriteAuditLog(access),
    dynamo('DeleteAccounts', access, 'directory', ['DeleteItem'], ['USER']),
    dynamo('ReadSurveys', access, 'surveys', ['GetItem', 'Query']),
    dynamo(
      'WriteCampaignsAndPlan',
      access,
      'surveys',
      ['PutItem'],
      // SETTINGS: the city's retention setting (functions/services/retention.ts).
      ['PLAN', 'TEMPLATE', 'CAMPAIGN', 'TARGET', 'FEEDBACK#*', 'SETTINGS'],
    ),
    dynamo('WriteUnitKeys', access, 'surveys', ['BatchWriteItem'], ['KEY#*', 'FKEY#*', 'FROZEN#*']),
    dynamo('SetInvitedCounts', access, 'surveys', ['UpdateItem'], ['STATS#*']),
    // Action plans, their public projection and the plan's progress (store/actions.ts).
    dynamo(
      'WriteActionPlans',
      access,
      'surveys',
      ['PutItem', 'DeleteItem'],
      ['ACTION#*', 'PUBACTION#*', 'PROGRESS'],
    ),
    // One reminder run per campaign per Japan-time day (REMIND#<campaignId>/LAST: the day and a count, no one named).
    dynamo('LimitReminderRuns', access, 'surveys', ['UpdateItem'], ['REMIND#*']),
    // Posts, and the daily snapshot of feedback counts (FCOUNT#): HR never reads live counts.
    dynamo('TriageFeedback', access, 'feedback', ['GetItem', 'Query', 'PutItem'], ['POSTS#*', 'FCOUNT#*']),
    // The board projection, kept in step with publishing and rebuilt by `bootstrap`.
    dynamo('ProjectBoard', access, 'feedback', ['Query', 'PutItem', 'DeleteItem'], ['BOARD#*']),
    new PolicyStatement({
      sid: 'WrapKeysAndSecrets',
      effect: Effect.ALLOW,
      actions: ['kms:Encrypt'],
      resources: [access.wrappingKey.keyArn],
      conditions: { StringLike: { [CONTEXT]: ['*'] } },
    }),
    new PolicyStatement({
      sid: 'UnwrapCodeSecretsForDelivery',
      effect: Effect.ALLOW,
      actions: ['kms:Decrypt'],
      resources: [access.wrappingKey.keyArn],
      conditions: { StringLike: { [CONTEXT]: CODE_SECRET_CONTEXTS } },
    }),
    neverUnwrapUnitKeys(access),
    new PolicyStatement({
      sid: 'ReadSessionSecret',
      effect: Effect.ALLOW,
      actions: ['secretsmanager:GetSecretValue'],
      resources: [access.sessionSecret.secretArn],
    }),
    ...readOriginSecret(access),
  ];
}

/**
 * Large roster uploads (infra/constructs/uploads.ts): the admin function signs
 * the PUT, reads the file back and deletes it, on the `roster-uploads/` prefix
 * of that one bucket only (functions/uploads/s3-upload-store.ts).
 */
export function uploadStatements(bucket: IBucket): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'RosterUploads',
      effect: Effect.ALLOW,
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects('roster-uploads/*')],
    }),
  ];
}

/** The admin function asks the report function for the annual report's files: that one function only. */
export function invokeReportStatements(report: IFunction): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'InvokeReportFunction',
      effect: Effect.ALLOW,
      actions: ['lambda:InvokeFunction'],
      resources: [report.functionArn],
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
    neverUnwrapUnitKeys(access),
    // Results once (A3): from the frozen snapshot; a second run finds the head and removes its own chunks.
    dynamo('ReadFrozenAndResultHead', access, 'surveys', ['GetItem', 'Query'], ['FROZEN#*', 'RESULT#*']),
    dynamo('DropLosingResultChunks', access, 'surveys', ['DeleteItem'], ['RESULT#*']),
    // Retention, once a day: the setting (SETTINGS), the day's claim and what went, counts only (RETENTION) ...
    dynamo('ReadRetentionSetting', access, 'surveys', ['GetItem'], ['SETTINGS']),
    dynamo('ClaimRetentionDay', access, 'surveys', ['UpdateItem'], ['RETENTION']),
    // ... raw answers and posts past it deleted by key (BatchWriteItem cannot be limited to deletes) ...
    dynamo('DeleteRawAnswers', access, 'responses', ['DeleteItem', 'BatchWriteItem'], ['R#*']),
    dynamo(
      'DeleteOldPosts',
      access,
      'feedback',
      ['Query', 'DeleteItem', 'BatchWriteItem'],
      ['POSTS#*', 'BOARD#*'],
    ),
    // ... after the year's counts are frozen, so the feedback indicators stay as they were ...
    dynamo('FreezeFeedbackCounts', access, 'feedback', ['GetItem', 'PutItem'], ['FCOUNT#*']),
    // ... and the deletion, counts only, appended to the audit log, which it may never change.
    dynamo('AppendRetentionAudit', access, 'directory', ['PutItem'], ['AUDIT#*']),
    neverRewriteAuditLog(access),
  ];
}

export function schedulerStatements(access: Access): PolicyStatement[] {
  return [
    dynamo('ReadUnits', access, 'directory', ['Query'], ['UNIT']),
    dynamo('OpenAndCloseCampaigns', access, 'surveys', ['GetItem', 'Query', 'PutItem'], ['CAMPAIGN']),
    dynamo('MakeUnitKeys', access, 'surveys', ['Query', 'BatchWriteItem'], ['KEY#*']),
    // Opening freezes who is invited (A3): the current roster, written as the campaign's snapshot.
    dynamo('ReadRoster', access, 'directory', ['GetItem', 'Query'], ['ROSTER', 'STAFF#*']),
    dynamo('FreezeCampaigns', access, 'surveys', ['BatchWriteItem'], ['FROZEN#*']),
    // Moving boxes nobody took are deleted after their hour (keys and expiry only are read).
    dynamo('SweepMoveBoxes', access, 'feedback', ['Query', 'BatchWriteItem'], ['MOVE']),
    new PolicyStatement({
      sid: 'WrapUnitKeys',
      effect: Effect.ALLOW,
      actions: ['kms:Encrypt'],
      resources: [access.wrappingKey.keyArn],
      conditions: { StringLike: { [CONTEXT]: ['c*/*'] } },
    }),
    neverUnwrapUnitKeys(access),
  ];
}

export function grant(role: IRole, statements: PolicyStatement[]): void {
  for (const statement of statements) role.addToPrincipalPolicy(statement);
}
