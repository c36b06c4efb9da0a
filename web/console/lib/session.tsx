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
  /** Staff feedback: analysts read posts and indicators; only the admin issues codes and triages. */
  readFeedback: (role: Role) => role === 'admin' || role === 'analyst',
  triageFeedback: (role: Role) => role === 'admin',
  issueFeedbackCodes: (role: Role) => role === 'admin',
};
