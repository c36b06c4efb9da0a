import { createHash } from 'node:crypto';
import { CROCKFORD_ALPHABET } from '../../shared/text/invitation-code';

/**
 * Names derived from a token. Answers are stored under `tokenHash(token)`:
 * nothing about the respondent, only what the token's holder can reproduce.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Hex SHA-256 of the prepared message: the storage key of a response. */
export function tokenHash(token: Uint8Array): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The shard (0 … shards − 1) of a response, from the first 32 bits of its hash. */
export function shardOf(hash: string, shards = 16): number {
  if (!SHA256_HEX.test(hash)) throw new TypeError('not a token hash');
  if (!Number.isInteger(shards) || shards < 1 || shards > 65536) {
    throw new RangeError('shards must be an integer from 1 to 65536');
  }
  return Number.parseInt(hash.slice(0, 8), 16) % shards;
}

/**
 * A short receipt for the respondent, readable aloud and on paper: the first
 * 80 bits of SHA-256('koe-receipt:' + hash) as 16 characters of Crockford
 * base32 (no I, L, O, U), shown in groups of four: `7K2M-Q9XD-4RTB-W0HC`.
 */
export function receiptOf(hash: string): string {
  if (!SHA256_HEX.test(hash)) throw new TypeError('not a token hash');
  const digest = createHash('sha256').update(`koe-receipt:${hash}`, 'utf8').digest();
  let out = '';
  for (let i = 0; i < 16; i++) {
    const bit = i * 5;
    const window = ((digest[bit >> 3] ?? 0) << 8) | (digest[(bit >> 3) + 1] ?? 0);
    out += CROCKFORD_ALPHABET[(window >> (11 - (bit & 7))) & 0x1f];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}
