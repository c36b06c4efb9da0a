import { ORIGIN_VERIFY_HEADER } from '../../../functions/api/middleware/origin-verify';
import type { HttpApiEvent, HttpApiResult } from '../../../functions/lambda/events';

/** The viewer's details as CloudFront and API Gateway pass them on; they must go nowhere. */
export const VIEWER = { ip: '203.0.113.77', agent: 'KoeViewerAgent/9.9 (test)' };

/**
 * The origin-verify secret the bundle tests give the API functions
 * (KOE_ORIGIN_SECRET); CloudFront sends it as this header on AWS.
 */
export const TEST_ORIGIN_SECRET = 'bundle-test-origin-secret-0123456789abcdefghij';

export interface EventOptions {
  /** false: the request reaches the execute-api address directly, without CloudFront's origin header. */
  viaCloudFront?: boolean;
  headers?: Record<string, string>;
  /** JSON bodies are sent as text; anything else base64-encoded, as API Gateway does. */
  body?: unknown;
  contentType?: string;
  cookies?: string[];
}

/**
 * An API Gateway HTTP API request, payload format 2.0, as CloudFront and API
 * Gateway deliver it: X-Forwarded-For and User-Agent included.
 */
export function httpEvent(method: string, url: string, options: EventOptions = {}): HttpApiEvent {
  const [rawPath, rawQueryString = ''] = url.split('?') as [string, string?];
  const query = new URLSearchParams(rawQueryString);
  const json = options.body !== undefined && options.contentType === undefined;
  const contentType = options.contentType ?? (json ? 'application/json' : undefined);
  const domainName = 'a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';
  const now = Date.now();
  const headers: Record<string, string> = {
    host: domainName,
    'x-forwarded-for': `${VIEWER.ip}, 130.176.0.1`,
    'x-forwarded-proto': 'https',
    'user-agent': VIEWER.agent,
    via: '2.0 abcdef.cloudfront.net (CloudFront)',
    ...(options.viaCloudFront === false ? {} : { [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_SECRET }),
    ...(contentType ? { 'content-type': contentType } : {}),
    ...options.headers,
  };
  let body: string | undefined;
  let isBase64Encoded = false;
  if (options.body !== undefined) {
    if (json) body = JSON.stringify(options.body);
    else {
      body = Buffer.from(options.body as string | Uint8Array).toString('base64');
      isBase64Encoded = true;
    }
  }
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName,
      domainPrefix: 'a1b2c3d4e5',
      requestId: `r${now.toString(36)}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: VIEWER.ip, userAgent: VIEWER.agent },
    },
  };
}

/** The JSON body of a handler's result (decoded if the adapter base64-encoded it). */
export function jsonOf(result: HttpApiResult): any {
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  return text ? JSON.parse(text) : undefined;
}
