import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readArchive, writeArchive } from '../../../functions/backup/archive';
import { BackupDecryptError, MAGIC, open, SCRYPT, seal } from '../../../functions/backup/container';
import type { RawItem } from '../../../functions/store/backups';

/**
 * The backup container (functions/backup/container.ts): node's crypto only,
 * AES-256-GCM with a key from scrypt (N = 2^17) or sealed to a recipient's
 * X25519 or RSA public key. A wrong secret or a changed byte never opens it.
 */

const plain = Buffer.from('{"table":"responses","item":{"q":{"S":"上司に相談しやすい職場です"}}}\n', 'utf8');
const pem = (k: { export(o: object): string | Buffer }, type: string) =>
  k.export({ type, format: 'pem' }) as string;

describe('backup container', () => {
  it('opens with the passphrase, uses scrypt N=2^17, and refuses a wrong one', () => {
    const sealed = seal(plain, { passphrase: 'correct horse battery staple' });
    expect(sealed.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    // version 1, mode 1 (passphrase), logN, r, p
    expect([...sealed.subarray(MAGIC.length, MAGIC.length + 5)]).toEqual([1, 1, SCRYPT.logN, 8, 1]);
    expect(SCRYPT.logN).toBe(17);
    expect(sealed.includes(Buffer.from('上司'))).toBe(false);
    expect(open(sealed, { passphrase: 'correct horse battery staple' }).equals(plain)).toBe(true);
    expect(() => open(sealed, { passphrase: 'correct horse battery stapler' })).toThrow(BackupDecryptError);
    // Two seals of the same text share nothing: fresh salt and nonce.
    const again = seal(plain, { passphrase: 'correct horse battery staple' });
    expect(
      again
        .subarray(MAGIC.length + 5, MAGIC.length + 21)
        .equals(sealed.subarray(MAGIC.length + 5, MAGIC.length + 21)),
    ).toBe(false);
  });

  it('fails on any changed byte: header, ciphertext or tag', () => {
    const sealed = seal(plain, { passphrase: 'correct horse battery staple' });
    for (const at of [MAGIC.length + 6, sealed.length - 20, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 1;
      expect(() => open(bad, { passphrase: 'correct horse battery staple' }), `byte ${at}`).toThrow(
        BackupDecryptError,
      );
    }
    expect(() => open(Buffer.from('not an archive at all, just text'), { passphrase: 'x' })).toThrow(
      /not a koe backup/,
    );
  });

  it('seals to an X25519 recipient: only its private key opens it', () => {
    const recipient = generateKeyPairSync('x25519');
    const other = generateKeyPairSync('x25519');
    const sealed = seal(plain, { recipientPublicKey: pem(recipient.publicKey, 'spki') });
    expect(open(sealed, { recipientPrivateKey: pem(recipient.privateKey, 'pkcs8') }).equals(plain)).toBe(
      true,
    );
    expect(() => open(sealed, { recipientPrivateKey: pem(other.privateKey, 'pkcs8') })).toThrow(
      BackupDecryptError,
    );
    expect(() => open(sealed, { passphrase: 'correct horse battery staple' })).toThrow(/private key/);
  });

  it('seals to an RSA recipient with OAEP-SHA256 (3072 bits at least)', () => {
    const recipient = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const sealed = seal(plain, { recipientPublicKey: recipient.publicKey });
    expect(open(sealed, { recipientPrivateKey: recipient.privateKey }).equals(plain)).toBe(true);
    const small = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(() => seal(plain, { recipientPublicKey: small.publicKey })).toThrow(/3072/);
  });
});

describe('backup archive', () => {
  const item = (pk: string, sk: string, extra: RawItem = {}): RawItem => ({
    pk: { S: pk },
    sk: { S: sk },
    ...extra,
  });
  const tables = {
    directory: [item('UNIT', 'A', { n: { N: '1.50' } })],
    surveys: [
      item('PLAN', 'CURRENT', { gz: { B: new Uint8Array([0, 1, 2, 255]) }, tags: { SS: ['a', 'b'] } }),
    ],
    responses: [
      item('R#c#a', 'aa', { q: { M: { x: { L: [{ S: '職場' }, { NULL: true }, { BOOL: false }] } } } }),
    ],
    feedback: [] as RawItem[],
  };

  it('round-trips every attribute type and checks counts and checksums', () => {
    const files = [{ name: 'master.key', mode: 0o600, data: Buffer.from([9, 8, 7]) }];
    const { gz, manifest } = writeArchive({ createdAt: '2026-01-01T00:00:00.000Z', tables, files });
    const back = readArchive(gz);
    expect(back.tables).toEqual(tables);
    expect(back.files).toEqual(files);
    expect(back.manifest).toEqual(manifest);
    expect(manifest.counts).toEqual({ directory: 1, surveys: 1, responses: 1, feedback: 0 });
  });

  it('refuses an archive whose items do not match its manifest', async () => {
    const { gz } = writeArchive({ createdAt: '2026-01-01T00:00:00.000Z', tables, files: [] });
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const text = gunzipSync(gz).toString('utf8').replace('"UNIT"', '"UNIX"');
    expect(() => readArchive(gzipSync(Buffer.from(text)))).toThrow(ArchiveError);
    const dropped = gunzipSync(gz)
      .toString('utf8')
      .split('\n')
      .filter((l) => !l.includes('"R#c#a"'))
      .join('\n');
    expect(() => readArchive(gzipSync(Buffer.from(dropped)))).toThrow(/responses/);
  });

  it('refuses a key file name that would leave the data directory', () => {
    const files = [{ name: '../evil', mode: 0o600, data: Buffer.from('x') }];
    const { gz } = writeArchive({ createdAt: '2026-01-01T00:00:00.000Z', tables, files });
    expect(() => readArchive(gz)).toThrow();
  });
});
