import type { LoginResponse, User, UserCreate } from '../../shared/api/auth';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password';
import { issueSession } from '../auth/session';
import { HttpError } from '../api/http-error';
import type { AppDeps } from '../api/deps';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/**
 * Signs a user in. After MAX_FAILED_LOGINS wrong passwords in a row the
 * account is locked for LOCK_MINUTES; a locked or unknown account gets the
 * same answer as a wrong password, after the same work.
 */
export async function login(deps: AppDeps, email: string, password: string): Promise<LoginResponse> {
  const now = deps.now?.() ?? new Date();
  const record = await deps.store.directory.getUser(email);
  const denied = new HttpError(
    401,
    'invalid_credentials',
    'wrong e-mail or password, or the account is locked',
  );
  if (!record) {
    await verifyPassword(password, await dummyHash());
    throw denied;
  }
  if (record.lockedUntil && Date.parse(record.lockedUntil) > now.getTime()) {
    await verifyPassword(password, await dummyHash());
    throw new HttpError(429, 'locked', 'too many failed sign-ins; try again later', undefined, {
      'Retry-After': String(Math.ceil((Date.parse(record.lockedUntil) - now.getTime()) / 1000)),
    });
  }
  if (!(await verifyPassword(password, record.passwordHash))) {
    const failed = record.failedLogins + 1;
    const lock =
      failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : undefined;
    await deps.store.directory.recordLogin(record.email, lock ? 0 : failed, lock);
    throw denied;
  }
  if (record.failedLogins > 0 || record.lockedUntil) await deps.store.directory.recordLogin(record.email, 0);
  const user: User = {
    email: record.email,
    role: record.role,
    ...(record.unitCode ? { unitCode: record.unitCode } : {}),
  };
  const token = await issueSession(
    user,
    { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds },
    now,
  );
  return { token, user };
}

export async function createAccount(deps: AppDeps, input: UserCreate): Promise<User> {
  if (input.role === 'manager' && !input.unitCode) {
    throw new HttpError(400, 'invalid_request', 'a manager needs a unitCode');
  }
  if (input.unitCode && !(await deps.store.directory.getUnit(input.unitCode))) {
    throw new HttpError(400, 'unknown_unit', `unit ${input.unitCode} does not exist`);
  }
  await deps.store.directory.createUser({
    email: input.email.toLowerCase(),
    role: input.role,
    ...(input.unitCode ? { unitCode: input.unitCode } : {}),
    passwordHash: await hashPassword(input.password),
    failedLogins: 0,
  });
  return {
    email: input.email.toLowerCase(),
    role: input.role,
    ...(input.unitCode ? { unitCode: input.unitCode } : {}),
  };
}

/** Creates the first admin when there is none; says whether it did. */
export async function ensureFirstAdmin(deps: AppDeps, email: string, password: string): Promise<boolean> {
  const users = await deps.store.directory.listUsers();
  if (users.some((u) => u.role === 'admin')) return false;
  await createAccount(deps, { email, password, role: 'admin' });
  return true;
}
