import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../functions/services/accounts';
import { answersFor } from '../support/answers';
import { respondent } from '../support/respondent';
import { ADMIN, client, custodian, startTestServer, type TestServer } from '../support/server';
import { blindToken, unitKey } from './support/fast-device';
import { commentQuestion, openCampaign, seeded } from './support/flow';

/**
 * Nothing secret in any log line: the server's console and stdout/stderr are
 * captured during a whole flow, errors included, and searched for every
 * password, session, invitation code, token, signature and answer it saw.
 */

let server: TestServer;
const lines: string[] = [];
const restore: Array<() => void> = [];

function capture() {
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[name];
    console[name] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
    };
    restore.push(() => {
      console[name] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
}

function safeJson(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}\n${value.stack}` : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const undo of restore.splice(0)) undo();
  await server?.close();
});

describe('logs', () => {
  it('hold no password, session, invitation code, token, signature or answer through a whole flow with errors', async () => {
    const secrets: string[] = [ADMIN.password, 'analyst-password-9'];
    capture();
    const admin = client(server.baseUrl);
    const { token: session } = await admin.login();
    secrets.push(session);
    await createAccount(server.runtime.deps, {
      email: 'analyst@example.jp',
      password: 'analyst-password-9',
      role: 'analyst',
    });
    await client(server.baseUrl).post('/api/auth/login', {
      email: 'analyst@example.jp',
      password: 'wrong-password-7',
    });
    secrets.push('wrong-password-7');

    const { campaignId, invitations } = await openCampaign(admin, [{ code: 'A', staff: 12 }]);
    const r = respondent(server.baseUrl);
    const rand = seeded(3);
    for (const [i, inv] of invitations.slice(0, -1).entries()) {
      secrets.push(inv.code, inv.code.replace(/-/g, ''), inv.url);
      const page = await r.campaign(campaignId, inv.code);
      const blinded = blindToken(unitKey(page.body.publicKey));
      const signed = await r.requestSignature(inv.code, blinded.blindedMsg);
      const signature = blinded.finalize(
        new Uint8Array(Buffer.from(signed.body.blindSignature, 'base64url')),
      );
      const cred = {
        campaignId,
        keyId: signed.body.keyId,
        token: Buffer.from(blinded.token).toString('base64url'),
        signature: Buffer.from(signature).toString('base64url'),
      };
      const comment = `ログ検査の回答 ${i} marker-${createHash('sha256').update(inv.code).digest('hex').slice(0, 12)}`;
      const answers = { ...answersFor(page.body.survey, rand), [commentQuestion(page.body.survey)]: comment };
      const res = await r.submit(cred, answers, { jobLevel: 'staff' });
      expect([202, 400]).toContain(res.status);
      secrets.push(
        Buffer.from(blinded.blindedMsg).toString('base64url'),
        signed.body.blindSignature,
        cred.token,
        cred.signature,
        comment,
        createHash('sha256').update(blinded.token).digest('hex'),
      );
      if (res.status === 202) secrets.push(res.body.receipt);
      // Errors on the way: a reused code, a forged signature, invalid answers, malformed JSON.
      if (i === 0) {
        await r.requestSignature(inv.code, blindToken(unitKey(page.body.publicKey)).blindedMsg);
        const forged = Buffer.from(cred.signature, 'base64url');
        forged[3]! ^= 1;
        await r.submit({ ...cred, signature: forged.toString('base64url') }, answers);
        await r.submit(cred, { ...answers, 'psy.raise_problems': `secret-answer-${inv.code}` });
        secrets.push(`secret-answer-${inv.code}`);
        await fetch(`${server.baseUrl}/api/public/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"code":"${inv.code}", "blindedMessage": `,
        });
      }
    }
    // An unexpected failure deep in the submit path, whose message carries the request's secrets.
    const inv = invitations[0]!;
    // Submit reads whether the token's answers are stored (the write itself comes later, in a batch).
    const put = server.runtime.store.responses.storedDigest;
    server.runtime.store.responses.storedDigest = async () => {
      throw new TypeError(`boom ${inv.code} ${session}`);
    };
    try {
      const last = invitations[invitations.length - 1]!;
      secrets.push(last.code);
      const cred = await r.obtain(campaignId, last.code);
      secrets.push(cred.token, cred.signature);
      const res = await r.submit(cred, answersFor(cred.survey, rand));
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain(inv.code);
    } finally {
      server.runtime.store.responses.storedDigest = put;
    }
    await admin.post(`/api/campaigns/${campaignId}/close`);
    await admin.get(`/api/campaigns/${campaignId}/results`);
    await (await custodian(admin)).get(`/api/campaigns/${campaignId}/invitations.csv`);
    for (const undo of restore.splice(0)) undo();

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0); // the unexpected error was logged…
    expect(log).toContain('"event":"unhandled"');
    for (const secret of secrets) {
      expect(log.includes(secret), `a log line contains ${secret.slice(0, 24)}…`).toBe(false);
    }
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // …but no JWT
    expect(log).not.toMatch(/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}/); // and no code
  }, 90_000);
});
