import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CfnResource, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../functions/api/middleware/security-headers';
import { type FunctionName, NEEDS } from '../../functions/lambda/aws-deps';
import type { LambdaName } from '../../infra/bundling';
import { ACCESS_LOG_FIELDS, API_COOKIES, API_HEADERS } from '../../infra/constructs/front-door';
import { koeApp } from '../../infra/koe-app';
import {
  type Access,
  adminStatements,
  invokeReportStatements,
  publicStatements,
  resultsStatements,
  schedulerStatements,
  uploadStatements,
} from '../../infra/permissions';
import { isAllowed, type Request, type Statement } from './support/iam';
import {
  removeTemporaryDirs,
  type Synthesized,
  statementsOfRole,
  synthesize,
  temporaryDir,
} from './support/synth';

/**
 * The synthesized stack, dev and prod, checked resource by resource: tables,
 * functions, the IAM separation statement by statement, the front door,
 * schedules, the web bucket, cdk-nag. Each property the design relies on is
 * named by an assertion; there is no whole-template snapshot, which changed
 * with every aws-cdk-lib release and said nothing about why a value mattered.
 */

let dev: Synthesized;
let prod: Synthesized;
/** The functions that use the store; ALL adds the report function, which only renders. */
const NAMES: FunctionName[] = ['public', 'admin', 'results', 'scheduler'];
const ALL: LambdaName[] = [...NAMES, 'report'];

beforeAll(() => {
  dev = synthesize({ stage: 'dev' });
  prod = synthesize({ stage: 'prod' });
}, 120_000);
afterAll(removeTemporaryDirs);

const uploadsBucketId = () =>
  dev.stack.getLogicalId(dev.stack.uploads.bucket.node.defaultChild as CfnResource);
const resourcesOf = (s: Synthesized, type: string) =>
  Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
/** A construct's logical id, and its resource (the stack has two keys and two secrets). */
const logical = (s: Synthesized, c: { node: { defaultChild?: unknown } }) =>
  s.stack.getLogicalId(c.node.defaultChild as CfnResource);
const wrappingKeyOf = (s: Synthesized) => s.json.Resources[logical(s, s.stack.keys.wrappingKey)];
/** The logical id of the one resource of a type. */
const idOf = (s: Synthesized, type: string): string => {
  const found = resourcesOf(s, type);
  expect(
    found.map(([id]) => id),
    type,
  ).toHaveLength(1);
  return found[0]![0];
};

describe('tables', () => {
  it('are the four tables of the store, on demand, with point-in-time recovery in every stage', () => {
    for (const s of [dev, prod]) {
      const tables = resourcesOf(s, 'AWS::DynamoDB::GlobalTable');
      expect(tables.map(([id]) => id).sort()).toEqual(Object.values(s.ids.tables).sort());
      for (const [, t] of tables) {
        expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
        expect(t.Properties.KeySchema).toEqual([
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ]);
        expect(t.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
      }
    }
  });

  it('keeps the directory index the store queries', () => {
    const directory = dev.json.Resources[dev.ids.tables.directory];
    expect(directory.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('are protected from deletion and retained in prod, disposable in dev', () => {
    for (const [, t] of resourcesOf(prod, 'AWS::DynamoDB::GlobalTable')) {
      expect(t.DeletionPolicy).toBe('Retain');
      expect(t.UpdateReplacePolicy).toBe('Retain');
      expect(t.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
    for (const [, t] of resourcesOf(dev, 'AWS::DynamoDB::GlobalTable')) {
      expect(t.DeletionPolicy).toBe('Delete');
      expect(t.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    }
  });
});

describe('keys', () => {
  it('has a rotating KMS key, retained in prod, and a generated session secret', () => {
    const prodKey = wrappingKeyOf(prod);
    expect(prodKey.Properties.EnableKeyRotation).toBe(true);
    expect(prodKey.DeletionPolicy).toBe('Retain');
    const devKey = wrappingKeyOf(dev);
    expect(devKey.DeletionPolicy).toBe('Delete');
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});

describe('functions', () => {
  it('run Node.js 24 on arm64 with JSON logs, each in its own log group with a retention', () => {
    for (const [s, days] of [
      [dev, 14],
      [prod, 90],
    ] as const) {
      for (const name of ALL) {
        const fn = s.json.Resources[s.ids.functions[name]];
        expect(fn.Properties.Runtime).toBe('nodejs24.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.Handler).toBe('index.handler');
        expect(fn.Properties.LoggingConfig.LogFormat).toBe('JSON');
        const group = s.json.Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
        expect(group.Properties.RetentionInDays).toBe(days);
      }
    }
  });

  it('are told the names of the tables they may use, and no others', () => {
    const variable = {
      directory: 'TABLE_DIRECTORY',
      surveys: 'TABLE_SURVEYS',
      responses: 'TABLE_RESPONSES',
      feedback: 'TABLE_FEEDBACK',
    };
    for (const name of NAMES) {
      const env = dev.json.Resources[dev.ids.functions[name]].Properties.Environment.Variables;
      const tables = Object.keys(env).filter((k) => k.startsWith('TABLE_'));
      expect(tables.sort()).toEqual(NEEDS[name].tables.map((t) => variable[t]).sort());
      for (const t of NEEDS[name].tables) expect(env[variable[t]]).toEqual({ Ref: dev.ids.tables[t] });
      expect('KOE_KMS_KEY_ID' in env).toBe(NEEDS[name].keys);
      expect('KOE_JWT_SECRET_ARN' in env).toBe(NEEDS[name].sessionSecret);
      expect('KOE_PUBLIC_URL' in env).toBe(NEEDS[name].publicUrl);
      // The test overrides of functions/lambda/aws-deps.ts never reach AWS.
      for (const k of ['DYNAMODB_ENDPOINT', 'KOE_LOCAL_KEY_DIR', 'KOE_JWT_SECRET'])
        expect(env[k]).toBeUndefined();
    }
  });

  it('have roles without managed policies', () => {
    for (const name of ALL) {
      const role = dev.json.Resources[dev.ids.roles[name]];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
        Service: 'lambda.amazonaws.com',
      });
    }
  });
});

describe('IAM separation', () => {
  const statements = (name: LambdaName) => statementsOfRole(dev.json, dev.ids.roles[name]);
  const can = (name: LambdaName, request: Omit<Request, 'resource'> & { resource: string }) =>
    isAllowed(statements(name), request);
  const table = (t: keyof Synthesized['ids']['tables']) => dev.ids.tables[t];
  const secret = () => logical(dev, dev.stack.keys.sessionSecret);
  const key = () => logical(dev, dev.stack.keys.wrappingKey);

  it('gives each role its log group and the statements of infra/permissions.ts, nothing else', () => {
    const { stack } = dev;
    const access: Access = {
      data: stack.data,
      wrappingKey: stack.keys.wrappingKey,
      sessionSecret: stack.keys.sessionSecret,
      originSecret: stack.keys.originSecret,
    };
    const expected: Record<LambdaName, Statement[]> = {
      public: stack.resolve(publicStatements(access).map((s) => s.toStatementJson())),
      admin: stack.resolve(
        [
          ...adminStatements(access),
          ...uploadStatements(stack.uploads.bucket),
          ...invokeReportStatements(stack.api.report.function),
        ].map((s) => s.toStatementJson()),
      ),
      results: stack.resolve(resultsStatements(access).map((s) => s.toStatementJson())),
      scheduler: stack.resolve(schedulerStatements(access).map((s) => s.toStatementJson())),
      // The report function renders what it is sent: its log group, nothing else.
      report: [],
    };
    for (const name of ALL) {
      const actual = statements(name);
      const logGroup = dev.json.Resources[dev.ids.functions[name]].Properties.LoggingConfig.LogGroup.Ref;
      // The scheduled functions also send a run that failed for good to the failures queue.
      const scheduled = name === 'results' || name === 'scheduler';
      expect(actual).toHaveLength(expected[name].length + (scheduled ? 2 : 1));
      // The recommended flags (cdk.json) have CDK sort each statement's actions.
      expect(actual.map(sortedActions)).toEqual(expect.arrayContaining(expected[name].map(sortedActions)));
      expect(actual).toContainEqual({
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
      });
      if (scheduled) {
        expect(actual).toContainEqual({
          Effect: 'Allow',
          Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          Resource: { 'Fn::GetAtt': [logical(dev, stack.schedules.failures), 'Arn'] },
        });
      }
    }
  });

  it('never grants a wildcard action', () => {
    for (const name of ALL) {
      for (const s of statements(name)) for (const a of [s.Action].flat()) expect(a).not.toContain('*');
    }
  });

  it('admin (HR): no statement names the responses table', () => {
    const responses = table('responses');
    for (const s of statements('admin')) expect(JSON.stringify(s)).not.toContain(responses);
    for (const action of ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'PutItem']) {
      expect(
        can('admin', { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#0'] }),
      ).toBe(false);
    }
  });

  it('admin (HR): runs the directory and campaigns but cannot write results', () => {
    const surveys = table('surveys');
    expect(
      can('admin', { action: 'dynamodb:Query', resource: table('directory'), leadingKeys: ['STAFF#v1'] }),
    ).toBe(true);
    expect(
      can('admin', {
        action: 'dynamodb:Query',
        resource: `${table('directory')}/index/gsi1`,
        leadingKeys: ['CINV#c1'],
      }),
    ).toBe(true);
    expect(can('admin', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['CAMPAIGN'] })).toBe(
      true,
    );
    expect(can('admin', { action: 'dynamodb:GetItem', resource: surveys, leadingKeys: ['RESULT#c1'] })).toBe(
      true,
    );
    expect(can('admin', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['RESULT#c1'] })).toBe(
      false,
    );
    expect(
      can('admin', { action: 'dynamodb:BatchWriteItem', resource: surveys, leadingKeys: ['RESULT#c1'] }),
    ).toBe(false);
    expect(
      can('admin', { action: 'dynamodb:PutItem', resource: table('feedback'), leadingKeys: ['SPENT#2026'] }),
    ).toBe(false);
    expect(can('admin', { action: 'secretsmanager:GetSecretValue', resource: secret() })).toBe(true);
    for (const action of ['kms:Encrypt', 'kms:Decrypt']) {
      expect(can('admin', { action, resource: key(), context: { koe: 'c1#invite' } })).toBe(true);
    }
  });

  it('admin (HR): appends to and reads the audit log, never rewrites it; no other function touches it', () => {
    const directory = table('directory');
    const audit = ['AUDIT#2026-12'];
    expect(can('admin', { action: 'dynamodb:PutItem', resource: directory, leadingKeys: audit })).toBe(true);
    expect(can('admin', { action: 'dynamodb:Query', resource: directory, leadingKeys: audit })).toBe(true);
    for (const action of ['UpdateItem', 'DeleteItem', 'BatchWriteItem']) {
      expect(can('admin', { action: `dynamodb:${action}`, resource: directory, leadingKeys: audit })).toBe(
        false,
      );
      expect(
        can('admin', {
          action: `dynamodb:${action}`,
          resource: directory,
          leadingKeys: ['STAFF#v1', ...audit],
        }),
      ).toBe(false);
    }
    // Accounts can be deleted; the roster and ledger still written in batches.
    expect(can('admin', { action: 'dynamodb:DeleteItem', resource: directory, leadingKeys: ['USER'] })).toBe(
      true,
    );
    expect(
      can('admin', { action: 'dynamodb:BatchWriteItem', resource: directory, leadingKeys: ['STAFF#v1'] }),
    ).toBe(true);
    for (const name of ['public', 'results', 'scheduler'] as const) {
      for (const action of ['PutItem', 'Query', 'GetItem']) {
        expect(
          can(name, { action: `dynamodb:${action}`, resource: directory, leadingKeys: audit }),
          name,
          // Retention (issue 20) runs in the results function and appends its deletions (counts only).
        ).toBe(name === 'results' && action === 'PutItem');
      }
    }
  });

  it('public (respondents): writes answers (in batches), reads none — only whether they are stored', () => {
    const responses = table('responses');
    const answers = statements('public').filter((s) => JSON.stringify(s).includes(responses));
    expect(answers).toHaveLength(2);
    expect([answers[0]!.Action].flat().sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem']);
    for (const action of ['PutItem', 'BatchWriteItem']) {
      expect(
        can('public', { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#a'] }),
      ).toBe(true);
    }
    // The digest of a token's stored answers (A2's status check), and nothing else of the item.
    expect(
      can('public', {
        action: 'dynamodb:GetItem',
        resource: responses,
        leadingKeys: ['R#c1#a'],
        attributes: ['h'],
      }),
    ).toBe(true);
    // Concurrent checks share one BatchGetItem: the digest with its key, nothing else.
    expect(
      can('public', {
        action: 'dynamodb:BatchGetItem',
        resource: responses,
        leadingKeys: ['R#c1#a'],
        attributes: ['pk', 'sk', 'h'],
      }),
    ).toBe(true);
    for (const attributes of [undefined, ['pk', 'sk', 'h', 'q'], ['pk', 'sk', 'u']]) {
      expect(
        can('public', {
          action: 'dynamodb:BatchGetItem',
          resource: responses,
          leadingKeys: ['R#c1#a'],
          ...(attributes ? { attributes } : {}),
        }),
      ).toBe(false);
    }
    for (const attributes of [undefined, ['q'], ['h', 'q'], ['u'], ['a']]) {
      expect(
        can('public', {
          action: 'dynamodb:GetItem',
          resource: responses,
          leadingKeys: ['R#c1#a'],
          ...(attributes ? { attributes } : {}),
        }),
      ).toBe(false);
    }
    for (const action of ['Query', 'Scan', 'BatchGetItem', 'UpdateItem', 'DeleteItem']) {
      expect(
        can('public', { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#a'] }),
      ).toBe(false);
    }
  });

  it('public (respondents): reads ledger entries and unit names, never staff or accounts', () => {
    const directory = table('directory');
    for (const pk of ['INV#abc', 'FINV#abc', 'UNIT']) {
      expect(can('public', { action: 'dynamodb:GetItem', resource: directory, leadingKeys: [pk] })).toBe(
        true,
      );
    }
    expect(
      can('public', { action: 'dynamodb:UpdateItem', resource: directory, leadingKeys: ['INV#abc'] }),
    ).toBe(true);
    // Issue 13: a feedback code's entry never changes; its redemption is marked in the feedback table.
    expect(
      can('public', { action: 'dynamodb:UpdateItem', resource: directory, leadingKeys: ['FINV#abc'] }),
    ).toBe(false);
    for (const pk of ['STAFF#v1', 'USER', 'ROSTER']) {
      expect(can('public', { action: 'dynamodb:GetItem', resource: directory, leadingKeys: [pk] })).toBe(
        false,
      );
    }
    expect(can('public', { action: 'dynamodb:UpdateItem', resource: directory, leadingKeys: ['UNIT'] })).toBe(
      false,
    );
    expect(can('public', { action: 'dynamodb:Query', resource: directory, leadingKeys: ['INV#abc'] })).toBe(
      false,
    );
    expect(
      can('public', {
        action: 'dynamodb:Query',
        resource: `${directory}/index/gsi1`,
        leadingKeys: ['CINV#c'],
      }),
    ).toBe(false);
    expect(can('public', { action: 'dynamodb:Scan', resource: directory })).toBe(false);
  });

  it('public (respondents): campaigns and public keys, not results, plans or secrets', () => {
    const surveys = table('surveys');
    expect(can('public', { action: 'dynamodb:GetItem', resource: surveys, leadingKeys: ['CAMPAIGN'] })).toBe(
      true,
    );
    expect(can('public', { action: 'dynamodb:Query', resource: surveys, leadingKeys: ['KEY#c1'] })).toBe(
      true,
    );
    expect(
      can('public', { action: 'dynamodb:UpdateItem', resource: surveys, leadingKeys: ['STATS#c1'] }),
    ).toBe(true);
    for (const pk of ['RESULT#c1', 'FEEDBACK#2026', 'PLAN', 'TARGET']) {
      expect(can('public', { action: 'dynamodb:GetItem', resource: surveys, leadingKeys: [pk] })).toBe(false);
      expect(can('public', { action: 'dynamodb:Query', resource: surveys, leadingKeys: [pk] })).toBe(false);
    }
    expect(can('public', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['CAMPAIGN'] })).toBe(
      false,
    );
    expect(can('public', { action: 'secretsmanager:GetSecretValue', resource: secret() })).toBe(false);
  });

  it('public (respondents): unwraps unit signing keys, never invitation or feedback code secrets', () => {
    const decrypt = (koe: string) =>
      can('public', { action: 'kms:Decrypt', resource: key(), context: { koe } });
    expect(decrypt('c0123456789abcdef/HR')).toBe(true);
    expect(decrypt('feedback/2026/HR')).toBe(true);
    expect(decrypt('c0123456789abcdef#invite')).toBe(false);
    // A unit whose code happens to be "invite" still gets its signing key.
    expect(decrypt('c0123456789abcdef/invite')).toBe(true);
    expect(decrypt('feedback/2026')).toBe(false);
    expect(can('public', { action: 'kms:Decrypt', resource: key() })).toBe(false);
    expect(can('public', { action: 'kms:Encrypt', resource: key(), context: { koe: 'c1/HR' } })).toBe(false);
  });

  it('results: the only reader of answers; writes results; no keys or secret', () => {
    const responses = table('responses');
    expect(can('results', { action: 'dynamodb:Query', resource: responses, leadingKeys: ['R#c1#f'] })).toBe(
      true,
    );
    for (const name of ['public', 'admin', 'scheduler'] as const) {
      expect(can(name, { action: 'dynamodb:Query', resource: responses, leadingKeys: ['R#c1#f'] })).toBe(
        false,
      );
    }
    for (const action of ['PutItem', 'UpdateItem', 'GetItem']) {
      expect(
        can('results', { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#f'] }),
      ).toBe(false);
    }
    // Retention (issue 20) deletes raw answers by key; BatchWriteItem cannot be limited to deletes.
    for (const action of ['DeleteItem', 'BatchWriteItem']) {
      expect(
        can('results', { action: `dynamodb:${action}`, resource: responses, leadingKeys: ['R#c1#f'] }),
      ).toBe(true);
    }
    const surveys = table('surveys');
    expect(
      can('results', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['RESULT#c1'] }),
    ).toBe(true);
    expect(
      can('results', { action: 'dynamodb:BatchWriteItem', resource: surveys, leadingKeys: ['RESULT#c1'] }),
    ).toBe(true);
    expect(can('results', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['KEY#c1'] })).toBe(
      false,
    );
    expect(
      can('results', { action: 'dynamodb:GetItem', resource: table('directory'), leadingKeys: ['STAFF#1'] }),
    ).toBe(false);
    // Issue 13 (A6): its only KMS statement is the explicit deny of unit keys.
    expect(
      statements('results').some(
        (s) => s.Effect === 'Allow' && [s.Action].flat().some((a) => a.startsWith('kms:')),
      ),
    ).toBe(false);
    expect(can('results', { action: 'secretsmanager:GetSecretValue', resource: secret() })).toBe(false);
  });

  it('scheduler: opens and closes campaigns, wraps unit keys, touches nothing else', () => {
    const surveys = table('surveys');
    expect(
      can('scheduler', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['CAMPAIGN'] }),
    ).toBe(true);
    expect(
      can('scheduler', { action: 'dynamodb:BatchWriteItem', resource: surveys, leadingKeys: ['KEY#c1'] }),
    ).toBe(true);
    expect(
      can('scheduler', { action: 'dynamodb:PutItem', resource: surveys, leadingKeys: ['RESULT#c1'] }),
    ).toBe(false);
    expect(can('scheduler', { action: 'kms:Encrypt', resource: key(), context: { koe: 'c1/HR' } })).toBe(
      true,
    );
    expect(can('scheduler', { action: 'kms:Decrypt', resource: key(), context: { koe: 'c1/HR' } })).toBe(
      false,
    );
    // Of the feedback table, only the moving boxes nobody took (issue 19), which it deletes after their hour.
    const feedback = table('feedback');
    expect(
      can('scheduler', { action: 'dynamodb:BatchWriteItem', resource: feedback, leadingKeys: ['MOVE'] }),
    ).toBe(true);
    for (const leading of ['POSTS#2026', 'SPENT#2026', 'REDEEMED#2026'])
      expect(
        can('scheduler', { action: 'dynamodb:Query', resource: feedback, leadingKeys: [leading] }),
        leading,
      ).toBe(false);
    for (const s of statements('scheduler')) {
      expect(JSON.stringify(s)).not.toContain(table('responses'));
      if (JSON.stringify(s).includes(feedback))
        expect(JSON.stringify(s)).toContain('"dynamodb:LeadingKeys":["MOVE"]');
    }
  });
});

describe('front door', () => {
  it('logs API requests without address, agent, path or query', () => {
    const [[, stage]] = resourcesOf(dev, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FIELDS);
    for (const forbidden of ['sourceIp', 'userAgent', '$context.path', 'identity']) {
      expect(format).not.toContain(forbidden);
    }
  });

  it('throttles the anonymous routes by route and the rest by stage', () => {
    const [[, stage]] = resourcesOf(dev, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: 100,
      ThrottlingRateLimit: 50,
    });
    const settings = stage.Properties.RouteSettings;
    for (const route of [
      'POST /api/public/tokens',
      'POST /api/public/responses',
      'POST /api/public/feedback/posts',
    ]) {
      expect(settings[route]).toEqual({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
    }
    expect(settings['POST /api/auth/login']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    // Every throttled route exists, and the stage is created after the routes it names.
    const routeKeys = resourcesOf(dev, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    for (const key of Object.keys(settings)) expect(routeKeys).toContain(key);
    expect(stage.DependsOn.length).toBeGreaterThanOrEqual(routeKeys.length);
  });

  it('sends respondents’ routes to the public function and the rest to the admin function', () => {
    const integrationTarget = (routeKey: string) => {
      const [, route] = resourcesOf(dev, 'AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties.RouteKey === routeKey,
      )!;
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
      return dev.json.Resources[integrationId].Properties.IntegrationUri['Fn::GetAtt'][0];
    };
    for (const key of ['POST /api/public/tokens', 'POST /api/public/responses', 'ANY /api/public/{proxy+}']) {
      expect(integrationTarget(key)).toBe(dev.ids.functions.public);
    }
    for (const key of ['POST /api/auth/login', 'ANY /api/{proxy+}']) {
      expect(integrationTarget(key)).toBe(dev.ids.functions.admin);
    }
  });

  it('sends the web app’s security headers, the same as the API’s', async () => {
    const app = new Hono();
    app.use('*', securityHeaders({ hsts: true }));
    app.get('/', (c) => c.text('ok'));
    const res = await app.request('/');
    const [[, policy]] = resourcesOf(dev, 'AWS::CloudFront::ResponseHeadersPolicy') as [[string, any]];
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    const security = config.SecurityHeadersConfig;
    // The same policy, except that pages may also PUT a roster to the uploads bucket (presigned).
    const api = res.headers.get('content-security-policy')!;
    expect(api).toContain("connect-src 'self';");
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toEqual(
      dev.stack.resolve(api.replace("connect-src 'self'", `connect-src 'self' ${dev.stack.uploads.origin}`)),
    );
    expect(api).toContain("frame-ancestors 'none'");
    expect(security.FrameOptions.FrameOption).toBe(res.headers.get('x-frame-options'));
    expect(security.ContentTypeOptions.Override).toBe(true);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(security.ReferrerPolicy.ReferrerPolicy).toBe(res.headers.get('referrer-policy'));
    expect(`max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}; includeSubDomains`).toBe(
      res.headers.get('strict-transport-security'),
    );
    for (const h of config.CustomHeadersConfig.Items) expect(h.Value).toBe(res.headers.get(h.Header));
  });

  it('serves /api uncached, forwarding credentials and body type but not the viewer', () => {
    const [[, distribution]] = resourcesOf(dev, 'AWS::CloudFront::Distribution') as [[string, any]];
    const config = distribution.Properties.DistributionConfig;
    expect(config.Logging).toBeUndefined();
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.AllowedMethods).toContain('POST');
    const cache = dev.json.Resources[api.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect([cache.DefaultTTL, cache.MinTTL, cache.MaxTTL]).toEqual([0, 0, 1]);
    const key = cache.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.HeadersConfig.Headers).toEqual(['authorization']);
    expect(key.CookiesConfig.Cookies).toEqual(API_COOKIES);
    const request = dev.json.Resources[api.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
    expect(request.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: API_HEADERS });
    const forwarded = [...key.HeadersConfig.Headers, ...request.HeadersConfig.Headers];
    for (const viewer of ['user-agent', 'x-forwarded-for', 'cloudfront-viewer-address', 'host']) {
      expect(forwarded).not.toContain(viewer);
    }
  });

  it('serves the web app from a private bucket through origin access control, with page routing', () => {
    const [[, distribution]] = resourcesOf(dev, 'AWS::CloudFront::Distribution') as [[string, any]];
    const config = distribution.Properties.DistributionConfig;
    const web = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(web.OriginAccessControlId).toBeDefined();
    expect(web.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations[0].EventType).toBe('viewer-request');
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('deploys the built pages (revalidated) and assets (cached a year), pages after assets', () => {
    const deployments = resourcesOf(dev, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const pages = deployments.find(([, d]) => d.Properties.DistributionPaths)!;
    const assets = deployments.find(([, d]) => !d.Properties.DistributionPaths)!;
    expect(pages[1].Properties.SystemMetadata['cache-control']).toBe('no-cache');
    expect(pages[1].Properties.DistributionPaths).toEqual(['/*']);
    expect(assets[1].Properties.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(pages[1].DependsOn).toContain(assets[0]);
  });

  it('uses the custom domain and TLS 1.2 when one is given', () => {
    const custom = synthesize({
      stage: 'dev',
      domainName: 'koe.city.example.jp',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    });
    const [[, distribution]] = resourcesOf(custom, 'AWS::CloudFront::Distribution') as [[string, any]];
    const config = distribution.Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['koe.city.example.jp']);
    expect(config.ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    const admin = custom.json.Resources[custom.ids.functions.admin];
    expect(admin.Properties.Environment.Variables.KOE_PUBLIC_URL).toBe('https://koe.city.example.jp');
    expect(new AwsSolutionsChecks().validateScope(custom.stack).violations).toEqual([]);
  }, 60_000);
});

describe('the web build', () => {
  it('is uploaded without the brotli and gzip copies npm start serves: CloudFront compresses by itself', () => {
    const webDir = temporaryDir('koe-web-');
    for (const page of ['answer', 'console', 'feedback']) {
      mkdirSync(path.join(webDir, page));
      writeFileSync(path.join(webDir, page, 'index.html'), '<!doctype html>');
      writeFileSync(path.join(webDir, page, 'index.html.br'), 'br');
      writeFileSync(path.join(webDir, page, 'index.html.gz'), 'gz');
    }
    mkdirSync(path.join(webDir, 'assets'));
    for (const file of ['answer-1.js', 'answer-1.js.br', 'answer-1.js.gz', 'answer-1.css']) {
      writeFileSync(path.join(webDir, 'assets', file), file);
    }
    const outdir = temporaryDir('koe-web-out-');
    const { app, stack } = koeApp({
      outdir,
      context: { stage: 'dev', webDir, 'aws:cdk:bundling-stacks': [] },
    });
    expect(stack.web.built).toBe(true);
    app.synth();
    const staged = readdirSync(outdir)
      .filter((d) => d.startsWith('asset.'))
      .map((d) => path.join(outdir, d))
      .filter((d) => existsSync(path.join(d, 'answer/index.html')));
    expect(staged).toHaveLength(1);
    const files = readdirSync(staged[0]!, { recursive: true }).map(String).sort();
    expect(files).toEqual([
      'answer',
      'answer/index.html',
      'assets',
      'assets/answer-1.css',
      'assets/answer-1.js',
      'console',
      'console/index.html',
      'feedback',
      'feedback/index.html',
    ]);
  }, 60_000);
});

describe('without a web build', () => {
  const empty = () => temporaryDir('koe-no-web-');

  it('deploys a placeholder page in dev, with a warning', () => {
    const { stack } = koeApp({ context: { stage: 'dev', webDir: empty(), 'aws:cdk:bundling-stacks': [] } });
    expect(stack.web.built).toBe(false);
    const deployments = stack.node.findAll().filter((c) => c instanceof BucketDeployment);
    expect(deployments.map((d) => d.node.id)).toEqual(['Pages']);
    const warnings = stack.web.node.metadata.filter((m) => m.type === 'aws:cdk:warning');
    expect(JSON.stringify(warnings)).toContain('placeholder');
  });

  it('refuses to build the production stack', () => {
    expect(() =>
      koeApp({ context: { stage: 'prod', webDir: empty(), 'aws:cdk:bundling-stacks': [] } }),
    ).toThrow(/not built/);
  });
});

describe('schedules', () => {
  it('runs the scheduler every 5 minutes and the results function every 2; twice retried, then the failures queue', () => {
    const queue = dev.stack.getLogicalId(dev.stack.schedules.failures.node.defaultChild as CfnResource);
    const rules = resourcesOf(dev, 'AWS::Events::Rule').map(([, r]) => ({
      schedule: r.Properties.ScheduleExpression,
      target: r.Properties.Targets[0].Arn['Fn::GetAtt'][0],
      retries: r.Properties.Targets[0].RetryPolicy.MaximumRetryAttempts,
      deadLetter: r.Properties.Targets[0].DeadLetterConfig.Arn,
    }));
    const deadLetter = { 'Fn::GetAtt': [queue, 'Arn'] };
    expect(rules).toEqual(
      expect.arrayContaining([
        { schedule: 'rate(5 minutes)', target: dev.ids.functions.scheduler, retries: 2, deadLetter },
        { schedule: 'rate(2 minutes)', target: dev.ids.functions.results, retries: 2, deadLetter },
      ]),
    );
    expect(rules).toHaveLength(2);
    const configs = resourcesOf(dev, 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(2);
    for (const [, config] of configs) {
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      expect(config.Properties.DestinationConfig.OnFailure.Destination).toEqual(deadLetter);
    }
    const [, failures] = resourcesOf(dev, 'AWS::SQS::Queue').find(([id]) => id === queue)!;
    expect(failures.Properties.SqsManagedSseEnabled).toBe(true);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports nothing unacknowledged, in either stage', () => {
    for (const s of [dev, prod])
      expect(new AwsSolutionsChecks().validateScope(s.stack).violations).toEqual([]);
  });

  it('has a reason for every acknowledgement', () => {
    const acknowledged: Array<[string, string]> = [];
    for (const c of dev.stack.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          acknowledged.push(...Object.entries(m.data as Record<string, string>));
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThanOrEqual(40);
    }
  });
});

describe('outputs', () => {
  it('names the address and the function to bootstrap', () => {
    expect(Object.keys(dev.json.Outputs ?? {})).toEqual(
      expect.arrayContaining(['Url', 'AdminFunctionName', 'ApiEndpoint']),
    );
    expect(dev.json.Outputs!.AdminFunctionName.Value).toEqual({ Ref: dev.ids.functions.admin });
  });
});

/* What the snapshot pinned that no assertion above named (it was removed with this block). */

describe('tables, in detail', () => {
  it('key every table on string pk and sk, the directory index on string gsi1pk and gsi1sk', () => {
    for (const t of ['directory', 'surveys', 'responses', 'feedback'] as const) {
      const attributes = dev.json.Resources[dev.ids.tables[t]].Properties.AttributeDefinitions;
      const names = t === 'directory' ? ['pk', 'sk', 'gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
      expect(attributes).toEqual(names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })));
    }
  });

  it('live in the stack’s own region only; no stream copies answers out, no time-to-live drops them', () => {
    for (const [, t] of resourcesOf(dev, 'AWS::DynamoDB::GlobalTable')) {
      expect(t.Properties.Replicas).toHaveLength(1);
      expect(t.Properties.Replicas[0].Region).toEqual({ Ref: 'AWS::Region' });
      expect(t.Properties.StreamSpecification).toBeUndefined();
    }
    const responses = dev.json.Resources[dev.ids.tables.responses];
    expect(responses.Properties.TimeToLiveSpecification).toBeUndefined();
  });
});

describe('keys, in detail', () => {
  it('leaves the KMS key policy to the account (IAM decides), under the alias of the stack', () => {
    for (const s of [dev, prod]) {
      const key = wrappingKeyOf(s);
      const statements = key.Properties.KeyPolicy.Statement;
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
      expect(JSON.stringify(statements[0].Principal)).toMatch(/:root"/);
    }
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/koe-dev/wrapping' });
    prod.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/koe-prod/wrapping' });
  });

  it('waits 30 days before deleting the prod key, 7 in dev', () => {
    const pending = (s: Synthesized) => wrappingKeyOf(s).Properties.PendingWindowInDays;
    expect([pending(dev), pending(prod)]).toEqual([7, 30]);
  });
});

describe('functions, in detail', () => {
  const SIZES: Record<LambdaName, { memory: number; timeout: number }> = {
    public: { memory: 1024, timeout: 10 },
    admin: { memory: 1024, timeout: 29 },
    scheduler: { memory: 1024, timeout: 120 },
    results: { memory: 2048, timeout: 300 },
    report: { memory: 1769, timeout: 25 },
  };

  it('have their memory and timeouts; the HTTP ones end before API Gateway’s 30 s', () => {
    for (const name of ALL) {
      const fn = dev.json.Resources[dev.ids.functions[name]].Properties;
      expect({ memory: fn.MemorySize, timeout: fn.Timeout }, name).toEqual(SIZES[name]);
    }
    for (const name of ['public', 'admin'] as const) expect(SIZES[name].timeout).toBeLessThan(30);
    // The admin function waits for the report function: it must give up first.
    expect(SIZES.report.timeout).toBeLessThan(SIZES.admin.timeout);
  });

  it('are given exactly the variables they need, each pointing at the right resource', () => {
    const logicalId = (c: { node: { defaultChild?: unknown } }) =>
      dev.stack.getLogicalId(c.node.defaultChild as CfnResource);
    const keyId = logicalId(dev.stack.keys.wrappingKey);
    const secretId = logicalId(dev.stack.keys.sessionSecret);
    const originSecretId = logicalId(dev.stack.keys.originSecret);
    const distributionId = idOf(dev, 'AWS::CloudFront::Distribution');
    const variable = {
      directory: 'TABLE_DIRECTORY',
      surveys: 'TABLE_SURVEYS',
      responses: 'TABLE_RESPONSES',
      feedback: 'TABLE_FEEDBACK',
    };
    for (const name of NAMES) {
      const env = dev.json.Resources[dev.ids.functions[name]].Properties.Environment.Variables;
      const needs = NEEDS[name];
      expect(Object.keys(env).sort(), name).toEqual(
        [
          ...needs.tables.map((t) => variable[t]),
          ...(needs.keys ? ['KOE_KMS_KEY_ID'] : []),
          ...(needs.sessionSecret ? ['KOE_JWT_SECRET_ARN'] : []),
          ...(needs.publicUrl ? ['KOE_PUBLIC_URL'] : []),
          'POWERTOOLS_METRICS_NAMESPACE',
          'POWERTOOLS_SERVICE_NAME',
          // The API functions check CloudFront's origin header (functions/lambda/origin-secret.ts).
          ...(name === 'public' || name === 'admin' ? ['KOE_ORIGIN_SECRET_ARN'] : []),
          ...(name === 'admin' ? ['KOE_UPLOAD_BUCKET', 'KOE_REPORT_FUNCTION'] : []),
        ].sort(),
      );
      expect([env.POWERTOOLS_SERVICE_NAME, env.POWERTOOLS_METRICS_NAMESPACE]).toEqual([`koe-${name}`, 'koe']);
      if (name === 'public' || name === 'admin')
        expect(env.KOE_ORIGIN_SECRET_ARN).toEqual({ Ref: originSecretId });
      if (name === 'admin') {
        expect(env.KOE_UPLOAD_BUCKET).toEqual({ Ref: uploadsBucketId() });
        expect(env.KOE_REPORT_FUNCTION).toEqual({ Ref: dev.ids.functions.report });
      }
      if (needs.keys) expect(env.KOE_KMS_KEY_ID).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      if (needs.sessionSecret) expect(env.KOE_JWT_SECRET_ARN).toEqual({ Ref: secretId });
      if (needs.publicUrl)
        expect(env.KOE_PUBLIC_URL).toEqual({
          'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
        });
    }
  });

  it('report: told nothing but its log settings (no table, key, secret or bucket); the admin function told its name', () => {
    const env = dev.json.Resources[dev.ids.functions.report].Properties.Environment.Variables;
    expect(env).toEqual({ POWERTOOLS_SERVICE_NAME: 'koe-report', POWERTOOLS_METRICS_NAMESPACE: 'koe' });
  });

  it('keep their logs in prod when the stack goes, and drop them in dev', () => {
    for (const [s, policy] of [
      [dev, 'Delete'],
      [prod, 'Retain'],
    ] as const) {
      for (const name of ALL) {
        const fn = s.json.Resources[s.ids.functions[name]];
        expect(s.json.Resources[fn.Properties.LoggingConfig.LogGroup.Ref].DeletionPolicy).toBe(policy);
      }
    }
  });

  it('may be invoked only by this API and by their schedules', () => {
    const apiId = idOf(dev, 'AWS::ApiGatewayV2::Api');
    const permissions = resourcesOf(dev, 'AWS::Lambda::Permission').map(([, p]) => p.Properties);
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      expect(p.Action).toBe('lambda:InvokeFunction');
      if (p.Principal === 'apigateway.amazonaws.com') {
        expect(JSON.stringify(p.SourceArn)).toContain(JSON.stringify({ Ref: apiId }));
        expect([dev.ids.functions.public, dev.ids.functions.admin]).toContain(
          p.FunctionName['Fn::GetAtt'][0],
        );
      } else {
        expect(p.Principal).toBe('events.amazonaws.com');
        expect([dev.ids.functions.scheduler, dev.ids.functions.results]).toContain(
          p.FunctionName['Fn::GetAtt'][0],
        );
        expect(p.SourceArn['Fn::GetAtt'][0]).toMatch(/^Schedules/);
      }
    }
  });

  it('run a failed scheduled event again at most 10 minutes late (room for both retries), then give it up', () => {
    // Lambda retries an asynchronous event about 1 and 2 minutes after a failure.
    for (const [, config] of resourcesOf(dev, 'AWS::Lambda::EventInvokeConfig'))
      expect(config.Properties.MaximumEventAgeInSeconds).toBe(600);
    for (const [, rule] of resourcesOf(dev, 'AWS::Events::Rule')) {
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.Targets[0].RetryPolicy.MaximumEventAgeInSeconds).toBe(600);
    }
  });
});

describe('front door, in detail', () => {
  it('is an HTTP API passing payload 2.0 events to the functions, with authorisation in the app', () => {
    dev.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const integrations = resourcesOf(dev, 'AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [, i] of integrations)
      expect(i.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    for (const [, r] of resourcesOf(dev, 'AWS::ApiGatewayV2::Route'))
      expect(r.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('deploys one default stage, logging to a group kept as long as the functions’ logs', () => {
    for (const [s, days] of [
      [dev, 14],
      [prod, 90],
    ] as const) {
      const [[, stage]] = resourcesOf(s, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
      expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
      const group = s.json.Resources[stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]];
      expect(group.Type).toBe('AWS::Logs::LogGroup');
      expect(group.Properties.RetentionInDays).toBe(days);
    }
  });

  it('throttles the page loads of the respondents and the health check more loosely than writes', () => {
    const [[, stage]] = resourcesOf(dev, 'AWS::ApiGatewayV2::Stage') as [[string, any]];
    const settings = stage.Properties.RouteSettings;
    for (const route of ['POST /api/public/campaigns/{id}', 'ANY /api/public/{proxy+}', 'GET /api/health'])
      expect(settings[route], route).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(settings['POST /api/public/feedback/redeem']).toEqual({
      ThrottlingRateLimit: 100,
      ThrottlingBurstLimit: 200,
    });
  });

  it('caches no server error, serves HTTP/2 and 3 over IPv6 too, and reaches the API over TLS 1.2', () => {
    const [[, distribution]] = resourcesOf(dev, 'AWS::CloudFront::Distribution') as [[string, any]];
    const config = distribution.Properties.DistributionConfig;
    expect(config).toMatchObject({ Enabled: true, HttpVersion: 'http2and3', IPV6Enabled: true });
    expect(config.PriceClass).toBe('PriceClass_200');
    expect(config.CustomErrorResponses).toEqual(
      [500, 502, 503, 504].map((ErrorCode) => ({ ErrorCode, ErrorCachingMinTTL: 0 })),
    );
    const api = config.Origins.find((o: any) => o.CustomOriginConfig);
    expect(api.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // The web app takes only reads; the security headers go with pages and API answers alike.
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    const headers = config.DefaultCacheBehavior.ResponseHeadersPolicyId;
    expect(headers).toBeDefined();
    for (const b of config.CacheBehaviors) expect(b.ResponseHeadersPolicyId).toEqual(headers);
  });

  it('keeps the query string in the key of /api and lets nothing compress it twice', () => {
    const [[, policy]] = resourcesOf(dev, 'AWS::CloudFront::CachePolicy') as [[string, any]];
    const key = policy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
    expect(key.CookiesConfig.CookieBehavior).toBe('whitelist');
    expect([key.EnableAcceptEncodingGzip, key.EnableAcceptEncodingBrotli]).toEqual([false, false]);
  });

  it('routes pages with a CloudFront Function (JavaScript runtime 2.0), published', () => {
    const [[id, fn]] = resourcesOf(dev, 'AWS::CloudFront::Function') as [[string, any]];
    expect(fn.Properties.AutoPublish).toBe(true);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const [[, distribution]] = resourcesOf(dev, 'AWS::CloudFront::Distribution') as [[string, any]];
    expect(distribution.Properties.DistributionConfig.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [id, 'FunctionARN'] } },
    ]);
  });
});

describe('web bucket, in detail', () => {
  it('is encrypted, owned by the bucket owner (no ACLs), and signed for by CloudFront', () => {
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    dev.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  it('lets CloudFront read objects for this distribution only, and nobody else anything', () => {
    const bucketId = dev.stack.getLogicalId(dev.stack.web.bucket.node.defaultChild as CfnResource);
    const distributionId = idOf(dev, 'AWS::CloudFront::Distribution');
    const [[, policy]] = resourcesOf(dev, 'AWS::S3::BucketPolicy').filter(
      ([, p]) => (p as any).Properties.Bucket.Ref === bucketId,
    ) as [[string, any]];
    expect(policy.Properties.Bucket).toEqual({ Ref: bucketId });
    const allows = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow');
    const cloudFront = allows.filter((s: any) => s.Principal.Service === 'cloudfront.amazonaws.com');
    expect(cloudFront).toHaveLength(1);
    expect(cloudFront[0].Action).toBe('s3:GetObject');
    expect(JSON.stringify(cloudFront[0].Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
    // Besides CloudFront, only the dev stack's own clean-up (emptying the bucket when it is destroyed).
    for (const s of allows.filter((x: any) => x !== cloudFront[0]))
      expect(JSON.stringify(s.Principal)).toContain('CustomS3AutoDeleteObjects');
  });

  it('keeps old assets when pages are replaced, and waits for the page cache to be cleared', () => {
    for (const [, d] of resourcesOf(dev, 'Custom::CDKBucketDeployment')) {
      expect(d.Properties.Prune).toBe(false);
      expect(d.Properties.WaitForDistributionInvalidation).toBe(true);
    }
  });
});

describe('the whole stack', () => {
  it('tags every taggable resource with the app and its stage', () => {
    for (const [s, stage] of [
      [dev, 'dev'],
      [prod, 'prod'],
    ] as const) {
      let tagged = 0;
      for (const [id, r] of Object.entries(s.json.Resources)) {
        const tags = r.Properties?.Tags ?? r.Properties?.Replicas?.[0]?.Tags;
        if (!tags) continue;
        tagged++;
        const map = Array.isArray(tags) ? Object.fromEntries(tags.map((t: any) => [t.Key, t.Value])) : tags;
        expect(map, id).toMatchObject({ app: 'koe', stage });
      }
      expect(tagged).toBeGreaterThan(20);
    }
  });

  it('keeps every log group for a set time: two weeks in dev, three months in prod', () => {
    for (const [s, days] of [
      [dev, 14],
      [prod, 90],
    ] as const) {
      const groups = resourcesOf(s, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThanOrEqual(6);
      for (const [id, g] of groups) expect(g.Properties.RetentionInDays, id).toBe(days);
    }
  });
});

/** A statement with its actions in order, as CDK writes them with the recommended flags. */
function sortedActions(s: Statement): Statement {
  return Array.isArray(s.Action) ? { ...s, Action: [...s.Action].sort() } : s;
}

describe('roster uploads bucket', () => {
  it('is private, encrypted, TLS only, CORS for PUT alone, and forgets every object after a day', () => {
    for (const s of [dev, prod]) {
      const id = s.stack.getLogicalId(s.stack.uploads.bucket.node.defaultChild as CfnResource);
      const bucket = s.json.Resources[id].Properties;
      expect(
        bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({
        SSEAlgorithm: 'AES256',
      });
      expect(bucket.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.LifecycleConfiguration.Rules).toEqual([
        expect.objectContaining({
          ExpirationInDays: 1,
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }),
      ]);
      expect(bucket.CorsConfiguration.CorsRules).toEqual([
        expect.objectContaining({ AllowedMethods: ['PUT'] }),
      ]);
      const [[, policy]] = resourcesOf(s, 'AWS::S3::BucketPolicy').filter(
        ([, p]) => (p as any).Properties.Bucket.Ref === id,
      ) as [[string, any]];
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(policy.Properties.PolicyDocument.Statement.filter((st: any) => st.Effect === 'Allow')).toEqual(
        [],
      );
    }
  });

  it('is reached by the admin function alone, on roster-uploads/ only', () => {
    const statements = (name: LambdaName) => statementsOfRole(dev.json, dev.ids.roles[name]);
    const id = uploadsBucketId();
    const object = (key: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, `/${key}`]] });
    for (const name of ALL) {
      const touches = statements(name).filter((st) => JSON.stringify(st).includes(id));
      if (name !== 'admin') expect(touches, name).toEqual([]);
    }
    // Actions compared as a set: CDK orders them itself with the recommended flags.
    expect(
      statements('admin')
        .filter((st) => JSON.stringify(st).includes(id))
        .map(sortedActions),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: object('roster-uploads/*'),
        Sid: 'RosterUploads',
      },
    ]);
  });
});
