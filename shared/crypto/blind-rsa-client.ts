/**
 * The respondent's side of RFC 9474, RSABSSA-SHA384-PSS-Randomized: prepare,
 * blind and finalize, with the browser's BigInt and WebCrypto.
 *
 * Why not @cloudflare/blindrsa-ts here: it carries sjcl for its big numbers,
 * 13 KB of gzipped script that would push the respondent page past its 90 KB
 * budget (DESIGN §7). This file does the same steps in the same order —
 * tests/shared/crypto/blind-rsa-client.test.ts checks that, fed the same random bytes, it
 * produces byte for byte what the library produces, and that the server's
 * signatures verify. Finalize verifies the signature with WebCrypto, so a
 * fault here fails closed instead of sending a bad token.
 */

import { fromBase64Url } from '../encoding/base64url';

const HASH = 'SHA-384';
const H_LEN = 48;
const S_LEN = 48;
const PREFIX_LEN = 32;

export interface PublicKey {
  key: CryptoKey;
  n: bigint;
  e: bigint;
  /** Modulus length in bits and bytes. */
  bits: number;
  bytes: number;
}

const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

const digest = async (data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest(HASH, data as BufferSource));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function os2ip(bytes: Uint8Array): bigint {
  let hex = '0x0';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return BigInt(hex);
}

function i2osp(x: bigint, length: number): Uint8Array {
  const hex = x.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new Error('integer too large');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function powMod(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** The inverse of x modulo n, or undefined when they share a factor. */
function inverseMod(x: bigint, n: bigint): bigint | undefined {
  let [r0, r1] = [x % n, n];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) return undefined;
  return ((s0 % n) + n) % n;
}

/** Imports a unit's public key (SPKI DER) and reads its modulus and exponent. */
export async function importPublicKey(spki: Uint8Array): Promise<PublicKey> {
  const key = await crypto.subtle.importKey(
    'spki',
    spki as BufferSource,
    { name: 'RSA-PSS', hash: HASH },
    true,
    ['verify'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const n = os2ip(fromBase64Url(jwk.n ?? ''));
  const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
  return { key, n, e: os2ip(fromBase64Url(jwk.e ?? '')), bits, bytes: Math.ceil(bits / 8) };
}

/** RFC 9474 §4.1, randomized: 32 random bytes before the message. */
export const prepare = (msg: Uint8Array): Uint8Array => concat(random(PREFIX_LEN), msg);

/** MGF1 with SHA-384 (RFC 8017 B.2.1). */
async function mgf1(seed: Uint8Array, length: number): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  for (let counter = 0; blocks.length * H_LEN < length; counter++) {
    blocks.push(await digest(concat(seed, i2osp(BigInt(counter), 4))));
  }
  return concat(...blocks).subarray(0, length);
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with a random 48-byte salt. */
async function pssEncode(msg: Uint8Array, emBits: number): Promise<Uint8Array> {
  const emLen = Math.ceil(emBits / 8);
  const mHash = await digest(msg);
  if (emLen < H_LEN + S_LEN + 2) throw new Error('encoding error');
  const salt = random(S_LEN);
  const h = await digest(concat(new Uint8Array(8), mHash, salt));
  const db = concat(new Uint8Array(emLen - S_LEN - H_LEN - 2), Uint8Array.of(1), salt);
  const mask = await mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  return concat(db, h, Uint8Array.of(0xbc));
}

/** RFC 9474 §4.2: the blinded message to send, and the inverse to keep. */
export async function blind(
  pk: PublicKey,
  msg: Uint8Array,
): Promise<{ blindedMsg: Uint8Array; inv: Uint8Array }> {
  const m = os2ip(await pssEncode(msg, pk.bits - 1));
  // r uniform in [1, n): rejection sampling, as the reference library does.
  for (let tries = 0; tries < 128; tries++) {
    const r = os2ip(random(pk.bytes));
    if (r === 0n || r >= pk.n) continue;
    // One inversion for RFC 9474's two (m's, which only checks that m is invertible, and r's): m·r
    // is invertible exactly when both are, and then r⁻¹ = m·(m·r)⁻¹ mod n. The inversions were most
    // of blinding's arithmetic (issue 18: the demo seed blinds ~3,000 tokens).
    const mrInv = inverseMod((m * r) % pk.n, pk.n);
    if (!mrInv) {
      if (!inverseMod(m, pk.n)) throw new Error('invalid input');
      throw new Error('blinding error');
    }
    const inv = (m * mrInv) % pk.n;
    const blinded = (m * powMod(r, pk.e, pk.n)) % pk.n;
    return { blindedMsg: i2osp(blinded, pk.bytes), inv: i2osp(inv, pk.bytes) };
  }
  throw new Error('no random blinding factor');
}

/** RFC 9474 §4.4: unblinds the server's signature and verifies it (throws when it is not valid). */
export async function finalize(
  pk: PublicKey,
  msg: Uint8Array,
  blindSig: Uint8Array,
  inv: Uint8Array,
): Promise<Uint8Array> {
  if (blindSig.length !== pk.bytes || inv.length !== pk.bytes) throw new Error('unexpected input size');
  const sig = i2osp((os2ip(blindSig) * os2ip(inv)) % pk.n, pk.bytes);
  const valid = await crypto.subtle.verify(
    { name: 'RSA-PSS', saltLength: S_LEN },
    pk.key,
    sig as BufferSource,
    msg as BufferSource,
  );
  if (!valid) throw new Error('invalid signature');
  return sig;
}
