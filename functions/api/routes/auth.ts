import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { LoginRequest, UserCreate } from '../../../shared/api/auth';
import { login } from '../../services/accounts';
import type { AppDeps } from '../deps';
import { HttpError } from '../http-error';
import { type AuthEnv, authenticate, CSRF_COOKIE, requireRole, SESSION_COOKIE } from '../middleware/auth';
import { clientAddress, loginLimiter } from '../middleware/login-limit';
import { jsonBody } from '../validate';
import { createAccount } from '../../services/accounts';

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const session = { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds };

  // Failed sign-ins are limited per e-mail and per client address (middleware/login-limit.ts).
  const limiter = loginLimiter(() => (deps.now?.() ?? new Date()).getTime());

  app.post('/login', async (c) => {
    const address = clientAddress(c);
    limiter.checkAddress(address);
    const body = await jsonBody(c, LoginRequest);
    limiter.checkEmail(body.email);
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result = await login(deps, body.email, body.password);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 401 || err.status === 429))
        limiter.failed(address, body.email);
      throw err;
    }
    limiter.succeeded(body.email);
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

  app.post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', authenticate(session), (c) => c.json({ user: c.get('user') }));

  app.post('/users', authenticate(session), requireRole('admin'), async (c) => {
    const body = await jsonBody(c, UserCreate);
    const user = await createAccount(deps, body);
    return c.json({ user }, 201);
  });

  return app;
}
