import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/api/auth';
import type { AppDeps } from '../deps';
import { createAccount } from '../services/accounts';

/** The demo's manager reads the results of this department and its divisions. */
export const DEMO_MANAGER_UNIT = 'WEL';

/**
 * One demo account per role beside the admin (DESIGN §3, A5): the custodian
 * who delivers codes, an analyst, a manager of one department and the
 * auditor. No account holds two roles.
 */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  role: Exclude<Role, 'admin'>;
  unitCode?: string;
}> = [
  { email: 'custodian@example.jp', role: 'custodian' },
  { email: 'analyst@example.jp', role: 'analyst' },
  { email: 'manager@example.jp', role: 'manager', unitCode: DEMO_MANAGER_UNIT },
  { email: 'auditor@example.jp', role: 'auditor' },
];

export interface DemoAccount {
  email: string;
  role: Role;
  unitCode?: string;
  /** Generated now; undefined when the account was there already. */
  password?: string;
}

/** Creates the demo accounts that do not exist yet, each with a generated password. */
export async function seedDemoAccounts(deps: AppDeps): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await deps.store.directory.getUser(account.email)) {
      out.push({ ...account });
      continue;
    }
    const password = randomBytes(12).toString('base64url');
    await createAccount(deps, { ...account, password });
    out.push({ ...account, password });
  }
  return out;
}
