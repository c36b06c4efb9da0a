import { Buffer } from 'node:buffer';
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { LruCache } from './lru-cache';

/**
 * RFC 9474 Verify for RSABSSA-SHA384-PSS-Randomized: RSASSA-PSS with
 * SHA-384, MGF1-SHA-384 (OpenSSL's default: the MGF1 digest follows the
 * signature digest) and a salt of exactly 48 bytes, over the prepared message.
 *
 * `token` and `signature` come from anonymous clients: any malformed value
 * gives `false`, never an exception. The key comes from our own store; an
 * unusable key is a server fault and throws.
 */

export const PSS_SALT_LENGTH = 48;

const importedKeys = new LruCache<string, KeyObject>(1024);

export function verifyToken(
  publicKey: KeyObject | Uint8Array,
  token: Uint8Array,
  signature: Uint8Array,
): boolean {
  const key = publicKey instanceof Uint8Array ? publicKeyFromSpki(publicKey) : publicKey;
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError('verifyToken needs an RSA key');
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new TypeError('RSA key without a modulus');
  if (!(token instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
  if (signature.byteLength !== Math.ceil(bits / 8)) return false;
  try {
    return verify(
      'sha384',
      token,
      { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_LENGTH },
      signature,
    );
  } catch {
    return false;
  }
}

function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  const der = Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength);
  const cacheKey = der.toString('base64');
  const cached = importedKeys.get(cacheKey);
  if (cached) return cached;
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  importedKeys.set(cacheKey, key);
  return key;
}
