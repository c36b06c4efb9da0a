import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit';

/**
 * Hono's body limit, without its cost on the common case. A body with a
 * Content-Length (and no Transfer-Encoding) is judged by the header alone —
 * Node's parser never delivers more than the declared length — exactly as
 * Hono's middleware does, but without touching `c.req.raw.body` first: on
 * @hono/node-server that access builds a full web Request and stream for
 * every request, and the handler then reads the body through them instead of
 * the adapter's direct path. Chunked bodies go through Hono's middleware.
 */
export function bodyLimit(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streaming = streamingBodyLimit(options);
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
