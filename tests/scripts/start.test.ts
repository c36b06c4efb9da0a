import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { get, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as a user runs it: a real process on a loopback port, the
 * embedded DynamoDB on disk, the admin from the environment; a unit created
 * before a restart is still there after it.
 */

const root = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
let child: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const START_WAIT_MS = 60_000;

async function start(port: number): Promise<string> {
  let output = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      KOE_DATA_DIR: dataDir,
      KOE_SEED: 'none',
      KOE_ADMIN_EMAIL: 'hr@example.jp',
      KOE_ADMIN_PASSWORD: 'start-test-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  // By the wall clock, as tests/scripts/local-store-socket.test.ts waits: 200 sleeps of 100 ms were 20 s,
  // which tsx, the embedded store and the rest of the suite on 2 busy cores can take.
  const deadline = Date.now() + START_WAIT_MS;
  while (Date.now() < deadline) {
    // Up when the banner is out to its admin line: stdout may arrive in several chunks (a run on a busy
    // machine once read the URL line alone).
    if (output.includes('/console/') && /管理者[^\n]*\n/.test(output)) return output;
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`npm start did not come up in ${START_WAIT_MS / 1000} s: ${output}`);
}

/** A GET with node:http, which (unlike fetch) neither asks for nor undoes any encoding: the bytes as sent. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function stop() {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child!.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

afterAll(async () => {
  await stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it(
    'serves the API and web app, signs the admin in, and keeps data across a restart',
    async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'koe-start-'));
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const output = await start(port);
      expect(output).toContain('hr@example.jp');
      expect(output).not.toContain('start-test-password');
      // Deadlines are kept locally as on AWS: the schedule runs (functions/local/schedule-ticker.ts).
      expect(output).toContain('deadlines checked every 20 s');

      expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true });
      const page = await fetch(`${base}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await page.text()).toContain('<div id="root">');

      // The answer page's JavaScript, precompressed at build time (web/vite.config.ts): brotli when the
      // browser accepts it, else gzip, else the file itself; the same bytes once decompressed.
      const answerPage = await rawGet(`${base}/answer/`, {});
      const script = /<script[^>]+src="(\/assets\/answer-[^"]+\.js)"/.exec(
        answerPage.body.toString('utf8'),
      )?.[1];
      expect(script).toBeDefined();
      const plain = await rawGet(`${base}${script}`, {});
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-type']).toMatch(/javascript/);
      expect(plain.headers.vary).toBe('Accept-Encoding');
      const br = await rawGet(`${base}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(br.headers['content-type']).toBe(plain.headers['content-type']);
      expect(br.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      const gz = await rawGet(`${base}${script}`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
      // The page itself too; the copies are not files of their own.
      const pageBr = await rawGet(`${base}/answer/`, { 'accept-encoding': 'br' });
      expect(pageBr.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(pageBr.body).equals(answerPage.body)).toBe(true);
      expect((await rawGet(`${base}${script}.br`, {})).status).toBe(404);

      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'hr@example.jp', password: 'start-test-password' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const created = await fetch(`${base}/api/units`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ code: 'KEEP', name: { ja: '残る課' } }),
      });
      expect(created.status).toBe(201);
      expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);

      await stop();
      const again = await start(port);
      expect(again).toContain('already exists');
      const units = await fetch(`${base}/api/units`, { headers: { authorization: `Bearer ${token}` } });
      expect(await units.json()).toEqual([{ code: 'KEEP', name: { ja: '残る課' }, parentCode: null }]);
      // Two starts of up to a minute each, and the requests between them.
    },
    2 * START_WAIT_MS + 30_000,
  );

  it('stops at once with a clear message when KOE_SCHEDULE_SECONDS is not a number of seconds', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, KOE_SCHEDULE_SECONDS: 'soon', KOE_DATA_DIR: path.join(tmpdir(), 'koe-unused') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    bad.stdout!.on('data', (d) => (output += d));
    bad.stderr!.on('data', (d) => (output += d));
    const code = await new Promise((r) => bad.once('exit', r));
    expect(code).toBe(2);
    expect(output).toContain('設定エラー / configuration error: KOE_SCHEDULE_SECONDS');
  });
});
