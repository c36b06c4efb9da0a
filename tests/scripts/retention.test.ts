import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';

/**
 * `npm run retention [-- --dry-run]` against a running koe (through its store
 * socket): the dry run lists a campaign closed years ago and an old fiscal
 * year's posts, counts only, and deletes nothing; the run deletes them, keeps
 * a campaign closed yesterday, and writes the counts to the audit log.
 */

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let dataDir: string;
let runtime: LocalRuntime;
const SECRET_ANSWER = 'この回答の本文は出力に出てはいけない';

const cli = (...args: string[]) =>
  run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/retention.ts'), ...args], {
    cwd: root,
    env: { ...process.env, KOE_DATA_DIR: dataDir },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'koe-retention-'));
  runtime = await startLocalRuntime({ dataDir, publicBaseUrl: 'http://127.0.0.1' });
  const { store } = runtime;
  const day = 86_400_000;
  const put = (TableName: string, Item: Record<string, unknown>) =>
    store.doc.send(new PutCommand({ TableName, Item }));
  const closedYesterday = new Date(Date.now() - day).toISOString();
  for (const [id, fiscalYear, closesAt] of [
    ['cold', 2020, '2020-10-31T14:59:59.000Z'],
    ['cnew', 2026, closedYesterday],
  ] as const) {
    await put(store.config.tables.surveys, {
      pk: 'CAMPAIGN',
      sk: id,
      campaign: { id, fiscalYear, status: 'closed', closesAt, closedAt: closesAt },
    });
    await put(store.config.tables.surveys, { pk: `RESULT#${id}`, sk: 'HEAD', summary: { campaignId: id } });
    await store.responses.putBatch(
      id,
      [0, 5, 11].map((shard) => ({
        shard,
        tokenHash: `${shard.toString(16)}${id}`,
        response: {
          unitCode: 'HR',
          attributes: {},
          answers: { q1: 4, c1: SECRET_ANSWER },
          day: '2020-10-15',
        },
      })),
    );
  }
  await put(store.config.tables.feedback, {
    pk: 'POSTS#2020',
    sk: '2020-abc',
    post: {
      id: '2020-abc',
      fiscalYear: 2020,
      day: '2020-06-01',
      groupId: '*',
      status: 'new',
      messages: [],
      body: SECRET_ANSWER,
    },
  });
  await store.retention.putSetting({ years: 3 });
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm run retention', () => {
  it('--dry-run lists what would go, counts only, and deletes nothing', async () => {
    const { stdout } = await cli('--dry-run');
    expect(stdout).toContain(
      'FY2020 調査 cold：回答 3 件を削除予定 / campaign cold: would delete 3 raw answers',
    );
    expect(stdout).toContain('FY2020 職員提案：投稿 1 件を削除予定');
    expect(stdout).not.toContain('cnew');
    expect(stdout).not.toContain(SECRET_ANSWER);
    expect(stdout).toContain('dry run: nothing was deleted');
    expect(await runtime.store.retention.countResponses('cold')).toBe(3);
    expect(await runtime.store.retention.countPosts(2020)).toBe(1);
  }, 60_000);

  it('deletes them while koe runs, keeps the recent campaign, and audits the counts', async () => {
    const { stdout } = await cli('--json');
    const out = JSON.parse(stdout);
    expect(out.dryRun).toBe(false);
    expect(out.campaigns).toEqual([
      { campaignId: 'cold', fiscalYear: 2020, endedAt: '2020-10-31T14:59:59.000Z', responses: 3 },
    ]);
    expect(out.feedback).toEqual([{ fiscalYear: 2020, posts: 1 }]);
    const { store } = runtime;
    expect(await store.retention.countResponses('cold')).toBe(0);
    expect(await store.retention.countResponses('cnew')).toBe(3);
    expect(await store.retention.countPosts(2020)).toBe(0);
    // The year's counts were frozen before its posts went.
    expect((await store.feedback.getSnapshot(2020))?.final).toBe(true);
    const month = new Date().toISOString().slice(0, 7);
    const entries = (await store.audit.listMonth(month)).filter((e) => e.action.startsWith('retention.'));
    expect(entries.map((e) => [e.action, e.target, e.detail])).toEqual(
      expect.arrayContaining([
        ['retention.responses_deleted', 'cold', { fiscalYear: 2020, responses: 3, years: 3 }],
        ['retention.posts_deleted', 'FY2020', { fiscalYear: 2020, posts: 1, years: 3 }],
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(SECRET_ANSWER);
    // Nothing is left to go.
    expect((await cli('--dry-run')).stdout).toContain('Nothing to delete');
  }, 60_000);
});
