import type { Context } from 'hono';
import { LruCache } from '../../crypto/lru-cache';
import { HttpError } from '../http-error';

/**
 * Limits failed sign-ins, in memory, per e-mail address and per client
 * address. Only the sign-in route uses this: nothing on the respondents' path
 * looks at addresses. Each attempt is counted when it starts ({@link
 * loginLimiter}'s `begin`, synchronous, so simultaneous attempts cannot all
 * pass the check before any is counted) and uncounted when it succeeds.
 *
 * - Per e-mail: after {@link EMAIL_FAILURES} failures the address is refused
 *   for {@link WINDOW_MS}, whether or not an account exists, with the same
 *   answer as the account lockout (services/accounts.ts) — so the lockout
 *   does not tell an attacker which addresses have accounts.
 * - Per client address: after {@link ADDRESS_FAILURES} failures (any
 *   e-mail addresses) the client is refused for {@link WINDOW_MS}: password
 *   spraying across many accounts from one place. Only where the runtime
 *   knows the real address (see {@link clientAddress}).
 *
 * Memory is bounded (least recently used entries are forgotten). On AWS each
 * function instance keeps its own counts; the account lockout is stored and
 * holds across instances, and a WAF rate rule belongs in front of the API.
 */

export const EMAIL_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
export const WINDOW_MS = 15 * 60_000;
const CAPACITY = 10_000;

interface Count {
  failures: number;
  /** Until when the failures count (and, once at the limit, the refusal lasts). */
  until: number;
}

/**
 * The client's network address as the Node server saw the connection
 * (@hono/node-server: `npm start`), never a header a client could set.
 * Undefined elsewhere: on AWS the function sees CloudFront's address, shared
 * by everyone behind the same edge, so counting it would let one attacker lock
 * HR out; there API Gateway's throttling (and a WAF rule, if wanted) stands in.
 */
export function clientAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

export function loginLimiter(now: () => number = Date.now) {
  const byEmail = new LruCache<string, Count>(CAPACITY);
  const byAddress = new LruCache<string, Count>(CAPACITY);

  const blocked = (map: LruCache<string, Count>, key: string, limit: number): number => {
    const count = map.get(key);
    if (!count) return 0;
    const left = count.until - now();
    if (left <= 0) {
      map.delete(key);
      return 0;
    }
    return count.failures >= limit ? left : 0;
  };

  const unfail = (map: LruCache<string, Count>, key: string) => {
    const count = map.get(key);
    if (!count) return;
    count.failures = Math.max(0, count.failures - 1);
    map.set(key, count);
  };

  const fail = (map: LruCache<string, Count>, key: string, limit: number) => {
    const t = now();
    const count = map.get(key);
    if (!count || count.until <= t) {
      map.set(key, { failures: 1, until: t + WINDOW_MS });
      return;
    }
    count.failures++;
    // Reaching the limit starts a full window of refusal.
    if (count.failures >= limit) count.until = t + WINDOW_MS;
    map.set(key, count);
  };

  const refuse = (code: string, message: string, ms: number) =>
    new HttpError(429, code, message, undefined, { 'Retry-After': String(Math.ceil(ms / 1000)) });

  return {
    /** Throws 429 when this client address is over its limit (no address: nothing to count). */
    checkAddress(address: string | undefined): void {
      if (address === undefined) return;
      const ms = blocked(byAddress, address, ADDRESS_FAILURES);
      if (ms > 0) throw refuse('rate_limited', 'too many failed sign-ins from here; try again later', ms);
    },
    /** Throws 429 — as a locked account would — when this e-mail address is over its limit. */
    checkEmail(email: string): void {
      const ms = blocked(byEmail, email.toLowerCase(), EMAIL_FAILURES);
      if (ms > 0) throw refuse('locked', 'too many failed sign-ins; try again later', ms);
    },
    /**
     * Checks both limits and counts the attempt as a failure before it is
     * judged, in one synchronous step; {@link succeeded} takes it back.
     */
    begin(address: string | undefined, email: string): void {
      this.checkAddress(address);
      this.checkEmail(email);
      if (address !== undefined) fail(byAddress, address, ADDRESS_FAILURES);
      fail(byEmail, email.toLowerCase(), EMAIL_FAILURES);
    },
    /** The attempt begun for this address and e-mail was never judged (the store failed): take it back. */
    released(address: string | undefined, email: string): void {
      if (address !== undefined) unfail(byAddress, address);
      unfail(byEmail, email.toLowerCase());
    },
    /** The attempt begun for this address and e-mail signed in: it was no failure. */
    succeeded(address: string | undefined, email: string): void {
      if (address !== undefined) unfail(byAddress, address);
      byEmail.delete(email.toLowerCase());
    },
  };
}
