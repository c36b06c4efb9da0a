import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../../functions/seed/demo';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../../functions/seed/demo-accounts';
import { ROLES } from '../../../shared/api/auth';
import { ADMIN, client, startTestServer, type TestServer } from '../../support/server';

/** The demo's accounts: one per role (with the admin), each signing in with its generated password. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoOrganisation(server.runtime.deps);
}, 60_000);
afterAll(async () => server?.close());

describe('demo accounts', () => {
  it('gives every role one account, each signing in with the password printed for it', async () => {
    const accounts = await seedDemoAccounts(server.runtime.deps);
    expect(['admin', ...accounts.map((a) => a.role)].sort()).toEqual([...ROLES].sort());
    for (const a of accounts) {
      expect(a.password, a.email).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const res = await client(server.baseUrl).post('/api/auth/login', {
        email: a.email,
        password: a.password,
      });
      expect(res.status, a.email).toBe(200);
      expect(res.json.user).toEqual({
        email: a.email,
        role: a.role,
        ...(a.unitCode ? { unitCode: a.unitCode } : {}),
      });
    }
    expect((await client(server.baseUrl).login(ADMIN.email, ADMIN.password)).user.role).toBe('admin');
    // A manager of a department that exists in the demo organisation.
    const manager = accounts.find((a) => a.role === 'manager')!;
    expect(await server.runtime.store.directory.getUnit(manager.unitCode!)).toBeDefined();
  });

  it('leaves existing accounts alone on a restart (no new password)', async () => {
    const again = await seedDemoAccounts(server.runtime.deps);
    expect(again.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(again.every((a) => a.password === undefined)).toBe(true);
  });
});
