import * as z from 'zod';

/**
 * admin runs campaigns, roster and accounts and reads results; custodian delivers
 * invitation and feedback codes and reads no result, comment or post; analyst and
 * manager (own subtree) read results; auditor reads the audit log. One role per
 * account, so no account both obtains codes and reads results (DESIGN §3, A5).
 */
export const ROLES = ['admin', 'custodian', 'analyst', 'manager', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const User = z.strictObject({
  email: z.string(),
  role: Role,
  /** A manager reads the results of this unit's subtree only. */
  unitCode: z.string().optional(),
});
export type User = z.infer<typeof User>;

export const LoginResponse = z.strictObject({ token: z.string(), user: User });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const UserCreate = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(12, 'at least 12 characters').max(256),
  role: Role,
  unitCode: z.string().min(1).max(32).optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

/** An account as the admin's list shows it: never a hash or a lock counter. */
export const UserSummary = User.extend({ disabled: z.boolean() });
export type UserSummary = z.infer<typeof UserSummary>;

export const UserList = z.strictObject({ users: z.array(UserSummary) });
export type UserList = z.infer<typeof UserList>;

/** A new role (a manager needs the unit whose subtree they read). */
export const UserRoleChange = z.strictObject({
  role: Role,
  unitCode: z.string().min(1).max(32).optional(),
});
export type UserRoleChange = z.infer<typeof UserRoleChange>;

/** A new password set by the admin; every session of the account ends. */
export const PasswordReset = z.strictObject({
  password: z.string().min(12, 'at least 12 characters').max(256),
});
export type PasswordReset = z.infer<typeof PasswordReset>;

/** An account's e-mail address as a path segment. */
export const UserEmailParam = z.email().max(254);
