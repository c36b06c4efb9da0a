import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { blindSign } from '../../../functions/crypto/blind-sign';
import { generateUnitKey, importUnitPrivateKey, type UnitKey } from '../../../functions/crypto/campaign-keys';
import { CryptoInputError, InvalidBlindedMessageError } from '../../../functions/crypto/errors';
import { verifyToken } from '../../../functions/crypto/verify';
import { base64url, modInverse, modPow, toBigInt, toBytes } from './bigint';
import { rfc9474PssRandomized as vector } from './rfc9474-vector';
import { requestToken, suite } from './rfc9474-client';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

let unitKey: UnitKey;
let privateKey: KeyObject;
let n: bigint;

beforeAll(async () => {
  unitKey = await generateUnitKey();
  privateKey = importUnitPrivateKey(unitKey.privateKeyPkcs8);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  n = toBigInt(Buffer.from(jwk.n ?? '', 'base64url'));
});

describe('blindSign: RFC 9474 round trip with @cloudflare/blindrsa-ts as the client', () => {
  it('gives a blind signature the client finalises into a valid token signature', async () => {
    const { publicKey, token, blindedMsg, inv } = await requestToken(unitKey.publicKeySpki);
    const blindSignature = blindSign(privateKey, blindedMsg);
    expect(blindSignature.byteLength).toBe(256);

    // finalize itself verifies the unblinded signature and throws if it is wrong.
    const signature = await suite.finalize(publicKey, token, blindSignature, inv);
    expect(verifyToken(unitKey.publicKeySpki, token, signature)).toBe(true);
    expect(await suite.verify(publicKey, signature, token)).toBe(true);
  });

  it('is deterministic, so a retried request gets the same bytes', async () => {
    const { blindedMsg } = await requestToken(unitKey.publicKeySpki);
    expect(hex(blindSign(privateKey, blindedMsg))).toBe(hex(blindSign(privateKey, blindedMsg)));
  });

  it('computes s = m^d mod n (checked with s^e mod n = m in BigInt arithmetic)', async () => {
    const { blindedMsg } = await requestToken(unitKey.publicKeySpki);
    const s = toBigInt(blindSign(privateKey, blindedMsg));
    expect(s < n).toBe(true);
    expect(modPow(s, 65537n, n)).toBe(toBigInt(blindedMsg));
  });

  it('returns a modulus-length signature when s has leading zero bytes', () => {
    const s = (1n << 1900n) + 12345n; // 238 significant bytes: 18 leading zeros at 256 bytes
    const m = modPow(s, 65537n, n);
    const signature = blindSign(privateKey, toBytes(m, 256));
    expect(signature.byteLength).toBe(256);
    expect(hex(signature)).toBe(hex(toBytes(s, 256)));
  });

  it('signs the edge values m = 1 and m = n − 1', () => {
    expect(toBigInt(blindSign(privateKey, toBytes(1n, 256)))).toBe(1n);
    // (n − 1)^d = (−1)^d = −1 mod n, since d is odd.
    expect(toBigInt(blindSign(privateKey, toBytes(n - 1n, 256)))).toBe(n - 1n);
  });
});

describe('blindSign: invalid blinded messages', () => {
  const cases: Array<[string, () => Uint8Array]> = [
    ['m = 0', () => new Uint8Array(256)],
    ['m = n', () => toBytes(n, 256)],
    ['m = n + 1', () => toBytes(n + 1n, 256)],
    ['m = 2^2048 − 1', () => new Uint8Array(256).fill(0xff)],
    ['255 bytes', () => new Uint8Array(255).fill(1)],
    ['257 bytes', () => toBytes(5n, 257)],
    ['no bytes', () => new Uint8Array(0)],
  ];

  it.each(cases)('refuses %s with a typed input error', (_, make) => {
    const message = make();
    expect(() => blindSign(privateKey, message)).toThrow(InvalidBlindedMessageError);
    try {
      blindSign(privateKey, message);
    } catch (error) {
      expect(error).toBeInstanceOf(CryptoInputError);
      expect((error as CryptoInputError).code).toBe('invalid_blinded_message');
    }
  });

  it('refuses a key that is not an RSA private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => blindSign(ec.privateKey, new Uint8Array(256).fill(1))).toThrow(TypeError);
    expect(() => blindSign(createPublicKey(privateKey), new Uint8Array(256).fill(1))).toThrow(TypeError);
  });
});

describe('blindSign: RFC 9474 Appendix A test vector (RSABSSA-SHA384-PSS-Randomized, 4096-bit)', () => {
  function vectorKey(): KeyObject {
    const p = toBigInt(vector.p);
    const q = toBigInt(vector.q);
    const e = toBigInt(vector.e);
    const d = modInverse(e, (p - 1n) * (q - 1n));
    return createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        n: base64url(p * q),
        e: base64url(e),
        d: base64url(d),
        p: base64url(p),
        q: base64url(q),
        dp: base64url(d % (p - 1n)),
        dq: base64url(d % (q - 1n)),
        qi: base64url(modInverse(q, p)),
      },
    });
  }

  it('reproduces blind_sig from blinded_msg', () => {
    const blindedMsg = Buffer.from(vector.blindedMsg, 'hex');
    expect(hex(blindSign(vectorKey(), blindedMsg))).toBe(vector.blindSig);
  });

  it('verifies the vector signature over the prepared message, and refuses it over another', () => {
    const publicKey = createPublicKey(vectorKey());
    const sig = Buffer.from(vector.sig, 'hex');
    const preparedMsg = Buffer.from(vector.preparedMsg, 'hex');
    expect(verifyToken(publicKey, preparedMsg, sig)).toBe(true);
    preparedMsg[0] = (preparedMsg[0] ?? 0) ^ 1;
    expect(verifyToken(publicKey, preparedMsg, sig)).toBe(false);
  });
});
