import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/quick';

/**
 * The header CloudFront adds to every request it sends to the API
 * (infra/constructs/front-door.ts). Its value is a secret generated at deploy
 * in Secrets Manager; a request that reaches the execute-api endpoint without
 * passing CloudFront (and so the web ACL and the edge cache) lacks it.
 */
export const ORIGIN_VERIFY_HEADER = 'x-koe-origin-verify';

const REFUSED = {
  error: {
    code: 'forbidden',
    message: 'このアドレスには直接アクセスできません。 / Requests must come through the koe address.',
  },
};

/** Equal without telling, by timing, how much of the guess was right (both sides hashed to one length). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Refuses (403, koe's error body, no-store) any request whose origin-verify
 * header is missing or wrong. `secret` is read per request (a cached read:
 * the value can be rotated); an empty secret refuses everything.
 */
export function originVerify(options: { secret: () => Promise<string> }): MiddlewareHandler {
  return async (c, next) => {
    const expected = await options.secret();
    const given = c.req.header(ORIGIN_VERIFY_HEADER) ?? '';
    if (expected.length === 0 || !sameSecret(given, expected)) {
      return c.json(REFUSED, 403, {
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
    }
    return next();
  };
}

/**
 * The app behind the origin check, for the Lambda entry points only (locally
 * there is no CloudFront). The app itself is unchanged: its own not-found,
 * errors and headers answer everything that passes.
 */
export function behindOrigin(app: Hono, secret: () => Promise<string>): Hono {
  const outer = new Hono();
  outer.use('*', originVerify({ secret }));
  outer.all('*', (c) => app.fetch(c.req.raw, c.env));
  return outer;
}
