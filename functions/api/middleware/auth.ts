import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role, User } from '../../../shared/api/auth';
import { readSessionClaims, type SessionConfig, sessionMatches } from '../../auth/session';
import type { UserRecord } from '../../store/directory';
import { HttpError } from '../http-error';

export const SESSION_COOKIE = 'koe_session';
export const CSRF_COOKIE = 'koe_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthEnv = { Variables: { user: User } };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads an account as stored (the directory store's `getUser`). */
export interface AccountLookup {
  getUser(email: string): Promise<UserRecord | undefined>;
}

/**
 * Signs the request in from `Authorization: Bearer` or the session cookie.
 * Cookie sessions must also echo the CSRF cookie in a header on unsafe
 * methods (double submit); a Bearer token is not sent by browsers on its own,
 * so it needs no such check.
 *
 * The token is checked against the account on every request: a deleted or
 * disabled account, a changed role or unit, a raised session epoch (password
 * reset, role change, disable) or the token's revocation (sign-out) ends the
 * session at once.
 */
export function authenticate(config: SessionConfig, accounts: AccountLookup): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let token: string | undefined;
    let viaCookie = false;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new HttpError(401, 'unauthorized', 'use Authorization: Bearer <token>');
      token = m[1];
    } else {
      token = getCookie(c, SESSION_COOKIE);
      viaCookie = token !== undefined;
    }
    if (!token) throw new HttpError(401, 'unauthorized', 'sign in first');
    const claims = await readSessionClaims(token, config);
    if (!claims) throw new HttpError(401, 'unauthorized', 'the session is invalid or has expired');
    const record = await accounts.getUser(claims.user.email);
    if (!record || !sessionMatches(record, claims)) {
      throw new HttpError(401, 'unauthorized', 'the session is invalid or has expired');
    }
    const user = claims.user;
    if (viaCookie && !SAFE.has(c.req.method)) {
      const expected = getCookie(c, CSRF_COOKIE);
      const given = c.req.header(CSRF_HEADER);
      if (!expected || !given || expected !== given) {
        throw new HttpError(403, 'csrf', 'missing or wrong CSRF token');
      }
    }
    c.set('user', user);
    await next();
  };
}

/** Lets only the given roles through. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('user').role)) {
      throw new HttpError(403, 'forbidden', `this needs the role ${roles.join(' or ')}`);
    }
    await next();
  };
}
