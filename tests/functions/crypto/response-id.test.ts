import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { receiptOf, shardOf, tokenHash } from '../../../functions/crypto/response-id';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('tokenHash', () => {
  it('is the hex SHA-256 of the token', () => {
    expect(tokenHash(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(tokenHash(new Uint8Array(64))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('shardOf', () => {
  it('reads the first 32 bits of the hash', () => {
    expect(shardOf('0'.repeat(64))).toBe(0);
    expect(shardOf(`ffffffff${'0'.repeat(56)}`)).toBe(15);
    expect(shardOf(`0000000a${'f'.repeat(56)}`)).toBe(10);
    expect(shardOf(`00000007${'0'.repeat(56)}`, 4)).toBe(3);
    expect(shardOf('f'.repeat(64), 1)).toBe(0);
  });

  it('spreads tokens evenly over the shards', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const shard = shardOf(tokenHash(bytes(`token-${i}`)));
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    // 1,000 expected per shard; 6 standard deviations (σ ≈ 31) either side.
    for (const count of counts) {
      expect(count).toBeGreaterThan(810);
      expect(count).toBeLessThan(1190);
    }
  });

  it('refuses what is not a token hash or a shard count', () => {
    expect(() => shardOf('xyz')).toThrow(TypeError);
    expect(() => shardOf('A'.repeat(64))).toThrow(TypeError);
    expect(() => shardOf('0'.repeat(64), 0)).toThrow(RangeError);
    expect(() => shardOf('0'.repeat(64), 2.5)).toThrow(RangeError);
  });
});

describe('receiptOf', () => {
  it('is the first 80 bits of SHA-256(koe-receipt: + hash) in Crockford base32, grouped 4-4-4-4', () => {
    const hash = tokenHash(bytes('a token'));
    const digest = createHash('sha256').update(`koe-receipt:${hash}`).digest();
    const bits = [...digest.subarray(0, 10)].map((b) => b.toString(2).padStart(8, '0')).join('');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const chars = Array.from(
      { length: 16 },
      (_, i) => alphabet[Number.parseInt(bits.slice(i * 5, i * 5 + 5), 2)],
    );
    const expected = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    expect(receiptOf(hash)).toBe(expected);
    expect(receiptOf(hash)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it('differs between tokens and is not the hash itself', () => {
    const a = tokenHash(bytes('a'));
    const b = tokenHash(bytes('b'));
    expect(receiptOf(a)).not.toBe(receiptOf(b));
    expect(a).not.toContain(receiptOf(a));
  });

  it('refuses what is not a token hash', () => {
    expect(() => receiptOf('')).toThrow(TypeError);
  });
});
