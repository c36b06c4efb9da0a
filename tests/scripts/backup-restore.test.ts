import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';
import { ensureFirstAdmin } from '../../functions/services/accounts';
import { seedBase } from '../../functions/seed/base';
import { seedDemo } from '../../functions/seed/demo';
import { scanTable } from '../../functions/store/backups';
import { aizuwakamatsuPlan } from '../../shared/plan/data/aizuwakamatsu';
import { ADMIN } from '../support/server';

/**
 * Issue 20, backup and restore: `npm run backup` on a running demo (through
 * the store's socket), wipe, `npm run restore` into an empty data directory,
 * start again: results and indicators are the same bytes. The archive holds no
 * readable answer text and does not open with a wrong passphrase.
 */

const root = path.resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'koe backup test passphrase 2026';
const dirs: string[] = [];
let runtime: LocalRuntime | undefined;
let dataDir: string;
let archive: string;
let before: Record<string, string>;
/** Every stored answer or post string in Japanese (kana, kanji, full-width): the free text. */
let answerTexts: string[];
let responseCount: number;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** koe on a data directory: the embedded store behind its socket, on disk, or in memory (faster to seed). */
async function start(dir: string, inMemory = false): Promise<LocalRuntime> {
  return startLocalRuntime({ dataDir: dir, publicBaseUrl: 'http://127.0.0.1', inMemory });
}

async function signIn(rt: LocalRuntime): Promise<(url: string) => Promise<{ status: number; text: string }>> {
  const res = await rt.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return async (url) => {
    const r = await rt.app.request(url, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, text: await r.text() };
  };
}

/** Results of every closed campaign, the indicators and the feedback indicators, as the API sends them. */
async function readings(rt: LocalRuntime): Promise<Record<string, string>> {
  const get = await signIn(rt);
  const campaigns = JSON.parse((await get('/api/campaigns')).text) as Array<{ id: string; status: string }>;
  const urls = [
    '/api/indicators?from=2023&to=2027',
    '/api/feedback/indicators?from=2023&to=2026',
    ...campaigns.filter((c) => c.status === 'closed').map((c) => `/api/campaigns/${c.id}/results`),
  ];
  const out: Record<string, string> = {};
  for (const url of urls) {
    const r = await get(url);
    expect(r.status, url).toBe(200);
    out[url] = r.text;
  }
  return out;
}

function strings(av: AttributeValue, into: string[]): void {
  if (av.S !== undefined) into.push(av.S);
  if (av.SS) into.push(...av.SS);
  if (av.L) for (const v of av.L) strings(v, into);
  if (av.M) for (const v of Object.values(av.M)) strings(v, into);
}

beforeAll(async () => {
  dataDir = await tempDir('koe-backup-src-');
  archive = path.join(await tempDir('koe-backup-out-'), 'demo.koebak');
  // The source store in memory: the backup reads it through the socket as it would a store on disk.
  runtime = await start(dataDir, true);
  await seedBase(runtime.store, aizuwakamatsuPlan);
  await ensureFirstAdmin(runtime.deps, ADMIN.email, ADMIN.password);
  // The smallest demo: every year, campaign and feedback, a twentieth of the answers.
  await seedDemo(runtime, { scale: 0.05 });
  before = await readings(runtime);
  const texts: string[] = [];
  const responses = await scanTable(runtime.store, 'responses');
  responseCount = responses.length;
  for (const item of [...responses, ...(await scanTable(runtime.store, 'feedback'))]) {
    for (const [name, value] of Object.entries(item))
      if (name !== 'pk' && name !== 'sk') strings(value, texts);
  }
  answerTexts = [
    ...new Set(texts.filter((s) => /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/.test(s) && s.length >= 4)),
  ];
}, 300_000);

afterAll(async () => {
  await runtime?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  it('backs up the running demo through its socket and records it for the console', async () => {
    const out = await run('scripts/backup.ts', ['--out', archive], {
      KOE_DATA_DIR: dataDir,
      KOE_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('taken while koe runs');
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    const get = await signIn(runtime!);
    const last = JSON.parse((await get('/api/backups/last')).text);
    expect(last.backup.bytes).toBe((await stat(archive)).size);
    expect(last.backup.counts.responses).toBe(responseCount);
    expect(last.backup.sealedWith).toBe('passphrase');
    expect(Date.parse(last.backup.at)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(JSON.stringify(last)).not.toContain(PASSPHRASE);
  }, 120_000);

  it('holds no readable answer or post text without the secret', async () => {
    const bytes = await readFile(archive);
    expect(answerTexts.length).toBeGreaterThan(5);
    // A free-text answer of the demo and a feedback post's body, as UTF-8 and as JSON-escaped text.
    expect(answerTexts).toContain(
      '長い月例会議より、短い週次ミーティングの方が課題を早く共有できると思います。',
    );
    for (const text of answerTexts) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(bytes.includes(Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8')), text).toBe(false);
      expect(bytes.includes(Buffer.from(text, 'utf16le')), text).toBe(false);
    }
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('KOEBAK1\n');
    // The gzip stream inside is encrypted too: no gzip header after the container's own.
    expect(bytes.subarray(0, 64).includes(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(false);
  });

  it('refuses a wrong passphrase and a data directory that is not empty', async () => {
    const target = path.join(await tempDir('koe-restore-wrong-'), 'data');
    const wrong = await run('scripts/restore.ts', [archive], {
      KOE_DATA_DIR: target,
      KOE_BACKUP_PASSPHRASE: `${PASSPHRASE}!`,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('wrong passphrase');
    expect(existsSync(target)).toBe(false);
    const busy = await run('scripts/restore.ts', [archive], {
      KOE_DATA_DIR: dataDir,
      KOE_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('not empty');
  }, 120_000);

  it('wipe, restore into an empty data directory, start again: identical results and indicators', async () => {
    await runtime!.close();
    runtime = undefined;
    await rm(dataDir, { recursive: true, force: true });
    const target = path.join(await tempDir('koe-restore-'), 'data');
    const out = await run('scripts/restore.ts', [archive], {
      KOE_DATA_DIR: target,
      KOE_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`responses ${responseCount}`);
    expect(out.stdout).toContain('counts and checksums verified');
    expect((await stat(target)).mode & 0o777).toBe(0o700);
    const files = await readdir(target);
    expect(files).toEqual(expect.arrayContaining(['master.key', 'jwt.secret', 'dynamodb']));
    expect((await stat(path.join(target, 'master.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(target, 'jwt.secret'))).mode & 0o777).toBe(0o600);

    runtime = await start(target);
    const after = await readings(runtime);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const url of Object.keys(before)) expect(after[url], url).toBe(before[url]);
  }, 180_000);
});
