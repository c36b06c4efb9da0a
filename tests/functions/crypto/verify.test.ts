import { constants, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { blindSign } from '../../../functions/crypto/blind-sign';
import {
  generateUnitKey,
  importUnitPrivateKey,
  importUnitPublicKey,
  type UnitKey,
} from '../../../functions/crypto/campaign-keys';
import { verifyToken } from '../../../functions/crypto/verify';
import { requestToken, suite } from './rfc9474-client';

let unitKey: UnitKey;
let otherKey: UnitKey;
let privateKey: KeyObject;
let token: Uint8Array;
let signature: Uint8Array;

beforeAll(async () => {
  [unitKey, otherKey] = await Promise.all([generateUnitKey(), generateUnitKey()]);
  privateKey = importUnitPrivateKey(unitKey.privateKeyPkcs8);
  const request = await requestToken(unitKey.publicKeySpki);
  token = request.token;
  signature = await suite.finalize(
    request.publicKey,
    token,
    blindSign(privateKey, request.blindedMsg),
    request.inv,
  );
});

function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

function pssSign(message: Uint8Array, saltLength: number): Uint8Array {
  return sign('sha384', message, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
}

describe('verifyToken', () => {
  it('accepts a finalised blind signature, given the SPKI or a KeyObject', () => {
    expect(verifyToken(unitKey.publicKeySpki, token, signature)).toBe(true);
    expect(verifyToken(importUnitPublicKey(unitKey.publicKeySpki), token, signature)).toBe(true);
  });

  it('refuses the signature under another unit key', () => {
    expect(verifyToken(otherKey.publicKeySpki, token, signature)).toBe(false);
  });

  it('refuses a signature made by another key', async () => {
    const other = importUnitPrivateKey(otherKey.privateKeyPkcs8);
    const request = await requestToken(otherKey.publicKeySpki);
    const foreign = await suite.finalize(
      request.publicKey,
      request.token,
      blindSign(other, request.blindedMsg),
      request.inv,
    );
    expect(verifyToken(otherKey.publicKeySpki, request.token, foreign)).toBe(true);
    expect(verifyToken(unitKey.publicKeySpki, request.token, foreign)).toBe(false);
  });

  it('refuses a tampered token or signature', () => {
    expect(verifyToken(unitKey.publicKeySpki, flipBit(token, 0), signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, flipBit(token, token.length - 1), signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, token.subarray(0, token.length - 1), signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, flipBit(signature, 100), signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, token, flipBit(signature, 255))).toBe(false);
  });

  it('answers false, never throws, on malformed signatures', () => {
    const malformed = [
      new Uint8Array(0),
      signature.subarray(1),
      new Uint8Array([...signature, 0]),
      new Uint8Array(256),
      new Uint8Array(256).fill(0xff), // larger than n
    ];
    for (const bad of malformed) expect(verifyToken(unitKey.publicKeySpki, token, bad)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, new Uint8Array(0), signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, 'token' as unknown as Uint8Array, signature)).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, token, null as unknown as Uint8Array)).toBe(false);
  });

  it('requires RSASSA-PSS with SHA-384 and a salt of exactly 48 bytes', () => {
    // A plain (non-blind) RSASSA-PSS signature with the same parameters is the same kind of signature.
    expect(verifyToken(unitKey.publicKeySpki, token, pssSign(token, 48))).toBe(true);
    expect(verifyToken(unitKey.publicKeySpki, token, pssSign(token, 32))).toBe(false);
    expect(verifyToken(unitKey.publicKeySpki, token, pssSign(token, 0))).toBe(false);
    const sha256 = sign('sha256', token, {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 48,
    });
    expect(verifyToken(unitKey.publicKeySpki, token, sha256)).toBe(false);
    const pkcs1 = sign('sha384', token, { key: privateKey, padding: constants.RSA_PKCS1_PADDING });
    expect(verifyToken(unitKey.publicKeySpki, token, pkcs1)).toBe(false);
  });

  it('throws on a key that is not RSA (a server fault, not the client’s)', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => verifyToken(ec.publicKey, token, signature)).toThrow(TypeError);
  });
});
