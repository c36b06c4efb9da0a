import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  Function as CloudFrontFunction,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EDGE_CACHED_READS } from '../../functions/api/edge-cache';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/middleware/origin-verify';

/**
 * The page policy of functions/api/middleware/security-headers.ts, which the
 * API sends itself; CloudFront sends the same on the web app's files (a test
 * holds the two equal).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Same-origin isolation and no powerful features, as the API sends them. */
const EXTRA_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/**
 * API Gateway's access log: which route, how it ended, how long it took.
 * No address, no agent, no path (paths carry campaign ids), no query (codes).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  route: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationMs: '$context.integrationLatency',
  error: '$context.error.message',
};

/** The session cookies and the header the console sends with them (functions/api/middleware/auth.ts). */
export const API_COOKIES = ['koe_session', 'koe_csrf'];
export const API_HEADERS = ['content-type', 'x-csrf-token'];

/**
 * Viewer-request routing for the web app (CloudFront Functions, JS 2.0):
 * `/` goes to the console; a folder gets its index.html; any client-side
 * route under /console/ gets the console's page (the SPA routes itself);
 * a bare page name gets its trailing slash.
 */
export const WEB_ROUTING_CODE = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') return redirect('/console/');
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (uri.indexOf('/console/') === 0 && last.indexOf('.') === -1) {
    request.uri = '/console/index.html';
    return request;
  }
  if (last === '') {
    request.uri = uri + 'index.html';
    return request;
  }
  if (last.indexOf('.') === -1) return redirect(uri + '/');
  return request;
}
function redirect(location) {
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: location } } };
}
`.trim();

export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

export interface FrontDoorProps {
  webBucket: IBucket;
  /** Sent to the API as the origin-verify header (functions/api/middleware/origin-verify.ts). */
  originSecret: ISecret;
  /** The CloudFront web ACL of the `-edge` stack (infra/edge-stack.ts). */
  webAclArn?: string;
  /** Respondents' write routes: tokens, answers, feedback batches and posts. */
  publicThrottle: RouteThrottle;
  domainName?: string;
  certificateArn?: string;
  logRetention: RetentionDays;
  retainLogs: boolean;
  /** Origins the pages may also connect to (the roster upload bucket's presigned PUTs). */
  connectSources?: string[];
}

/**
 * One HTTPS address for everything: CloudFront serves the web app from its
 * private bucket and sends /api/* to an HTTP API (uncached but for the
 * anonymous reads of functions/api/edge-cache.ts), behind the city's web ACL
 * when one is given, with the origin-verify header; the API's routes go
 * to the public or the admin function. Route-level throttling caps what the
 * anonymous routes can cost (docs/DEPLOY.md explains the choice).
 */
export class FrontDoor extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** API Gateway's access log (route, status, latency; no address, agent or path). */
  readonly accessLogs: LogGroup;
  readonly distribution: Distribution;
  /** The address people use: the custom domain, or CloudFront's own. */
  readonly url: string;
  readonly #props: FrontDoorProps;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    this.#props = props;
    const stack = Stack.of(this);

    this.api = new HttpApi(this, 'Api', {
      description: 'koe /api: public and admin functions',
      createDefaultStage: false,
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Respondent routes are anonymous by design (the invitation code and blind token are the credentials); HR routes are authenticated by the admin function (signed session, role checks), which API Gateway authorizers cannot verify.',
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.accessLogs = accessLogs;
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // HR's routes; the respondents' routes have their own limits (addRoutes).
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // CloudFront policies and origin access controls are named per account, not
    // per region: the names carry the stack and the region, so the same stage can
    // be deployed in two regions of one account.
    const named = (what: string) => `${stack.stackName}-${what}-${stack.region}`;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: named('security-headers'),
      comment: 'koe: the security headers of functions/api/middleware/security-headers.ts',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: CONTENT_SECURITY_POLICY.replace(
            "connect-src 'self'",
            ["connect-src 'self'", ...(props.connectSources ?? [])].join(' '),
          ),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(EXTRA_HEADERS).map(([header, value]) => ({
          header,
          value,
          override: true,
        })),
      },
    });

    // Nothing under /api is cached: every response says no-store, and API
    // Gateway's own errors carry no caching header (default TTL 0). CloudFront
    // refuses credentials in a cache policy whose TTLs are all 0, hence the
    // one-second maximum; the credentials are in the key, so even that second
    // could never serve one user's response to another.
    const apiCache = new CachePolicy(this, 'ApiCache', {
      cachePolicyName: named('api'),
      comment: 'koe /api: not cached; credentials and query in the key',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('authorization'),
      cookieBehavior: CacheCookieBehavior.allowList(...API_COOKIES),
      queryStringBehavior: CacheQueryStringBehavior.all(),
    });
    // What else the API needs. Not the viewer's address or agent: CloudFront
    // adds X-Forwarded-For regardless, and the public function drops it.
    const apiRequest = new OriginRequestPolicy(this, 'ApiRequest', {
      originRequestPolicyName: named('api-request'),
      comment: 'koe /api: the body type and the CSRF header',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...API_HEADERS),
      cookieBehavior: OriginRequestCookieBehavior.none(),
      queryStringBehavior: OriginRequestQueryStringBehavior.none(),
    });

    const routing = new CloudFrontFunction(this, 'WebRouting', {
      comment: 'koe: page routing for the web app',
      code: FunctionCode.fromInline(WEB_ROUTING_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    // Every request CloudFront sends to the API carries the origin-verify
    // secret (a CloudFormation dynamic reference: the value is resolved at
    // deploy and appears in no template). The functions refuse requests
    // without it, so the execute-api address cannot bypass the web ACL or
    // the edge cache. (Disabling that address instead needs a custom domain
    // on API Gateway, with a second, regional certificate.)
    const apiOrigin = new HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
    });
    // The anonymous reads that are the same for everyone (functions/api/edge-cache.ts):
    // kept at the edge for their max-age, keyed by the query strings that
    // matter; no cookie and no header reaches the API on these paths.
    const cachedReads: Record<string, BehaviorOptions> = {};
    for (const [index, read] of EDGE_CACHED_READS.entries()) {
      const policy = new CachePolicy(this, `EdgeCache${index}`, {
        cachePolicyName: named(`edge-cache-${index}`),
        comment: `koe ${read.pathPattern}: ${read.maxAgeSeconds} s, anonymous`,
        defaultTtl: Duration.seconds(read.maxAgeSeconds),
        minTtl: Duration.seconds(0),
        maxTtl: Duration.seconds(read.maxAgeSeconds),
        headerBehavior: CacheHeaderBehavior.none(),
        cookieBehavior: CacheCookieBehavior.none(),
        queryStringBehavior:
          read.query.length > 0
            ? CacheQueryStringBehavior.allowList(...read.query)
            : CacheQueryStringBehavior.none(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      });
      cachedReads[read.pathPattern] = {
        origin: apiOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: policy,
        responseHeadersPolicy: headers,
        compress: true,
      };
    }

    const certificate = props.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `koe ${stack.stackName}`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.webBucket, {
          originAccessControl: new S3OriginAccessControl(this, 'WebAccess', {
            originAccessControlName: named('web'),
            description: 'koe: CloudFront reads the web bucket',
          }),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: routing, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        // More specific patterns first: CloudFront takes the first that matches.
        ...cachedReads,
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachedMethods: CachedMethods.CACHE_GET_HEAD,
          cachePolicy: apiCache,
          originRequestPolicy: apiRequest,
          responseHeadersPolicy: headers,
          compress: true,
        },
      },
      // The API's server errors are never kept at the edge.
      errorResponses: [500, 502, 503, 504].map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      priceClass: PriceClass.PRICE_CLASS_200,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // Standard logs record the viewer's address and agent: DESIGN §3 forbids that on the submit path.
      enableLogging: false,
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.domainName && certificate
        ? {
            domainNames: [props.domainName],
            certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.url = props.domainName
      ? `https://${props.domainName}`
      : `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront access logs record the viewer address and user agent of every request, including answer submission; DESIGN §3 forbids keeping them. API Gateway keeps a log without them.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Staff answer from anywhere (home, business trips abroad); invitation codes restrict who can answer.',
      },
    );
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No -c webAclArn given (a dev stack): deploy the -edge stack in us-east-1 and pass its WebAclArn output (docs/DEPLOY.md). Route throttling in API Gateway still caps the anonymous routes.',
      });
    }
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'With CloudFront’s default certificate the minimum TLS version cannot be raised; deploy with -c domainName=… -c certificateArn=… to require TLS 1.2.',
      });
    }
  }

  /** Sends the API's routes to the two functions, with the respondents' routes throttled on their own. */
  addRoutes(functions: { public: IFunction; admin: IFunction }): void {
    const publicApp = new HttpLambdaIntegration('PublicIntegration', functions.public);
    const adminApp = new HttpLambdaIntegration('AdminIntegration', functions.admin);
    const write = this.#props.publicThrottle;
    const read = { rateLimit: write.rateLimit * 2, burstLimit: write.burstLimit * 2 };
    const signIn = { rateLimit: 5, burstLimit: 10 };
    const table: Array<[HttpMethod, string, HttpLambdaIntegration, RouteThrottle | undefined]> = [
      [HttpMethod.GET, '/api/health', publicApp, read],
      [HttpMethod.POST, '/api/public/campaigns/{id}', publicApp, read],
      [HttpMethod.POST, '/api/public/tokens', publicApp, write],
      [HttpMethod.POST, '/api/public/responses', publicApp, write],
      [HttpMethod.POST, '/api/public/feedback/redeem', publicApp, write],
      [HttpMethod.POST, '/api/public/feedback/posts', publicApp, write],
      [HttpMethod.ANY, '/api/public/{proxy+}', publicApp, read],
      [HttpMethod.POST, '/api/auth/login', adminApp, signIn],
      [HttpMethod.ANY, '/api/{proxy+}', adminApp, undefined],
    ];
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const routes: HttpRoute[] = [];
    for (const [method, path, integration, throttle] of table) {
      routes.push(...this.api.addRoutes({ path, methods: [method], integration }));
      if (throttle) {
        routeSettings[`${method} ${path}`] = {
          ThrottlingRateLimit: throttle.rateLimit,
          ThrottlingBurstLimit: throttle.burstLimit,
        };
      }
    }
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings;
    // Route settings name routes: the stage must come after them.
    for (const route of routes) this.stage.node.addDependency(route);
  }
}
