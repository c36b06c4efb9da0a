import { Buffer } from 'node:buffer';
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { encodeBase64Url } from './base64url';

/**
 * Each unit of a campaign has its own RSA key (RFC 9474
 * RSABSSA-SHA384-PSS-Randomized), so a token certifies the unit.
 *
 * The public key is exported as SPKI DER with the plain rsaEncryption
 * algorithm identifier: that is the only identifier WebCrypto accepts when the
 * browser imports it as `{ name: 'RSA-PSS', hash: 'SHA-384' }`; the PSS
 * parameters are chosen by the importer, not carried in the key.
 */

export const UNIT_KEY_BITS = 2048;
export const UNIT_KEY_PUBLIC_EXPONENT = 65537;
/** Length in bytes of the modulus, of a blinded message and of a signature. */
export const UNIT_KEY_BYTES = UNIT_KEY_BITS / 8;

export interface UnitKey {
  /** First 22 characters of base64url(SHA-256(SPKI DER)). */
  keyId: string;
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Uint8Array;
  /** PKCS #8 PrivateKeyInfo, DER: store it wrapped only (see key-wrap). */
  privateKeyPkcs8: Uint8Array;
}

const generateRsaKeyPair = promisify(generateKeyPair);

export async function generateUnitKey(): Promise<UnitKey> {
  const { publicKey, privateKey } = await generateRsaKeyPair('rsa', {
    modulusLength: UNIT_KEY_BITS,
    publicExponent: UNIT_KEY_PUBLIC_EXPONENT,
  });
  const publicKeySpki = toBytes(publicKey.export({ type: 'spki', format: 'der' }));
  const privateKeyPkcs8 = toBytes(privateKey.export({ type: 'pkcs8', format: 'der' }));
  return { keyId: keyIdOf(publicKeySpki), publicKeySpki, privateKeyPkcs8 };
}

export function keyIdOf(publicKeySpki: Uint8Array): string {
  return encodeBase64Url(createHash('sha256').update(publicKeySpki).digest()).slice(0, 22);
}

/** Imports a unit's public key; throws TypeError unless it is RSA-2048 with e = 65537. */
export function importUnitPublicKey(publicKeySpki: Uint8Array): KeyObject {
  const key = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' });
  assertUnitKeyShape(key);
  return key;
}

/** Imports a unit's private key; throws TypeError unless it is RSA-2048 with e = 65537. */
export function importUnitPrivateKey(privateKeyPkcs8: Uint8Array): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  assertUnitKeyShape(key);
  return key;
}

export function assertUnitKeyShape(key: KeyObject): void {
  const details = key.asymmetricKeyDetails;
  if (
    key.asymmetricKeyType !== 'rsa' ||
    details?.modulusLength !== UNIT_KEY_BITS ||
    details.publicExponent !== BigInt(UNIT_KEY_PUBLIC_EXPONENT)
  ) {
    throw new TypeError(`a unit key must be RSA-${UNIT_KEY_BITS} with e = ${UNIT_KEY_PUBLIC_EXPONENT}`);
  }
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
