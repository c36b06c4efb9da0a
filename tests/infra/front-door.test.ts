import type { CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_CACHED_READS } from '../../functions/api/edge-cache';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/middleware/origin-verify';
import type { LambdaName } from '../../infra/bundling';
import { RESPONSES_KEY_USE } from '../../infra/constructs/data';
import { RATE_LIMITED_BODY } from '../../infra/constructs/web-acl';
import { isAllowed } from './support/iam';
import { removeTemporaryDirs, type Synthesized, statementsOfRole, synthesize } from './support/synth';

/**
 * The front door and the operations side of a city's production stack, from
 * one synthesis (with a web ACL, an alarm address, a city and a bootstrap
 * qualifier of its own): the web ACL (its `-edge` stack), origin
 * verification, edge caching, alarms, the responses key, backups, tags and
 * names. cdk-nag runs in the synthesis itself (infra/koe-app.ts).
 */

const WEB_ACL_ARN =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/koe-aizu-prod-edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const ALARM_EMAIL = 'joho@city.example.jp';
const QUALIFIER = 'koeaizu';

let prod: Synthesized;
beforeAll(() => {
  prod = synthesize({
    stage: 'prod',
    city: 'aizu',
    webAclArn: WEB_ACL_ARN,
    alarmEmail: ALARM_EMAIL,
    '@aws-cdk/core:bootstrapQualifier': QUALIFIER,
  });
}, 240_000);
afterAll(removeTemporaryDirs);

const resources = (json: Synthesized['json'], type: string) =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const only = (json: Synthesized['json'], type: string) => {
  const found = resources(json, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const idOf = (c: { node: { defaultChild?: unknown } }) =>
  prod.stack.getLogicalId(c.node.defaultChild as CfnResource);
const distribution = () => only(prod.json, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;

describe('the web ACL (its own stack, in us-east-1)', () => {
  it('is a CloudFront web ACL in us-east-1, attached to the distribution by its ARN', () => {
    expect(prod.edge.stack.region).toBe('us-east-1');
    expect(prod.edge.stack.stackName).toBe('koe-aizu-prod-edge');
    const [, acl] = only(prod.edge.json, 'AWS::WAFv2::WebACL');
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    expect(distribution().WebACLId).toBe(WEB_ACL_ARN);
    expect(prod.edge.json.Outputs?.WebAclArn?.Value).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
  });

  it('limits each address on sign-in and on the public routes, answering 429 in koe’s error shape', () => {
    const [, acl] = only(prod.edge.json, 'AWS::WAFv2::WebACL');
    const rules: any[] = acl.Properties.Rules;
    const rate = (name: string) => rules.find((r) => r.Name === name)!;
    for (const [name, constraint, path, limit] of [
      ['SignInPerAddress', 'EXACTLY', '/api/auth/login', 100],
      ['PublicPerAddress', 'STARTS_WITH', '/api/public/', 10_000],
    ] as const) {
      const rule = rate(name);
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        AggregateKeyType: 'IP',
        Limit: limit,
        EvaluationWindowSec: 300,
        ScopeDownStatement: {
          ByteMatchStatement: {
            FieldToMatch: { UriPath: {} },
            PositionalConstraint: constraint,
            SearchString: path,
          },
        },
      });
      expect(rule.Action.Block.CustomResponse).toMatchObject({
        ResponseCode: 429,
        CustomResponseBodyKey: 'rateLimited',
      });
    }
    const body = JSON.parse(acl.Properties.CustomResponseBodies.rateLimited.Content);
    expect(body).toEqual(JSON.parse(RATE_LIMITED_BODY));
    expect(body.error.code).toBe('rate_limited');
  });

  it('runs the AWS IP reputation list and the Common rule set, whose body-size rule only counts', () => {
    const [, acl] = only(prod.edge.json, 'AWS::WAFv2::WebACL');
    const managed = (acl.Properties.Rules as any[])
      .filter((r) => r.Statement.ManagedRuleGroupStatement)
      .map((r) => ({ override: r.OverrideAction, group: r.Statement.ManagedRuleGroupStatement }));
    expect(managed.map((m) => `${m.group.VendorName}/${m.group.Name}`).sort()).toEqual([
      'AWS/AWSManagedRulesAmazonIpReputationList',
      'AWS/AWSManagedRulesCommonRuleSet',
    ]);
    for (const m of managed) expect(m.override).toEqual({ None: {} });
    const common = managed.find((m) => m.group.Name === 'AWSManagedRulesCommonRuleSet')!;
    expect(common.group.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
    // Rate limits are evaluated first, so a flood is cut before the managed groups are billed for it.
    const priorities = Object.fromEntries((acl.Properties.Rules as any[]).map((r) => [r.Name, r.Priority]));
    expect(priorities.SignInPerAddress).toBeLessThan(priorities.AWSManagedRulesCommonRuleSet);
    expect(priorities.PublicPerAddress).toBeLessThan(priorities.AWSManagedRulesAmazonIpReputationList);
  });

  it('logs nothing and samples nothing: WAF would record every client address', () => {
    const [, acl] = only(prod.edge.json, 'AWS::WAFv2::WebACL');
    const configs = [
      acl.Properties.VisibilityConfig,
      ...acl.Properties.Rules.map((r: any) => r.VisibilityConfig),
    ];
    for (const c of configs) expect(c.SampledRequestsEnabled).toBe(false);
    for (const json of [prod.json, prod.edge.json]) {
      expect(resources(json, 'AWS::WAFv2::LoggingConfiguration')).toEqual([]);
    }
  });
});

describe('origin verification', () => {
  it('CloudFront sends the deploy-time secret to the API origin (a dynamic reference), not to the bucket', () => {
    const secretId = idOf(prod.stack.keys.originSecret);
    const secret = prod.json.Resources[secretId];
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(secret.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    expect(secret.Properties.SecretString).toBeUndefined();
    const origins: any[] = distribution().Origins;
    const api = origins.filter((o) => o.CustomOriginConfig);
    expect(api).toHaveLength(1);
    expect(api[0].OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_VERIFY_HEADER,
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        },
      },
    ]);
    for (const o of origins.filter((o) => o.S3OriginConfig)) expect(o.OriginCustomHeaders).toBeUndefined();
  });

  it('the API functions know where it is and may read it; the scheduled and report functions may not', () => {
    const secretId = idOf(prod.stack.keys.originSecret);
    const names: LambdaName[] = ['public', 'admin', 'results', 'scheduler', 'report'];
    for (const name of names) {
      const env = prod.json.Resources[prod.ids.functions[name]].Properties.Environment.Variables;
      const api = name === 'public' || name === 'admin';
      expect(env.KOE_ORIGIN_SECRET_ARN, name).toEqual(api ? { Ref: secretId } : undefined);
      expect(env.KOE_ORIGIN_SECRET, name).toBeUndefined();
      const read = isAllowed(statementsOfRole(prod.json, prod.ids.roles[name]), {
        action: 'secretsmanager:GetSecretValue',
        resource: secretId,
      });
      expect(read, name).toBe(api);
    }
  });
});

describe('edge caching', () => {
  it('keeps the anonymous reads at the edge, keyed by the query strings that matter, without cookies', () => {
    const config = distribution();
    const behaviors: any[] = config.CacheBehaviors;
    const patterns = behaviors.map((b) => b.PathPattern);
    // More specific patterns come before /api/*: CloudFront takes the first match.
    expect(patterns.at(-1)).toBe('/api/*');
    const policies = Object.fromEntries(resources(prod.json, 'AWS::CloudFront::CachePolicy'));
    for (const read of EDGE_CACHED_READS) {
      const behavior = behaviors.find((b) => b.PathPattern === read.pathPattern);
      expect(behavior, read.pathPattern).toBeDefined();
      expect(patterns.indexOf(read.pathPattern)).toBeLessThan(patterns.indexOf('/api/*'));
      expect(behavior.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
      expect(behavior.OriginRequestPolicyId).toBeUndefined();
      const api = config.Origins.find((o: any) => o.Id === behavior.TargetOriginId);
      expect(api.OriginCustomHeaders.map((h: any) => h.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
      const policy = policies[behavior.CachePolicyId.Ref].Properties.CachePolicyConfig;
      expect(read.maxAgeSeconds).toBeGreaterThanOrEqual(30);
      expect(read.maxAgeSeconds).toBeLessThanOrEqual(60);
      expect(policy).toMatchObject({ DefaultTTL: read.maxAgeSeconds, MaxTTL: read.maxAgeSeconds, MinTTL: 0 });
      const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
      expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
      expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'none' });
      if (read.query.length === 0) expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
      else
        expect(key.QueryStringsConfig).toEqual({
          QueryStringBehavior: 'whitelist',
          QueryStrings: read.query,
        });
    }
    // Everything else under /api stays effectively uncached (credentials in the key, at most 1 s).
    const rest = behaviors.find((b) => b.PathPattern === '/api/*');
    expect(policies[rest.CachePolicyId.Ref].Properties.CachePolicyConfig.MaxTTL).toBe(1);
  });
});

describe('alarms and the dashboard', () => {
  it('sends every alarm (and its recovery) to one SNS topic with the e-mail input subscribed', () => {
    const [topicId] = only(prod.json, 'AWS::SNS::Topic');
    const [, subscription] = only(prod.json, 'AWS::SNS::Subscription');
    expect(subscription.Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: ALARM_EMAIL,
      TopicArn: { Ref: topicId },
    });
    const alarms = resources(prod.json, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [, a] of alarms) {
      expect(a.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('watches errors and throttles of each function, API 5xx and 429s, DynamoDB, and failed scheduled runs', () => {
    const alarms = resources(prod.json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const watching = (namespace: string, metric: string, dimension?: unknown) =>
      alarms.filter((a) => {
        const metrics = a.Metrics
          ? a.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric)
          : [{ Namespace: a.Namespace, MetricName: a.MetricName, Dimensions: a.Dimensions }];
        return metrics.some(
          (m: any) =>
            m.Namespace === namespace &&
            m.MetricName === metric &&
            (dimension === undefined || JSON.stringify(m.Dimensions).includes(JSON.stringify(dimension))),
        );
      });
    for (const name of Object.keys(prod.ids.functions) as LambdaName[]) {
      const fn = { Ref: prod.ids.functions[name] };
      expect(watching('AWS/Lambda', 'Errors', fn), name).toHaveLength(1);
      expect(watching('AWS/Lambda', 'Throttles', fn), name).toHaveLength(1);
    }
    expect(watching('AWS/ApiGateway', '5xx')).toHaveLength(1);
    expect(watching('koe/koe-aizu-prod', 'Api429')).toHaveLength(1);
    for (const table of Object.values(prod.ids.tables)) {
      expect(watching('AWS/DynamoDB', 'ReadThrottleEvents', { Ref: table })).toHaveLength(1);
      expect(watching('AWS/DynamoDB', 'WriteThrottleEvents', { Ref: table })).toHaveLength(1);
      expect(watching('AWS/DynamoDB', 'SystemErrors', { Ref: table })).toHaveLength(1);
    }
    const queue = idOf(prod.stack.schedules.failures);
    const failed = watching('AWS/SQS', 'ApproximateNumberOfMessagesVisible', {
      Name: 'QueueName',
      Value: { 'Fn::GetAtt': [queue, 'QueueName'] },
    });
    expect(failed).toHaveLength(1);
    expect(failed[0].Threshold).toBe(1);
  });

  it('counts 429s from the access log by status only, and has a dashboard', () => {
    const [, filter] = only(prod.json, 'AWS::Logs::MetricFilter');
    expect(filter.Properties.FilterPattern).toBe('{ $.status = "429" }');
    expect(filter.Properties.LogGroupName).toEqual({ Ref: idOf(prod.stack.frontDoor.accessLogs) });
    const [, dashboard] = only(prod.json, 'AWS::CloudWatch::Dashboard');
    expect(JSON.stringify(dashboard.Properties.DashboardBody)).toContain('koe alarms');
  });
});

describe('the responses key', () => {
  it('encrypts the responses table only, with a customer-managed key that rotates', () => {
    const keyId = idOf(prod.stack.data.responsesKey);
    const key = prod.json.Resources[keyId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    for (const [name, tableId] of Object.entries(prod.ids.tables)) {
      const table = prod.json.Resources[tableId].Properties;
      if (name === 'responses') {
        expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
        expect(table.Replicas[0].SSESpecification).toEqual({
          KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        });
      } else {
        expect(JSON.stringify(table), name).not.toContain('KMSMasterKeyId');
      }
    }
  });

  it('may be used only through DynamoDB, in this account, by the public and results roles', () => {
    const statements: any[] =
      prod.json.Resources[idOf(prod.stack.data.responsesKey)].Properties.KeyPolicy.Statement;
    const use = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];
    const grants = (s: any, action: string) =>
      [s.Action].flat().some((a: string) => new RegExp(`^${a.replace('*', '.*')}$`).test(action));
    expect(statements.filter((s) => use.some((a) => grants(s, a)))).toHaveLength(1);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      const usesKey = use.some((a) => grants(s, a));
      if (!usesKey) continue;
      expect(s.Principal.AWS).toEqual([
        { 'Fn::GetAtt': [prod.ids.roles.public, 'Arn'] },
        { 'Fn::GetAtt': [prod.ids.roles.results, 'Arn'] },
      ]);
      expect(s.Condition).toEqual({
        StringEquals: {
          'kms:ViaService': {
            'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
          },
          'kms:CallerAccount': { Ref: 'AWS::AccountId' },
        },
      });
      expect([s.Action].flat().sort()).toEqual([...RESPONSES_KEY_USE].sort());
    }
    // The account's administrators manage the key but are given no use of it, and no wildcard action.
    const root = statements.find((s) => JSON.stringify(s.Principal).includes(':root'))!;
    for (const a of use) expect(grants(root, a), a).toBe(false);
    expect([root.Action].flat()).not.toContain('kms:*');
  });
});

describe('hygiene', () => {
  it('backs the four tables up daily in prod, kept 35 days', () => {
    const [, plan] = only(prod.json, 'AWS::Backup::BackupPlan');
    const rules: any[] = plan.Properties.BackupPlan.BackupPlanRule;
    expect(rules.map((r) => r.Lifecycle.DeleteAfterDays)).toEqual([35]);
    const [, selection] = only(prod.json, 'AWS::Backup::BackupSelection');
    const arns = JSON.stringify(selection.Properties.BackupSelection.Resources);
    for (const table of Object.values(prod.ids.tables)) expect(arns).toContain(table);
  });

  it('tags everything it can with the city, for cost allocation', () => {
    const tagged = Object.values(prod.json.Resources).filter((r: any) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(10);
    for (const r of tagged as any[])
      expect(r.Properties.Tags, r.Type).toContainEqual({ Key: 'city', Value: 'aizu' });
  });

  it('names account-wide CloudFront resources with the stack and the region', () => {
    const named: Array<[string, unknown]> = [
      ...resources(prod.json, 'AWS::CloudFront::CachePolicy').map(
        ([, r]) => [r.Type, r.Properties.CachePolicyConfig.Name] as [string, unknown],
      ),
      ...resources(prod.json, 'AWS::CloudFront::OriginRequestPolicy').map(
        ([, r]) => [r.Type, r.Properties.OriginRequestPolicyConfig.Name] as [string, unknown],
      ),
      ...resources(prod.json, 'AWS::CloudFront::ResponseHeadersPolicy').map(
        ([, r]) => [r.Type, r.Properties.ResponseHeadersPolicyConfig.Name] as [string, unknown],
      ),
      ...resources(prod.json, 'AWS::CloudFront::OriginAccessControl').map(
        ([, r]) => [r.Type, r.Properties.OriginAccessControlConfig.Name] as [string, unknown],
      ),
      ...resources(prod.json, 'AWS::CloudFront::Function').map(
        ([, r]) => [r.Type, r.Properties.Name] as [string, unknown],
      ),
    ];
    expect(named.length).toBeGreaterThanOrEqual(7);
    for (const [type, name] of named) expect(JSON.stringify(name), type).toContain('{"Ref":"AWS::Region"}');
  });

  it('uses the bootstrap qualifier from context, and cdk-nag finds nothing unacknowledged', () => {
    const rule = prod.json as unknown as { Parameters: { BootstrapVersion: { Default: string } } };
    expect(rule.Parameters.BootstrapVersion.Default).toBe(`/cdk-bootstrap/${QUALIFIER}/version`);
    for (const stack of [prod.stack, prod.edge.stack]) {
      expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
    }
  });
});
