import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  LoginRequest,
  PasswordReset,
  UserCreate,
  UserEmailParam,
  UserRoleChange,
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
import { type AuthEnv, authenticate, CSRF_COOKIE, requireRole, SESSION_COOKIE } from '../middleware/auth';
import { clientAddress, loginLimiter } from '../middleware/login-limit';
import { jsonBody, parseWith } from '../validate';

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const session = { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds };

  // Failed sign-ins are limited per e-mail and per client address (middleware/login-limit.ts).
  const limiter = loginLimiter(() => (deps.now?.() ?? new Date()).getTime());

  app.post('/login', async (c) => {
    const address = clientAddress(c);
    limiter.checkAddress(address);
    const body = await jsonBody(c, LoginRequest);
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
  app.post('/logout', async (c) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const token = m?.[1] ?? getCookie(c, SESSION_COOKIE);
    const claims = token ? await readSessionClaims(token, session) : undefined;
    if (claims) await logout(deps, claims);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  const signedIn = authenticate(session, { getUser: (email) => accountOfSession(deps, email) });
  const admin = requireRole('admin');
  const emailOf = (c: { req: { param(name: 'email'): string } }) =>
    parseWith(UserEmailParam, c.req.param('email')).toLowerCase();

  app.get('/me', signedIn, (c) => c.json({ user: c.get('user') }));

  // Accounts: the admin's. Every change ends the account's sessions and is audited.
  app.get('/users', signedIn, admin, async (c) => c.json({ users: await listAccounts(deps) }));

  app.post('/users', signedIn, admin, async (c) => {
    const body = await jsonBody(c, UserCreate);
    const user = await createAccount(deps, body, c.get('user').email);
    return c.json({ user }, 201);
  });

  app.put('/users/:email/role', signedIn, admin, async (c) => {
    const { role, unitCode } = await jsonBody(c, UserRoleChange);
    return c.json({ user: await changeRole(deps, c.get('user'), emailOf(c), role, unitCode) });
  });

  app.post('/users/:email/disable', signedIn, admin, async (c) =>
    c.json({ user: await setDisabled(deps, c.get('user'), emailOf(c), true) }),
  );

  app.post('/users/:email/enable', signedIn, admin, async (c) =>
    c.json({ user: await setDisabled(deps, c.get('user'), emailOf(c), false) }),
  );

  app.post('/users/:email/password', signedIn, admin, async (c) => {
    const { password } = await jsonBody(c, PasswordReset);
    return c.json({ user: await resetPassword(deps, c.get('user'), emailOf(c), password) });
  });

  app.delete('/users/:email', signedIn, admin, async (c) => {
    await deleteAccount(deps, c.get('user'), emailOf(c));
    return c.body(null, 204);
  });

  return app;
}
