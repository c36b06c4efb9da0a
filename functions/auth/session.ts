import { randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { type User, User as UserSchema } from '../../shared/api/auth';

export interface SessionConfig {
  jwtSecret: string;
  ttlSeconds: number;
}

/** A signed session token (HS256 JWT) naming the user and role. */
export async function issueSession(user: User, config: SessionConfig, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign(
    {
      sub: user.email,
      role: user.role,
      ...(user.unitCode ? { unit: user.unitCode } : {}),
      iat,
      exp: iat + config.ttlSeconds,
      jti: randomBytes(9).toString('base64url'),
    },
    config.jwtSecret,
    'HS256',
  );
}

/** The user of a valid, unexpired token; undefined otherwise. */
export async function readSession(token: string, config: SessionConfig): Promise<User | undefined> {
  try {
    const payload = await verify(token, config.jwtSecret, 'HS256');
    const parsed = UserSchema.safeParse({
      email: payload.sub,
      role: payload.role,
      ...(payload.unit ? { unitCode: payload.unit } : {}),
    });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
