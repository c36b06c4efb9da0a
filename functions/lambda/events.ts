/**
 * The event shapes koe's functions receive on AWS, typed by hand (only the
 * fields koe reads or writes), so no `@types/aws-lambda` is needed.
 */

/** An API Gateway HTTP API request, payload format 2.0 (Lambda function URLs use the same shape). */
export interface HttpApiEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  };
}

/** What an HTTP API expects back from a payload 2.0 integration. */
export interface HttpApiResult {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** An EventBridge scheduled event (only what koe looks at). */
export interface ScheduledEvent {
  source: 'aws.events';
  'detail-type': 'Scheduled Event';
  time: string;
}

/** The part of the Lambda context koe uses. */
export interface LambdaContext {
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export function isHttpApiEvent(event: unknown): event is HttpApiEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<HttpApiEvent>;
  return e.version === '2.0' && typeof e.rawPath === 'string' && typeof e.requestContext?.http === 'object';
}
