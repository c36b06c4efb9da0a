import { createHash, createPublicKey, randomBytes, verify, constants } from 'node:crypto';

/**
 * A respondent device for volume tests: RFC 9474 (RSABSSA-SHA384-PSS-Randomized)
 * written out with native BigInt and node:crypto, ~50× faster than the
 * reference library, so a test can prepare a thousand credentials quickly.
 * Independent of koe's own crypto: it only reads the unit's public key, and
 * every signature it finalizes is checked with node's RSA-PSS verifier.
 */

const HASH = 'sha384';
const H_LEN = 48;
const S_LEN = 48;

const toBig = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const toBytes = (value: bigint, length: number) =>
  new Uint8Array(Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex'));

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return ((s0 % m) + m) % m;
}

function mgf1(seed: Uint8Array, length: number): Uint8Array {
  const out = Buffer.alloc(length);
  for (let counter = 0, offset = 0; offset < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(HASH).update(seed).update(c).digest();
    offset += block.copy(out, offset);
  }
  return out;
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384, MGF1-SHA-384 and a 48-byte salt. */
function emsaPss(message: Uint8Array, emBits: number): Uint8Array {
  const emLen = Math.ceil(emBits / 8);
  const mHash = createHash(HASH).update(message).digest();
  const salt = randomBytes(S_LEN);
  const h = createHash(HASH).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.alloc(emLen - H_LEN - 1);
  db[emLen - S_LEN - H_LEN - 2] = 0x01;
  salt.copy(db, emLen - S_LEN - H_LEN - 1);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  return new Uint8Array(Buffer.concat([db, h, Buffer.from([0xbc])]));
}

export interface UnitKey {
  spki: Buffer;
  n: bigint;
  e: bigint;
  bytes: number;
}

export function unitKey(publicKeySpki: string): UnitKey {
  const spki = Buffer.from(publicKeySpki, 'base64url');
  const jwk = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'jwk' });
  const n = toBig(Buffer.from(jwk.n!, 'base64url'));
  return {
    spki,
    n,
    e: toBig(Buffer.from(jwk.e!, 'base64url')),
    bytes: Buffer.from(jwk.n!, 'base64url').length,
  };
}

export interface Blinded {
  /** The prepared message (RFC 9474 §4.1: 32 random bytes, then the message): what is submitted as `token`. */
  token: Uint8Array;
  blindedMsg: Uint8Array;
  finalize(blindSignature: Uint8Array): Uint8Array;
}

/** Prepare, blind (RFC 9474 §4.2) and, later, finalize (§4.4) one token for a unit key. */
export function blindToken(key: UnitKey): Blinded {
  const token = new Uint8Array(randomBytes(64));
  const m = toBig(emsaPss(token, key.n.toString(2).length - 1));
  let r: bigint;
  do r = toBig(randomBytes(key.bytes)) % key.n;
  while (r < 2n);
  const blindedMsg = toBytes((m * modPow(r, key.e, key.n)) % key.n, key.bytes);
  return {
    token,
    blindedMsg,
    finalize(blindSignature) {
      const s = (toBig(blindSignature) * modInverse(r, key.n)) % key.n;
      const signature = toBytes(s, key.bytes);
      const ok = verify(
        HASH,
        token,
        {
          key: key.spki,
          format: 'der',
          type: 'spki',
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: S_LEN,
        },
        signature,
      );
      if (!ok) throw new Error('the blind signature does not finalize to a valid RSA-PSS signature');
      return signature;
    },
  };
}
