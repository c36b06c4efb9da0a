import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestServer, type TestServer } from '../../support/server';

/** `GET /api/backups/last`: what the admin's start page shows as 最終バックアップ / Last backup. */

let server: TestServer;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
});
afterAll(async () => server?.close());

describe('GET /api/backups/last', () => {
  it('says none before the first backup, then the last one: time, size, counts, no secret', async () => {
    expect((await admin.get('/api/backups/last')).json).toEqual({ backup: null });
    const record = {
      at: '2026-04-01T03:00:00.000Z',
      bytes: 123_456,
      counts: { directory: 1200, surveys: 90, responses: 800, feedback: 40 },
      sealedWith: 'passphrase' as const,
    };
    await server.runtime.store.backups.putLast(record);
    const res = await admin.get('/api/backups/last');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ backup: record });
  });

  it('is for the admin only', async () => {
    for (const role of ['analyst', 'auditor', 'custodian'] as const) {
      const email = `${role}-backup@example.jp`;
      const password = `${role} reads no backup record`;
      expect((await admin.post('/api/auth/users', { email, password, role })).status).toBe(201);
      const other = client(server.baseUrl);
      await other.login(email, password);
      expect((await other.get('/api/backups/last')).status, role).toBe(403);
    }
    expect((await client(server.baseUrl).get('/api/backups/last')).status).toBe(401);
  });
});
