import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answersFor } from '../support/answers';
import { takenPages } from '../support/journal-pages';
import { type Credential, respondent } from '../support/respondent';
import { client } from '../support/server';
import { blindToken, unitKey } from './support/fast-device';
import { openCampaign, pool, seeded } from './support/flow';

/**
 * Issue 20, durable writes: `kill -9` of `npm start` while answers are being
 * acknowledged, with no batch written before the kill (the batch time is a
 * day away). Every answer the server acknowledged was in the encrypted,
 * fsynced journal: after a restart on the same data directory it is waiting
 * again ("pending") without the browser sending it again, the close writes
 * the batch, and each is stored exactly once. The journal holds no
 * readable answer and is empty once its batch is written.
 */

const root = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'hr@example.jp', password: 'durable-test-password' };
let dataDir: string;
let child: ChildProcess | undefined;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function start(port: number): Promise<void> {
  const mark = output.length;
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      KOE_DATA_DIR: dataDir,
      KOE_SEED: 'none',
      KOE_ADMIN_EMAIL: ADMIN.email,
      KOE_ADMIN_PASSWORD: ADMIN.password,
      // No batch during the test: only the journal holds the acknowledged answers.
      KOE_BATCH_SECONDS: '86400',
      KOE_SCHEDULE_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = child;
  const up = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.slice(mark).includes('/console/')) resolve();
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', () => reject(new Error(`npm start exited: ${output}`)));
  });
  await up;
}

async function stop(signal: NodeJS.Signals) {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  await exited;
}

afterAll(async () => {
  await stop('SIGTERM');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('durable journal', () => {
  it('keeps every acknowledged answer across kill -9 and stores each exactly once', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'koe-durable-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    await start(port);

    const admin = client(base);
    await admin.login(ADMIN.email, ADMIN.password);
    const { campaignId, invitations } = await openCampaign(admin, [
      { code: 'A', staff: 40 },
      { code: 'B', staff: 40 },
    ]);
    const r = respondent(base);
    const rand = seeded(20);
    const pages = new Map<string, any>();
    for (const inv of invitations) {
      if (pages.has(inv.unitCode)) continue;
      const page = await r.campaign(campaignId, inv.code);
      pages.set(inv.unitCode, { survey: page.body.survey, key: unitKey(page.body.publicKey) });
    }
    const creds = await pool(invitations, 8, async (inv) => {
      const blinded = blindToken(pages.get(inv.unitCode).key);
      const signed = await r.requestSignature(inv.code, blinded.blindedMsg);
      expect(signed.status).toBe(200);
      const signature = blinded.finalize(
        new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')),
      );
      const cred: Credential = {
        campaignId,
        keyId: signed.body.keyId,
        token: Buffer.from(blinded.token).toString('base64url'),
        signature: Buffer.from(signature).toString('base64url'),
      };
      return { cred, answers: answersFor(pages.get(inv.unitCode).survey, rand) };
    });

    // Submissions in flight together; kill -9 once 30 are acknowledged.
    const acked: typeof creds = [];
    let killed: Promise<void> | undefined;
    await pool(creds, 8, async (c) => {
      if (killed) return;
      try {
        const res = await r.submit(c.cred, c.answers);
        if (res.status === 202) {
          acked.push(c);
          if (acked.length >= 30) killed ??= stop('SIGKILL');
        }
      } catch {
        // in flight when the process died: not acknowledged
      }
    });
    await killed;
    expect(child!.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(30);

    // The journal: one 0600 file of 4 KiB pages, each waiting answer sealed at a random place, nothing readable.
    const journalDir = path.join(dataDir, 'journal');
    expect((await stat(journalDir)).mode & 0o777).toBe(0o700);
    expect(await readdir(journalDir)).toEqual(['slots']);
    const slots = path.join(journalDir, 'slots');
    expect((await stat(slots)).mode & 0o777).toBe(0o600);
    const records = await takenPages(slots);
    expect(records.length).toBeGreaterThanOrEqual(acked.length);
    const text = (await readFile(slots)).toString('latin1');
    expect(text).not.toContain(campaignId);
    expect(text).not.toContain('"answers"');
    expect(text).not.toContain('"unitCode"');

    // Restart: every acknowledged answer waits again, with no resubmission.
    await start(port);
    for (const c of acked) expect((await r.status(c.cred)).body.status).toBe('pending');
    // The close writes the campaign's batch; the journal then holds no entry: every page but its header zeroed.
    const admin2 = client(base);
    await admin2.login(ADMIN.email, ADMIN.password);
    expect((await admin2.post(`/api/campaigns/${campaignId}/close`)).status).toBe(200);
    expect(await readdir(journalDir)).toEqual(['slots']);
    expect(await takenPages(slots)).toEqual([]);
    const stored = [];
    for (const c of creds) if ((await r.status(c.cred)).body.status === 'stored') stored.push(c);
    for (const c of acked) expect(stored).toContain(c);
    const p = (await admin2.get(`/api/campaigns/${campaignId}/participation`)).json;
    // Exactly once: one stored row per stored token, no more.
    expect(p.responses).toBe(stored.length);
    console.info(
      `durable: ${acked.length} acknowledged before kill -9 (${records.length} in the journal), all pending after restart, ${stored.length} stored once`,
    );
  }, 120_000);
});
