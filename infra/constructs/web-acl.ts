import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebAclProps {
  /** Sign-in attempts one address may make in five minutes. */
  signInLimit: number;
  /** Requests to /api/public/* one address may make in five minutes. */
  publicLimit: number;
}

/** The body WAF sends with its 429s: koe's error shape (functions/api/on-error.ts), Japanese first. */
export const RATE_LIMITED_BODY = JSON.stringify({
  error: {
    code: 'rate_limited',
    message:
      'アクセスが集中しています。しばらくしてから再度お試しください。 / Too many requests from this network; please try again in a few minutes.',
  },
});

/** The window WAF counts each address's requests over. */
export const RATE_WINDOW_SECONDS = 300;

/**
 * The CloudFront web ACL (scope CLOUDFRONT, so its stack is in us-east-1).
 *
 * - Per-address rate rules on sign-in and on the respondents' routes. A city's
 *   staff often reach the internet through a few shared addresses (the city
 *   hall's NAT, LGWAN gateways), so the limits are inputs and the public one is
 *   high: it stops one script, not a department answering at once.
 * - AWS managed groups: the IP reputation list and the Common rule set. The
 *   Common set's SizeRestrictions_BODY blocks any body over 8 KB: koe's API
 *   takes JSON up to 256 KB (long free-text answers, batched feedback) and
 *   rosters up to 8 MB (/api/staff/import), so that one rule only counts; the
 *   API enforces its own limits (functions/api/middleware/body-limit.ts) and
 *   the other body rules inspect the first 16 KB as usual.
 * - No logging and no sampled requests: both record the client address,
 *   which koe never keeps (docs/DESIGN.md §3, docs/SECURITY.md).
 */
export class WebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests show the viewer's address and headers in the console.
      sampledRequestsEnabled: false,
    });
    const path = (positionalConstraint: 'EXACTLY' | 'STARTS_WITH', searchString: string) => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint,
        searchString,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const rateRule = (
      name: string,
      priority: number,
      limit: number,
      scopeDownStatement: CfnWebACL.StatementProperty,
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: 'rateLimited',
            responseHeaders: [{ name: 'retry-after', value: String(RATE_WINDOW_SECONDS / 5) }],
          },
        },
      },
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit,
          evaluationWindowSec: RATE_WINDOW_SECONDS,
          scopeDownStatement,
        },
      },
      visibilityConfig: visibility(name),
    });
    const managed = (
      name: string,
      priority: number,
      ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
    ): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(ruleActionOverrides ? { ruleActionOverrides } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });

    this.acl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      description: 'koe - per-address rate limits on sign-in and respondent routes, AWS managed rules',
      defaultAction: { allow: {} },
      customResponseBodies: {
        rateLimited: { contentType: 'APPLICATION_JSON', content: RATE_LIMITED_BODY },
      },
      rules: [
        rateRule('SignInPerAddress', 0, props.signInLimit, path('EXACTLY', '/api/auth/login')),
        rateRule('PublicPerAddress', 1, props.publicLimit, path('STARTS_WITH', '/api/public/')),
        managed('AWSManagedRulesAmazonIpReputationList', 2),
        managed('AWSManagedRulesCommonRuleSet', 3, [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
      ],
      visibilityConfig: visibility('koe'),
    });
  }
}
