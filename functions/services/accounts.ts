import type { LoginResponse, Role, User, UserCreate, UserSummary } from '../../shared/api/auth';
import { dummyHash, hashPassword, verifyPassword } from '../auth/password';
import { issueSession, type SessionClaims, sessionMatches } from '../auth/session';
import { DomainError } from './errors';
import type { AppDeps } from '../deps';
import type { UserChange, UserRecord } from '../store/directory';
import { ConflictError } from '../store/errors';
import { recordAudit } from './audit';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const lockedError = (ms: number) =>
  new DomainError(
    'throttled',
    'locked',
    'too many failed sign-ins; try again later',
    undefined,
    Math.max(1, Math.ceil(ms / 1000)),
  );

/**
 * Signs a user in. Each attempt is counted in the store before its password
 * is checked (directory.beginLogin: one conditional write), so that of any
 * number of simultaneous guesses at most MAX_FAILED_LOGINS are judged; after
 * MAX_FAILED_LOGINS failures the account is locked for LOCK_MINUTES, even for
 * the right password. An unknown or disabled account gets the same answer as
 * a wrong password, after the same work.
 */
export async function login(deps: AppDeps, email: string, password: string): Promise<LoginResponse> {
  const now = deps.now?.() ?? new Date();
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const denied = new DomainError(
    'unauthenticated',
    'invalid_credentials',
    'wrong e-mail or password, or the account is locked',
  );
  const admission = await deps.store.directory.beginLogin(
    email,
    now.toISOString(),
    MAX_FAILED_LOGINS,
    lockUntil,
  );
  if (admission.kind === 'unknown') {
    await verifyPassword(password, await dummyHash());
    throw denied;
  }
  if (admission.kind === 'locked') {
    await verifyPassword(password, await dummyHash());
    throw lockedError(Date.parse(admission.until) - now.getTime());
  }
  const record = admission.record;
  let ok = false;
  if (record.disabled) await verifyPassword(password, await dummyHash());
  else ok = await verifyPassword(password, record.passwordHash);
  await deps.store.directory.endLogin(record.email, ok, MAX_FAILED_LOGINS, lockUntil);
  if (!ok) throw denied;
  const user = toUser(record);
  const token = await issueSession(
    user,
    { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds },
    now,
    record.sessionEpoch ?? 0,
  );
  return { token, user };
}

/**
 * Signing out ends this session at once, server-side (not only the cookie),
 * if the token's claims still hold for the account; otherwise nothing to end.
 */
export async function logout(deps: AppDeps, claims: SessionClaims): Promise<void> {
  const record = await deps.store.directory.getUser(claims.user.email);
  if (!record || !sessionMatches(record, claims)) return;
  const now = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
  await deps.store.directory.revokeSession(record.email, claims.jti, claims.exp, now);
}

/** An account as stored, for the session check the sign-in middleware makes on every request. */
export function accountOfSession(deps: AppDeps, email: string): Promise<UserRecord | undefined> {
  return deps.store.directory.getUser(email);
}

function toUser(record: UserRecord): User {
  return {
    email: record.email,
    role: record.role,
    ...(record.unitCode ? { unitCode: record.unitCode } : {}),
  };
}

const toSummary = (record: UserRecord): UserSummary => ({ ...toUser(record), disabled: !!record.disabled });

async function checkRoleUnit(deps: AppDeps, role: Role, unitCode: string | undefined): Promise<void> {
  if (role === 'manager' && !unitCode) {
    throw new DomainError('invalid', 'invalid_request', 'a manager needs a unitCode');
  }
  if (role !== 'manager' && unitCode) {
    throw new DomainError('invalid', 'invalid_request', 'only a manager has a unitCode');
  }
  if (unitCode && !(await deps.store.directory.getUnit(unitCode))) {
    throw new DomainError('invalid', 'unknown_unit', `unit ${unitCode} does not exist`);
  }
}

/** Creates an account; `actor` (the admin) is recorded in the audit log. */
export async function createAccount(deps: AppDeps, input: UserCreate, actor = 'system'): Promise<User> {
  await checkRoleUnit(deps, input.role, input.unitCode);
  const email = input.email.toLowerCase();
  try {
    await deps.store.directory.createUser({
      email,
      role: input.role,
      ...(input.unitCode ? { unitCode: input.unitCode } : {}),
      passwordHash: await hashPassword(input.password),
      failedLogins: 0,
    });
  } catch (err) {
    if (err instanceof ConflictError) {
      throw new DomainError('conflict', 'user_exists', `an account for ${email} already exists`);
    }
    throw err;
  }
  await recordAudit(deps, {
    actor,
    action: 'user.created',
    target: email,
    detail: { role: input.role, ...(input.unitCode ? { unitCode: input.unitCode } : {}) },
  });
  return toUser({ email, role: input.role, unitCode: input.unitCode, passwordHash: '', failedLogins: 0 });
}

export async function listAccounts(deps: AppDeps): Promise<UserSummary[]> {
  const users = await deps.store.directory.listUsers();
  return users.map(toSummary).sort((a, b) => a.email.localeCompare(b.email));
}

async function accountOf(deps: AppDeps, email: string): Promise<UserRecord> {
  const record = await deps.store.directory.getUser(email);
  if (!record) throw new DomainError('not_found', 'not_found', `no account ${email.toLowerCase()}`);
  return record;
}

/**
 * The rule for taking an admin away: nobody disables, deletes or demotes
 * themselves, and the last enabled admin stays.
 */
async function guardAdmin(deps: AppDeps, actor: User, target: UserRecord): Promise<void> {
  if (target.email === actor.email.toLowerCase()) {
    throw new DomainError('conflict', 'self_change', 'you cannot disable, delete or demote your own account');
  }
  if (target.role !== 'admin' || target.disabled) return;
  const admins = (await deps.store.directory.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
  if (admins.length <= 1) {
    throw new DomainError('conflict', 'last_admin', 'the last enabled administrator must stay');
  }
}

async function change(
  deps: AppDeps,
  actor: User,
  email: string,
  edit: UserChange,
  action: string,
  detail?: Record<string, string | number | boolean>,
): Promise<UserSummary> {
  const target = await accountOf(deps, email);
  const takesAdminAway =
    edit.disabled === true || (edit.role !== undefined && edit.role !== 'admin' && target.role === 'admin');
  if (takesAdminAway) await guardAdmin(deps, actor, target);
  const updated = await deps.store.directory.updateUser(target.email, edit, {
    endSessions: true,
    expect: { role: target.role, disabled: !!target.disabled },
  });
  if (!updated) throw new DomainError('not_found', 'not_found', `no account ${target.email}`);
  await recordAudit(deps, {
    actor: actor.email,
    action,
    target: target.email,
    ...(detail ? { detail } : {}),
  });
  return toSummary(updated);
}

export async function changeRole(
  deps: AppDeps,
  actor: User,
  email: string,
  role: Role,
  unitCode: string | undefined,
): Promise<UserSummary> {
  await checkRoleUnit(deps, role, unitCode);
  const before = await accountOf(deps, email);
  if (before.email === actor.email.toLowerCase() && role !== before.role) {
    throw new DomainError('conflict', 'self_change', 'you cannot disable, delete or demote your own account');
  }
  return change(deps, actor, email, { role, unitCode: unitCode ?? null }, 'user.role_changed', {
    from: before.role,
    to: role,
    ...(unitCode ? { unitCode } : {}),
  });
}

export function setDisabled(deps: AppDeps, actor: User, email: string, disabled: boolean) {
  return change(deps, actor, email, { disabled }, disabled ? 'user.disabled' : 'user.enabled');
}

export async function resetPassword(
  deps: AppDeps,
  actor: User,
  email: string,
  password: string,
): Promise<UserSummary> {
  return change(deps, actor, email, { passwordHash: await hashPassword(password) }, 'user.password_reset');
}

export async function deleteAccount(deps: AppDeps, actor: User, email: string): Promise<void> {
  const target = await accountOf(deps, email);
  await guardAdmin(deps, actor, target);
  if (!(await deps.store.directory.deleteUser(target.email))) {
    throw new DomainError('not_found', 'not_found', `no account ${target.email}`);
  }
  await recordAudit(deps, {
    actor: actor.email,
    action: 'user.deleted',
    target: target.email,
    detail: { role: target.role },
  });
}

/** Creates the first admin when there is none; says whether it did. */
export async function ensureFirstAdmin(deps: AppDeps, email: string, password: string): Promise<boolean> {
  const users = await deps.store.directory.listUsers();
  if (users.some((u) => u.role === 'admin')) return false;
  await createAccount(deps, { email, password, role: 'admin' });
  return true;
}
