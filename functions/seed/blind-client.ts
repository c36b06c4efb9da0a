import { constants, createHash, createPublicKey, publicEncrypt, randomBytes, verify } from 'node:crypto';

/**
 * The respondent's half of RFC 9474 (RSABSSA-SHA384-PSS-Randomized) on
 * node's own primitives, for loading demo data quickly: prepare, blind and
 * finalize a token. Browsers use @cloudflare/blindrsa-ts; the server cannot
 * tell the two apart, and a test checks this one against that library.
 */

const HASH = 'sha384';
const H_LEN = 48;
const S_LEN = 48;

const toBig = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
function toBytes(x: bigint, length: number): Buffer {
  const hex = x.toString(16).padStart(length * 2, '0');
  return Buffer.from(hex, 'hex');
}

function modInverse(a: bigint, n: bigint): bigint {
  let [oldR, r] = [a % n, n];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return ((oldS % n) + n) % n;
}

function mgf1(seed: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  for (let counter = 0; out.length * H_LEN < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    out.push(createHash(HASH).update(seed).update(c).digest());
  }
  return Buffer.concat(out).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384, MGF1-SHA-384 and a 48-byte salt. */
function pssEncode(message: Uint8Array, emBits: number): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const mHash = createHash(HASH).update(message).digest();
  const salt = randomBytes(S_LEN);
  const h = createHash(HASH).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.concat([Buffer.alloc(emLen - S_LEN - H_LEN - 2), Buffer.from([1]), salt]);
  const mask = mgf1(h, emLen - H_LEN - 1);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([db, h, Buffer.from([0xbc])]);
}

export interface BlindedToken {
  token: Uint8Array;
  blindedMessage: Uint8Array;
  finalize(blindSignature: Uint8Array): Uint8Array;
}

export function blindToken(publicKeySpki: Uint8Array): BlindedToken {
  const key = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' });
  const jwk = key.export({ format: 'jwk' });
  const n = toBig(Buffer.from(jwk.n!, 'base64url'));
  const modBytes = Buffer.from(jwk.n!, 'base64url').length;
  const modBits = n.toString(2).length;
  const token = Buffer.concat([randomBytes(32), randomBytes(32)]);
  const m = toBig(pssEncode(token, modBits - 1));
  let r: bigint;
  do r = toBig(randomBytes(modBytes)) % n;
  while (r < 2n);
  // r^e mod n with node's native RSA.
  const rE = toBig(publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, toBytes(r, modBytes)));
  const blindedMessage = toBytes((m * rE) % n, modBytes);
  return {
    token,
    blindedMessage,
    finalize(blindSignature) {
      const s = toBytes((toBig(blindSignature) * modInverse(r, n)) % n, modBytes);
      const ok = verify(HASH, token, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: S_LEN }, s);
      if (!ok) throw new Error('the blind signature does not verify');
      return s;
    },
  };
}
