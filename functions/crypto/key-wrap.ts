import { createPublicKey, type KeyObject } from 'node:crypto';
import { importUnitPrivateKey, keyIdOf } from './campaign-keys';
import { KeyUnwrapError } from './errors';
import { LruCache } from './lru-cache';

/**
 * Unit private keys are stored wrapped (DESIGN §3): with KMS on AWS, with a
 * master key file locally. `context` (for example `campaignId/unitCode`) is
 * bound to the ciphertext, so a wrapped key moved to another unit's record
 * will not unwrap.
 */
export interface KeyWrapper {
  wrap(plain: Uint8Array, context: string): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: string): Promise<Uint8Array>;
}

/** First byte of a wrapped key: which wrapper made it, in which format. */
export const WrapFormat = { localV1: 0x01, kmsV1: 0x02 } as const;

export function describeWrapFormat(version: number | undefined): string {
  if (version === WrapFormat.localV1) return 'the local master key file (v1)';
  if (version === WrapFormat.kmsV1) return 'AWS KMS (v1)';
  return `an unknown format (${version === undefined ? 'empty' : `0x${version.toString(16).padStart(2, '0')}`})`;
}

/**
 * Every key group of the largest campaign koe is sized for (issue 18: up to 2,000 units, 884 key groups
 * at 100,000 staff in 1,500 units). At 512, tokens spread over 884 groups missed the cache about 40% of
 * the time — a KMS Decrypt and a key import each on AWS. An RSA-2048 KeyObject is a few KB: ~8 MB at most.
 */
const UNWRAPPED_KEYS_PER_WRAPPER = 2_048;
const unwrappedKeys = new WeakMap<KeyWrapper, LruCache<string, Promise<KeyObject>>>();

/**
 * Unwraps a unit's private key and imports it, once: later calls for the same
 * key id and context come from memory, so the token route does not call KMS
 * per request. Concurrent first calls share one unwrap.
 *
 * The unwrapped key must be the one `keyId` names (its public half hashes to
 * `keyId`), which keeps the cache honest even if a store record was mixed up.
 */
export function unwrapPrivateKey(
  wrapper: KeyWrapper,
  wrapped: Uint8Array,
  context: string,
  keyId: string,
): Promise<KeyObject> {
  let cache = unwrappedKeys.get(wrapper);
  if (!cache) {
    cache = new LruCache(UNWRAPPED_KEYS_PER_WRAPPER);
    unwrappedKeys.set(wrapper, cache);
  }
  const cacheKey = `${keyId}\u0000${context}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const pending = unwrapAndImport(wrapper, wrapped, context, keyId);
  cache.set(cacheKey, pending);
  pending.catch(() => {
    if (cache.get(cacheKey) === pending) cache.delete(cacheKey);
  });
  return pending;
}

async function unwrapAndImport(
  wrapper: KeyWrapper,
  wrapped: Uint8Array,
  context: string,
  keyId: string,
): Promise<KeyObject> {
  const pkcs8 = await wrapper.unwrap(wrapped, context);
  let privateKey: KeyObject;
  try {
    privateKey = importUnitPrivateKey(pkcs8);
  } finally {
    pkcs8.fill(0);
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (keyIdOf(spki) !== keyId) {
    throw new KeyUnwrapError(`the key unwrapped for ${context} is not key ${keyId}`);
  }
  return privateKey;
}
