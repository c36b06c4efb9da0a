import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, snapshotTables, takeBackup } from '../../../functions/backup/run';
import { readArchive } from '../../../functions/backup/archive';
import { open } from '../../../functions/backup/container';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * A backup of a store that is being written is one state of it: the tables
 * are read again until two passes agree; a store that never settles is
 * refused rather than half copied.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('snapshotTables', () => {
  it('takes two agreeing passes of a quiet store', async () => {
    const { tables, attempts } = await snapshotTables(server.runtime.store);
    expect(attempts).toBe(2);
    expect(tables.surveys.some((i) => i.pk?.S === 'PLAN')).toBe(true);
  });

  it('refuses a store that changes between every pass, and succeeds once it is quiet again', async () => {
    const store = server.runtime.store;
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing)
        await store.backups.putLast({
          at: new Date(n++).toISOString(),
          bytes: n,
          counts: { directory: 0, surveys: 0, responses: 0, feedback: 0 },
          sealedWith: 'passphrase',
        });
    })();
    // Let the writer start before the first pass.
    while (n < 2) await new Promise((r) => setImmediate(r));
    await expect(snapshotTables(store)).rejects.toThrow(BackupError);
    writing = false;
    await writer;
    const quiet = await snapshotTables(store);
    expect(quiet.attempts).toBe(2);
  });

  it('archives what it read: the plan, the key files, counts and checksums', async () => {
    // Files a restore could not write back under their names are left out, not archived unrestorable.
    await writeFile(path.join(server.dataDir, 'odd name.txt'), 'x', { mode: 0o600 });
    await writeFile(path.join(server.dataDir, '.hidden'), 'x', { mode: 0o600 });
    const result = await takeBackup({
      store: server.runtime.store,
      dataDir: server.dataDir,
      sealWith: { passphrase: 'snapshot test passphrase' },
    });
    const archive = readArchive(open(result.container, { passphrase: 'snapshot test passphrase' }));
    expect(archive.files.map((f) => f.name)).toEqual(expect.arrayContaining(['master.key', 'jwt.secret']));
    expect(archive.files.map((f) => f.name)).not.toContain('odd name.txt');
    expect(archive.files.map((f) => f.name)).not.toContain('.hidden');
    expect(archive.files.map((f) => f.name)).not.toContain('dynamodb.sock');
    expect(archive.manifest).toEqual(result.manifest);
    expect(result.record.counts.surveys).toBeGreaterThan(0);
    expect(result.record.bytes).toBe(result.container.length);
  });
});
