import { randomBytes } from 'node:crypto';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import {
  LoginRequest,
  LoginResponse,
  PasswordReset,
  User,
  UserCreate,
  UserEmailParam,
  UserList,
  UserRoleChange,
  UserSummary,
} from '../../../shared/api/auth';
import { readSessionClaims } from '../../auth/session';
import {
  accountOfSession,
  changeRole,
  createAccount,
  deleteAccount,
  listAccounts,
  login,
  logout,
  resetPassword,
  setDisabled,
} from '../../services/accounts';
import type { AppDeps } from '../../deps';
import { DomainError } from '../../services/errors';
import { type AuthEnv, authenticate, CSRF_COOKIE, SESSION_COOKIE } from '../middleware/auth';
import { clientAddress, loginLimiter } from '../middleware/login-limit';
import { defineRoute, errors, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['auth'];
const EmailParam = z.object({ email: UserEmailParam });
const lastAdmin = 'your own account, or the last admin';
const userBody = ok(z.strictObject({ user: UserSummary }));

/** Every route here is built per app: sign-in limits and the session check need the app's deps. */
export function authRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  const session = { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds };

  // Failed sign-ins are limited per e-mail and per client address (middleware/login-limit.ts).
  const limiter = loginLimiter(() => (deps.now?.() ?? new Date()).getTime());
  const signedIn = authenticate(session, { getUser: (email) => accountOfSession(deps, email) });

  const loginRoute = defineRoute({
    method: 'post',
    path: '/login',
    tags,
    summary: 'Sign in; sets the session cookie (HttpOnly) and the CSRF cookie the console echoes',
    access: 'public',
    // A client address over its limit is refused before its body is read.
    middleware: [
      async (c, next) => {
        limiter.checkAddress(clientAddress(c));
        await next();
      },
    ],
    request: { body: jsonRequest(LoginRequest) },
    responses: {
      200: ok(LoginResponse),
      ...errors({ 401: 'wrong e-mail or password', 429: 'too many failed sign-ins (Retry-After)' }),
    },
  });
  app.openapi(loginRoute, async (c) => {
    const address = clientAddress(c);
    const body = c.req.valid('json');
    // Counted as a failure before it is judged; taken back only on success.
    limiter.begin(address, body.email);
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result = await login(deps, body.email, body.password);
    } catch (err) {
      // A wrong password or a lock stays counted; a store failure (503) was never judged.
      if (!(err instanceof DomainError && (err.kind === 'unauthenticated' || err.kind === 'throttled')))
        limiter.released(address, body.email);
      throw err;
    }
    limiter.succeeded(address, body.email);
    const cookie = {
      httpOnly: true,
      secure: deps.config.secure,
      sameSite: 'Strict' as const,
      path: '/',
      maxAge: session.ttlSeconds,
    };
    setCookie(c, SESSION_COOKIE, result.token, cookie);
    // Readable by the console's script, which echoes it in the CSRF header.
    setCookie(c, CSRF_COOKIE, randomBytes(18).toString('base64url'), { ...cookie, httpOnly: false });
    return c.json(result, 200);
  });

  // Ends the session server-side: the token is revoked in the account's record and stops
  // working at once. Without a valid session it only clears the cookies.
  const logoutRoute = defineRoute({
    method: 'post',
    path: '/logout',
    tags,
    summary: 'Sign out: ends this session server-side and clears the cookies (no session: clears them)',
    access: 'public',
    responses: { 204: { description: 'signed out' } },
  });
  app.openapi(logoutRoute, async (c) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const token = m?.[1] ?? getCookie(c, SESSION_COOKIE);
    const claims = token ? await readSessionClaims(token, session) : undefined;
    if (claims) await logout(deps, claims);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  const me = defineRoute({
    method: 'get',
    path: '/me',
    tags,
    summary: 'The signed-in account: e-mail, role and unit',
    access: 'signed-in',
    middleware: [signedIn],
    responses: { 200: ok(z.strictObject({ user: User })) },
  });
  app.openapi(me, (c) => c.json({ user: c.get('user') }));

  // Accounts: the admin's. Every change ends the account's sessions and is audited.
  const admin = ['admin'] as const;
  const users = defineRoute({
    method: 'get',
    path: '/users',
    tags,
    summary: 'List accounts',
    access: admin,
    middleware: [signedIn],
    responses: { 200: ok(UserList) },
  });
  app.openapi(users, async (c) => c.json({ users: await listAccounts(deps) }));

  const create = defineRoute({
    method: 'post',
    path: '/users',
    tags,
    summary: 'Create an account (audited)',
    access: admin,
    middleware: [signedIn],
    request: { body: jsonRequest(UserCreate) },
    responses: { 201: userBody, ...errors({ 409: 'an account with this e-mail exists' }) },
  });
  app.openapi(create, async (c) => {
    const user = await createAccount(deps, c.req.valid('json'), c.get('user').email);
    return c.json({ user }, 201);
  });

  const emailOf = (c: { req: { valid(target: 'param'): { email: string } } }) =>
    c.req.valid('param').email.toLowerCase();

  const role = defineRoute({
    method: 'put',
    path: '/users/{email}/role',
    tags,
    summary: 'Change an account’s role and unit (ends its sessions; audited)',
    access: admin,
    middleware: [signedIn],
    request: { params: EmailParam, body: jsonRequest(UserRoleChange) },
    responses: { 200: userBody, ...errors({ 404: 'no such account', 409: lastAdmin }) },
  });
  app.openapi(role, async (c) => {
    const { role, unitCode } = c.req.valid('json');
    return c.json({ user: await changeRole(deps, c.get('user'), emailOf(c), role, unitCode) });
  });

  const disable = defineRoute({
    method: 'post',
    path: '/users/{email}/disable',
    tags,
    summary: 'Disable an account (ends its sessions; audited)',
    access: admin,
    middleware: [signedIn],
    request: { params: EmailParam },
    responses: { 200: userBody, ...errors({ 404: 'no such account', 409: lastAdmin }) },
  });
  app.openapi(disable, async (c) =>
    c.json({ user: await setDisabled(deps, c.get('user'), emailOf(c), true) }),
  );

  const enable = defineRoute({
    method: 'post',
    path: '/users/{email}/enable',
    tags,
    summary: 'Enable an account (audited)',
    access: admin,
    middleware: [signedIn],
    request: { params: EmailParam },
    responses: { 200: userBody, ...errors({ 404: 'no such account' }) },
  });
  app.openapi(enable, async (c) =>
    c.json({ user: await setDisabled(deps, c.get('user'), emailOf(c), false) }),
  );

  const password = defineRoute({
    method: 'post',
    path: '/users/{email}/password',
    tags,
    summary: 'Reset an account’s password (ends its sessions; audited)',
    access: admin,
    middleware: [signedIn],
    request: { params: EmailParam, body: jsonRequest(PasswordReset) },
    responses: { 200: userBody, ...errors({ 404: 'no such account' }) },
  });
  app.openapi(password, async (c) => {
    const { password } = c.req.valid('json');
    return c.json({ user: await resetPassword(deps, c.get('user'), emailOf(c), password) });
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/users/{email}',
    tags,
    summary: 'Delete an account (audited)',
    access: admin,
    middleware: [signedIn],
    request: { params: EmailParam },
    responses: { 204: { description: 'deleted' }, ...errors({ 404: 'no such account', 409: lastAdmin }) },
  });
  app.openapi(remove, async (c) => {
    await deleteAccount(deps, c.get('user'), emailOf(c));
    return c.body(null, 204);
  });

  return app;
}
