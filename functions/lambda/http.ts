import type { Hono } from 'hono';
// The one import of Hono's Lambda adapter. `hono/aws-lambda` is deprecated in
// favour of `@hono/aws-lambda`, which is not published yet; when it is, this
// line is the only one to change.
import { handle } from 'hono/aws-lambda';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from './events';
import { jobError, logger, publishMetrics } from './observability';

/**
 * Headers that describe the viewer rather than the request: CloudFront always
 * appends the viewer's address to X-Forwarded-For, and the agent travels in
 * User-Agent. The respondent's function drops them before the app sees the
 * request (DESIGN §3: nothing on the submit path may keep or log them).
 */
const VIEWER_HEADERS = new Set([
  'x-forwarded-for',
  'x-real-ip',
  'forwarded',
  'true-client-ip',
  'user-agent',
  'via',
]);
const VIEWER_HEADER_PREFIX = 'cloudfront-viewer-';

/** A copy of the event without the viewer's address or agent. */
export function withoutViewer(event: HttpApiEvent): HttpApiEvent {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!VIEWER_HEADERS.has(lower) && !lower.startsWith(VIEWER_HEADER_PREFIX)) headers[name] = value;
  }
  return {
    ...event,
    headers,
    requestContext: {
      ...event.requestContext,
      http: { ...event.requestContext.http, sourceIp: '0.0.0.0', userAgent: '' },
    },
  };
}

export interface HttpHandlerOptions {
  /** Drop the viewer's address and agent before the app sees the request. */
  forgetViewer: boolean;
  /** Work to finish before the instance may be frozen (e.g. writing pending counts). */
  afterRequest?: () => Promise<void>;
  /** Counts what the request did (metrics), from its method, path and status only. */
  countRequest?: (method: string, path: string, status: number) => void;
}

type HttpHandler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;

const unavailable: HttpApiResult = {
  statusCode: 503,
  headers: {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'retry-after': '1',
    'x-content-type-options': 'nosniff',
  },
  body: JSON.stringify({
    error: { code: 'unavailable', message: 'the service is starting; please try again' },
  }),
  isBase64Encoded: false,
};

/**
 * An HTTP API (payload 2.0) handler for a Hono app made on first use, so
 * module initialisation does no I/O. `app` is asked on every request and
 * keeps the app it made (`once`), or makes a new one when its configuration
 * changed (a rotated session secret, admin.ts). If making the app fails (a
 * secret not reachable yet), the request gets 503 and the next one tries
 * again.
 */
export function httpHandler(app: () => Promise<Hono>, options: HttpHandlerOptions): HttpHandler {
  const adapters = new WeakMap<Hono, ReturnType<typeof handle>>();
  const ready = async () => {
    const made = await app();
    let run = adapters.get(made);
    if (!run) {
      run = handle(made);
      adapters.set(made, run);
    }
    return run;
  };
  return async (event, context) => {
    // The context only: function name, request id, cold start. The event is never logged.
    logger.addContext(context);
    try {
      return await serve(event, context);
    } finally {
      publishMetrics();
    }
  };

  async function serve(event: HttpApiEvent, context: LambdaContext): Promise<HttpApiResult> {
    let run: ReturnType<typeof handle>;
    try {
      run = await ready();
    } catch (err) {
      // Making the app reads configuration and a secret, never a request: its message is safe to log.
      logger.error('app_init_failed', jobError(err));
      return unavailable;
    }
    const request = options.forgetViewer ? withoutViewer(event) : event;
    // The adapter types every Lambda HTTP shape at once; ours are its payload 2.0 members.
    type AdapterEvent = Parameters<typeof run>[0];
    type AdapterContext = Parameters<typeof run>[1];
    const result = (await run(
      request as unknown as AdapterEvent,
      context as unknown as AdapterContext,
    )) as HttpApiResult;
    options.countRequest?.(event.requestContext.http.method, event.rawPath, result.statusCode);
    if (options.afterRequest) {
      try {
        await options.afterRequest();
      } catch (err) {
        // The answer is stored; what is pending is kept and written on the next request.
        logger.error('after_request_failed', jobError(err));
      }
    }
    return result;
  }
}
