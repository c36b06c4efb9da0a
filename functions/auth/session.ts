import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { type User, User as UserSchema } from '../../shared/api/auth';
import type { UserRecord } from '../store/directory';

export interface SessionConfig {
  jwtSecret: string;
  ttlSeconds: number;
}

/**
 * A signed session token (HS256 JWT) naming the user, role and the account's
 * session epoch. The epoch is checked against the account on every request
 * (middleware/auth.ts): signing out, disabling the account, changing its role
 * or resetting its password raises the epoch, and every earlier token stops
 * working at once.
 */
export async function issueSession(
  user: User,
  config: SessionConfig,
  now = new Date(),
  epoch = 0,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign(
    {
      sub: user.email,
      role: user.role,
      ...(user.unitCode ? { unit: user.unitCode } : {}),
      ep: epoch,
      iat,
      exp: iat + config.ttlSeconds,
      jti: randomBytes(9).toString('base64url'),
    },
    config.jwtSecret,
    'HS256',
  );
}

export interface SessionClaims {
  user: User;
  /** The account's session epoch when the token was issued. */
  epoch: number;
  /** The token's own id and expiry (seconds), to revoke this one session. */
  jti: string;
  exp: number;
}

/** The claims of a valid, unexpired token; undefined otherwise. Not yet checked against the account. */
export async function readSessionClaims(
  token: string,
  config: SessionConfig,
): Promise<SessionClaims | undefined> {
  try {
    const payload = await verify(token, config.jwtSecret, 'HS256');
    const parsed = UserSchema.safeParse({
      email: payload.sub,
      role: payload.role,
      ...(payload.unit ? { unitCode: payload.unit } : {}),
    });
    const epoch = payload.ep ?? 0;
    const { jti, exp } = payload;
    if (!parsed.success || typeof epoch !== 'number' || !Number.isInteger(epoch)) return undefined;
    if (typeof jti !== 'string' || typeof exp !== 'number') return undefined;
    return { user: parsed.data, epoch, jti, exp };
  } catch {
    return undefined;
  }
}

/** The user of a valid, unexpired token; undefined otherwise. */
export async function readSession(token: string, config: SessionConfig): Promise<User | undefined> {
  return (await readSessionClaims(token, config))?.user;
}

/** Whether a token's claims still hold for the account as stored. */
export function sessionMatches(record: UserRecord, { user, epoch, jti }: SessionClaims): boolean {
  return (
    !record.disabled &&
    (record.sessionEpoch ?? 0) === epoch &&
    !Object.hasOwn(record.revokedSessions ?? {}, jti) &&
    record.role === user.role &&
    (record.unitCode ?? undefined) === (user.unitCode ?? undefined)
  );
}
