import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../functions/local/runtime';
import { STORE_SOCKET, startEmbeddedDynamo } from '../../functions/store/embedded';

/**
 * Issue 13, finding 10: the embedded DynamoDB listened on a loopback TCP port
 * without authentication, so any local user could dump every table. Now it
 * listens on a Unix socket in the 0700 data directory; `npm start` opens one
 * TCP port, the app's.
 */

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The TCP ports a process listens on: its socket inodes (/proc/<pid>/fd) in the LISTEN state of /proc/net/tcp{,6}. */
function listeningTcpPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // the fd closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const file of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT, st 0A is LISTEN, inode is the 10th field.
      if (f[3] === '0A' && inodes.has(f[9]!)) ports.push(Number.parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports.sort((a, b) => a - b);
}

describe('the local store', () => {
  it('npm start listens on one TCP port, the app’s; the store only on a socket in the 0700 data directory', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-sock-'));
    dirs.push(dataDir);
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        KOE_DATA_DIR: dataDir,
        KOE_SEED: 'none',
        KOE_ADMIN_EMAIL: 'hr@example.jp',
        KOE_ADMIN_PASSWORD: 'socket-test-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => {
      output += d;
    });
    child.stderr!.on('data', (d) => {
      output += d;
    });
    await expect
      .poll(() => output.includes('/console/') || child!.exitCode !== null, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);
    expect(child.exitCode, output).toBeNull();

    // The app works (so the store behind it does): sign in and create a unit.
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hr@example.jp', password: 'socket-test-password' }),
    });
    expect(login.status).toBe(200);

    expect(listeningTcpPorts(child.pid!)).toEqual([port]);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const socket = await stat(path.join(dataDir, STORE_SOCKET));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
  }, 90_000);

  it('the attack: before, a listening TCP port of the process answered DynamoDB calls; the check sees it', async () => {
    // The same check on an engine started the old way (TCP, as the fault-proxy tests still do) finds its port.
    const tcp = await startEmbeddedDynamo();
    try {
      const tcpPort = Number(new URL(tcp.endpoint).port);
      expect(listeningTcpPorts(process.pid)).toContain(tcpPort);
      const res = await fetch(tcp.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=any/20260101/ap-northeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
          'x-amz-date': '20260101T000000Z',
        },
        body: '{}',
      });
      // Anyone on the machine gets the table list: no authentication.
      expect(res.status).toBe(200);
    } finally {
      await tcp.close();
    }
  });

  it('refuses a socket in a directory others can open, and a second server on the same data directory', async () => {
    const open = await mkdtemp(path.join(tmpdir(), 'koe-open-'));
    dirs.push(open);
    const { chmod } = await import('node:fs/promises');
    await chmod(open, 0o755);
    await expect(startEmbeddedDynamo({ socketPath: path.join(open, STORE_SOCKET) })).rejects.toThrow(/0700/);

    const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-twice-'));
    dirs.push(dataDir);
    const first = await startEmbeddedDynamo({ socketPath: path.join(dataDir, STORE_SOCKET) });
    try {
      await expect(startEmbeddedDynamo({ socketPath: path.join(dataDir, STORE_SOCKET) })).rejects.toThrow(
        /already running/,
      );
    } finally {
      await first.close();
    }
  });

  it('still works with an external endpoint (DYNAMODB_ENDPOINT), and then opens no socket', async () => {
    const external = await startEmbeddedDynamo();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'koe-ext-'));
    dirs.push(dataDir);
    const runtime = await startLocalRuntime({
      dataDir,
      endpoint: external.endpoint,
      publicBaseUrl: 'http://127.0.0.1',
    });
    try {
      await runtime.store.directory.createUnit({ code: 'X', name: { ja: '試験課' }, parentCode: null });
      expect((await runtime.store.directory.listUnits()).map((u) => u.code)).toEqual(['X']);
      await expect(stat(path.join(dataDir, STORE_SOCKET))).rejects.toThrow(/ENOENT/);
    } finally {
      await runtime.close();
      await external.close();
    }
  });
});
