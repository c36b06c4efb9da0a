import { Buffer } from 'node:buffer';
import {
  constants,
  createPublicKey,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  timingSafeEqual,
} from 'node:crypto';
import { InvalidBlindedMessageError, SigningFailureError } from './errors';

/**
 * RFC 9474 §4.3 BlindSign with node's native RSA.
 *
 * `privateDecrypt` with RSA_NO_PADDING is the raw RSA private operation
 * (RSASP1, s = m^d mod n; OpenSSL uses CRT and blinding). The result is
 * checked with the raw public operation before it leaves (s^e mod n must be
 * m), so a faulty CRT computation can never hand out a value that would
 * reveal a factor of n.
 *
 * The operation is deterministic: the same blinded message gives the same
 * bytes, which makes a retried token request idempotent.
 */

interface SigningKey {
  publicKey: KeyObject;
  /** The modulus, big-endian, exactly `length` bytes. */
  modulus: Buffer;
  length: number;
}

const signingKeys = new WeakMap<KeyObject, SigningKey>();

export function blindSign(privateKey: KeyObject, blindedMessage: Uint8Array): Uint8Array {
  const { publicKey, modulus, length } = signingKeyOf(privateKey);
  // 1. m = bytes_to_int(blinded_msg), which must have the modulus length and lie in 0 < m < n.
  if (blindedMessage.byteLength !== length) {
    throw new InvalidBlindedMessageError(`blinded message must be ${length} bytes`);
  }
  const m = Buffer.from(blindedMessage.buffer, blindedMessage.byteOffset, blindedMessage.byteLength);
  if (Buffer.compare(m, modulus) >= 0) throw new InvalidBlindedMessageError('blinded message out of range');
  if (m.every((byte) => byte === 0)) throw new InvalidBlindedMessageError('blinded message out of range');

  // 2. s = RSASP1(sk, m)
  let s: Buffer;
  try {
    s = leftPad(privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, m), length);
  } catch (cause) {
    throw new SigningFailureError(`RSA private operation failed: ${(cause as Error).message}`);
  }
  // 3. m' = RSAVP1(pk, s); 4. if m != m', raise "signing failure".
  let mPrime: Buffer;
  try {
    mPrime = leftPad(publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, s), length);
  } catch (cause) {
    throw new SigningFailureError(`RSA public operation failed: ${(cause as Error).message}`);
  }
  if (!timingSafeEqual(mPrime, m)) throw new SigningFailureError();
  // 5. blind_sig = int_to_bytes(s, modulus_len)
  return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
}

function signingKeyOf(privateKey: KeyObject): SigningKey {
  const cached = signingKeys.get(privateKey);
  if (cached) return cached;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new TypeError('blindSign needs an RSA private key (rsaEncryption, not rsa-pss)');
  }
  const publicKey = createPublicKey(privateKey);
  const { n } = publicKey.export({ format: 'jwk' });
  const bits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (typeof n !== 'string' || bits === undefined) throw new TypeError('RSA key without a modulus');
  const length = Math.ceil(bits / 8);
  const signingKey = { publicKey, modulus: leftPad(Buffer.from(n, 'base64url'), length), length };
  signingKeys.set(privateKey, signingKey);
  return signingKey;
}

function leftPad(bytes: Buffer, length: number): Buffer {
  if (bytes.length === length) return bytes;
  if (bytes.length > length) throw new RangeError('integer longer than the modulus');
  const padded = Buffer.alloc(length);
  bytes.copy(padded, length - bytes.length);
  return padded;
}
