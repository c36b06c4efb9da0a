import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYOUT_VERSION, LayoutError } from '../../../functions/local/layout';
import { startLocalRuntime } from '../../../functions/local/runtime';
import { layoutStore } from '../../../functions/store/layout';
import type { PostRecord } from '../../../functions/store/feedback';
import { setLayoutItem, writeFixtureStore } from './support/layout-fixture';

/**
 * Issue 20, data-layout versions: a store written by this release (the
 * fixture, a real data directory) opens as it is; one without a version (the
 * release before) is copied to backups/ and migrated to the current layout,
 * once; one of a newer layout is refused with a ja/en message, and
 * `npm start` exits non-zero on it.
 */

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'koe-layout-'));
  dirs.push(d);
  return d;
}

async function reopen(dir: string, log: string[] = []) {
  const runtime = await startLocalRuntime({
    dataDir: dir,
    publicBaseUrl: 'http://127.0.0.1',
    log: (m) => log.push(m),
  });
  try {
    return {
      version: await layoutStore(runtime.store).getLayoutVersion(),
      units: (await runtime.store.directory.listUnits()).map((u) => u.code).sort(),
      plan: (await runtime.store.plan.getPlan()) !== undefined,
    };
  } finally {
    await runtime.close();
  }
}

const backupsOf = async (dir: string) => readdir(path.join(dir, 'backups')).catch(() => [] as string[]);

describe('data-layout versions', () => {
  it('stamps a store of this release with the current layout and opens it unchanged', async () => {
    expect(LAYOUT_VERSION).toBe(2);
    const dir = await dataDir();
    await writeFixtureStore(dir);
    const log: string[] = [];
    expect(await reopen(dir, log)).toEqual({ version: 2, units: ['FIX', 'FIX2'], plan: true });
    expect(log).toEqual([]);
    expect(await backupsOf(dir)).toEqual([]);
  });

  it('migrates a store without a version (the release before) to the current layout, after a 0700 copy, once', async () => {
    const dir = await dataDir();
    await writeFixtureStore(dir, 'none');
    const log: string[] = [];
    expect(await reopen(dir, log)).toEqual({ version: 2, units: ['FIX', 'FIX2'], plan: true });
    expect(log.join('\n')).toMatch(/移行.*0 から 1.*migrating the data layout from 0 to 1/s);
    const backups = await backupsOf(dir);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^pre-migrate-0-\d{4}-\d\d-\d\dT/);
    const copy = path.join(dir, 'backups', backups[0]!);
    expect((await stat(path.join(dir, 'backups'))).mode & 0o777).toBe(0o700);
    expect((await stat(copy)).mode & 0o777).toBe(0o700);
    expect((await readdir(copy)).sort()).toEqual(
      expect.arrayContaining(['dynamodb', 'journal', 'journal.key']),
    );
    expect(await readdir(copy)).not.toContain('dynamodb.sock');

    // The copy is the store before the migration: it opens (as a data directory) at version 0 and migrates too.
    const fromCopy = await dataDir();
    await rm(fromCopy, { recursive: true });
    const { cp } = await import('node:fs/promises');
    await cp(copy, fromCopy, { recursive: true });
    expect(await reopen(fromCopy)).toEqual({ version: 2, units: ['FIX', 'FIX2'], plan: true });

    // Idempotent: started again, nothing more to do and no second copy.
    const again: string[] = [];
    expect(await reopen(dir, again)).toMatchObject({ version: 2 });
    expect(again).toEqual([]);
    expect(await backupsOf(dir)).toHaveLength(1);
  });

  it('migrates layout 1 to 2: the board projection of the published posts, nothing of the others', async () => {
    const dir = await dataDir();
    await writeFixtureStore(dir);
    const runtime = await startLocalRuntime({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1' });
    const post = (id: string, published: boolean): PostRecord => ({
      id,
      fiscalYear: 2025,
      groupId: 'FIX',
      kind: 'proposal',
      pillarId: null,
      title: `題 ${id}`,
      body: `本文 ${id}`,
      day: '2025-06-02',
      displayName: null,
      receiptHash: 'r'.repeat(64),
      status: 'reviewing',
      published,
      assignedUnitCode: 'FIX',
      messages: [
        { id: 'm1', from: 'hr', body: '公開の返信', day: '2025-06-03', public: true },
        { id: 'm2', from: 'hr', body: '本人だけへの返信', day: '2025-06-03', public: false },
      ],
      notes: [{ id: 'n1', author: 'hr@example.jp', body: '内部メモ', day: '2025-06-03' }],
      version: 3,
    });
    try {
      // As a layout-1 store holds them: posts, no projection.
      expect(await runtime.store.feedback.createPost(post('2025-pub', true))).toBe(true);
      expect(await runtime.store.feedback.createPost(post('2025-hidden', false))).toBe(true);
      expect(await runtime.store.feedback.listBoard(2025)).toEqual([]);
    } finally {
      await runtime.close();
    }
    await setLayoutItem(dir, 1);
    const log: string[] = [];
    const again = await startLocalRuntime({
      dataDir: dir,
      publicBaseUrl: 'http://127.0.0.1',
      log: (m) => log.push(m),
    });
    try {
      expect(await layoutStore(again.store).getLayoutVersion()).toBe(2);
      expect(log.join('\n')).toMatch(/1 から 2.*from 1 to 2/s);
      const board = await again.store.feedback.listBoard(2025);
      expect(board.map((p) => p.id)).toEqual(['2025-pub']);
      expect(board[0]!.replies).toEqual([{ body: '公開の返信', day: '2025-06-03' }]);
      const text = JSON.stringify(board);
      for (const secret of ['内部メモ', '本人だけへの返信', 'r'.repeat(64), 'FIX'])
        expect(text).not.toContain(secret);
    } finally {
      await again.close();
    }
  });

  it('resumes a migration cut short with the backup taken before it', async () => {
    const dir = await dataDir();
    await writeFixtureStore(dir, 'none');
    await reopen(dir);
    // As if the process died after the copy and before the version was recorded.
    await setLayoutItem(dir, 'none');
    expect(await reopen(dir)).toEqual({ version: 2, units: ['FIX', 'FIX2'], plan: true });
    expect(await backupsOf(dir)).toHaveLength(1);
  });

  it('refuses a store of a newer layout (999) with a ja/en message, and npm start exits non-zero', async () => {
    const dir = await dataDir();
    await writeFixtureStore(dir, 999);
    const err = await startLocalRuntime({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LayoutError);
    expect((err as Error).message).toContain('新しい版の koe（データ形式 999）');
    expect((err as Error).message).toContain('This store was written by a newer koe (data layout 999)');
    expect(await backupsOf(dir)).toEqual([]);

    // PORT is never opened: the start stops at the store, before the server listens.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '1', KOE_DATA_DIR: dir, KOE_SEED: 'none', KOE_SCHEDULE_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(3);
    expect(out).toContain('data layout 999');
    expect(out).toContain('データ形式 999');
    expect(out).not.toMatch(/\n\s+at /); // a message, not a stack
  }, 120_000);
});
