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

/** What each role may do in the console; the API enforces the same rules. */
export const can = {
  runCampaigns: (role: Role) => role === 'admin',
  readIndicators: (role: Role) => role === 'admin' || role === 'analyst',
  readParticipation: (role: Role) => role === 'admin' || role === 'analyst',
  manageRoster: (role: Role) => role === 'admin',
  setTargets: (role: Role) => role === 'admin',
  manageUsers: (role: Role) => role === 'admin',
  /** Staff feedback: analysts read posts and indicators; only the admin triages. */
  readFeedback: (role: Role) => role === 'admin' || role === 'analyst',
  triageFeedback: (role: Role) => role === 'admin',
  /** Codes are the custodian's alone, who reads no result (DESIGN §3, A5): e-mail delivery and slips. */
  deliverCodes: (role: Role) => role === 'custodian',
  issueFeedbackCodes: (role: Role) => role === 'custodian',
};
