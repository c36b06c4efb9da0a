import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role, User } from '../../../shared/api/auth';
import { readSession, type SessionConfig } from '../../auth/session';
import { HttpError } from '../http-error';

export const SESSION_COOKIE = 'koe_session';
export const CSRF_COOKIE = 'koe_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthEnv = { Variables: { user: User } };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signs the request in from `Authorization: Bearer` or the session cookie.
 * Cookie sessions must also echo the CSRF cookie in a header on unsafe
 * methods (double submit); a Bearer token is not sent by browsers on its own,
 * so it needs no such check.
 */
export function authenticate(config: SessionConfig): MiddlewareHandler<AuthEnv> {
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
    const user = await readSession(token, config);
    if (!user) throw new HttpError(401, 'unauthorized', 'the session is invalid or has expired');
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

export const currentUser = (c: Context<AuthEnv>): User => c.get('user');
