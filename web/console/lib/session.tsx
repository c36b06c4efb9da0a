import { createContext, useContext } from 'react';
import type { Role, User } from '../../../shared/api/auth';

export interface Session {
  user: User;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in console');
  return value;
}

/**
 * What each role may do in the console; the API enforces the same rules
 * (DESIGN §3, A5): the custodian delivers codes and reads no result, comment,
 * indicator or post; readers never obtain codes; the auditor reads the audit log.
 */
export const can = {
  runCampaigns: (role: Role) => role === 'admin',
  /** Campaign results (a manager: their own subtree's). */
  readResults: (role: Role) => role === 'admin' || role === 'analyst' || role === 'manager',
  readIndicators: (role: Role) => role === 'admin' || role === 'analyst',
  readParticipation: (role: Role) => role === 'admin' || role === 'analyst' || role === 'custodian',
  manageRoster: (role: Role) => role === 'admin',
  setTargets: (role: Role) => role === 'admin',
  manageUsers: (role: Role) => role === 'admin',
  /** The retention period (DESIGN §2 "Retention"): the admin's alone. */
  manageSettings: (role: Role) => role === 'admin',
  /** Staff feedback: the admin and analysts read posts and indicators; only the admin triages. */
  readFeedback: (role: Role) => role === 'admin' || role === 'analyst',
  triageFeedback: (role: Role) => role === 'admin',
  /** Invitation and feedback codes: the custodian's alone. */
  deliverCodes: (role: Role) => role === 'custodian',
  issueFeedbackCodes: (role: Role) => role === 'custodian',
  readAudit: (role: Role) => role === 'auditor',
};

/** The message key naming a role. */
export const ROLE_LABEL = {
  admin: 'roleAdmin',
  custodian: 'roleCustodian',
  analyst: 'roleAnalyst',
  manager: 'roleManager',
  auditor: 'roleAuditor',
} as const satisfies Record<Role, string>;
