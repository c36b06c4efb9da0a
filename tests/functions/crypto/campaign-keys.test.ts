import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateUnitKey,
  importUnitPrivateKey,
  importUnitPublicKey,
  keyIdOf,
  type UnitKey,
} from '../../../functions/crypto/campaign-keys';
import { importPublicKeyAsBrowser } from './rfc9474-client';

const RSA_ENCRYPTION_OID = '06092a864886f70d010101'; // 1.2.840.113549.1.1.1

let key: UnitKey;
beforeAll(async () => {
  key = await generateUnitKey();
});

describe('generateUnitKey', () => {
  it('makes an RSA-2048 key with e = 65537', () => {
    const publicKey = importUnitPublicKey(key.publicKeySpki);
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(publicKey.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(key.publicKeySpki).toBeInstanceOf(Uint8Array);
    expect(key.privateKeyPkcs8).toBeInstanceOf(Uint8Array);
  });

  it('names the key by the hash of its SPKI', () => {
    const expected = createHash('sha256').update(key.publicKeySpki).digest('base64url').slice(0, 22);
    expect(key.keyId).toBe(expected);
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keyIdOf(key.publicKeySpki)).toBe(key.keyId);
  });

  it('exports the SPKI with the rsaEncryption identifier', () => {
    expect(Buffer.from(key.publicKeySpki).toString('hex')).toContain(RSA_ENCRYPTION_OID);
  });

  it('exports halves of one key pair', () => {
    const privateKey = importUnitPrivateKey(key.privateKeyPkcs8);
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(derived).equals(Buffer.from(key.publicKeySpki))).toBe(true);
    const message = Buffer.from('koe');
    const signature = sign('sha384', message, privateKey);
    expect(verify('sha384', message, importUnitPublicKey(key.publicKeySpki), signature)).toBe(true);
  });

  it('makes a new key every time', async () => {
    const other = await generateUnitKey();
    expect(other.keyId).not.toBe(key.keyId);
  });

  it('gives an SPKI that WebCrypto imports as an RSA-PSS SHA-384 key, as the browser does', async () => {
    const imported = await importPublicKeyAsBrowser(key.publicKeySpki);
    expect(imported.type).toBe('public');
    expect(imported.algorithm).toMatchObject({
      name: 'RSA-PSS',
      modulusLength: 2048,
      hash: { name: 'SHA-384' },
    });
  });
});

describe('importing unit keys', () => {
  it('refuses keys that are not RSA-2048 with e = 65537', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const oddExponent = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const pair of [small, oddExponent, ec]) {
      const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
      const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
      expect(() => importUnitPublicKey(spki)).toThrow(TypeError);
      expect(() => importUnitPrivateKey(pkcs8)).toThrow(TypeError);
    }
  });

  it('refuses bytes that are not DER', () => {
    expect(() => importUnitPublicKey(new Uint8Array(10))).toThrow();
  });
});
