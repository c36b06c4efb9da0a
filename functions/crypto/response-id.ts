import { createHash } from 'node:crypto';
import { encodeBase64Url } from './base64url';

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

/** A short receipt for the respondent: the first 16 base64url characters of SHA-256('koe-receipt:' + hash). */
export function receiptOf(hash: string): string {
  if (!SHA256_HEX.test(hash)) throw new TypeError('not a token hash');
  return encodeBase64Url(createHash('sha256').update(`koe-receipt:${hash}`, 'utf8').digest()).slice(0, 16);
}
