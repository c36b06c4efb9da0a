import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindSign } from '../../functions/crypto/blind-sign';
import { verifyToken } from '../../functions/crypto';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';
import { meterStore } from '../../scripts/bench/scale-capacity';
import { pssEncode, scaleCity } from '../../scripts/bench/scale-city';

/**
 * The parts `npm run bench -- --scale` rests on (issue 18): the city it builds,
 * the r = 1 blinding its clients use instead of the browser's, and the
 * capacity meter whose figures docs/DEPLOY.md prices.
 */

describe('scale city', () => {
  it('is a three-level tree of the asked size, every unit 2–400 people', () => {
    const city = scaleCity(100_000, 1_500);
    expect(city.units).toHaveLength(1_500);
    expect(city.staffUnits).toHaveLength(100_000);
    const byCode = new Map(city.units.map((u) => [u.code, u]));
    const depth = (code: string): number => {
      const parent = byCode.get(code)!.parentCode;
      return parent ? 1 + depth(parent) : 1;
    };
    expect(new Set(city.units.map((u) => depth(u.code)))).toEqual(new Set([1, 2, 3]));
    const sizes = new Map<string, number>();
    for (const u of city.staffUnits) sizes.set(u, (sizes.get(u) ?? 0) + 1);
    expect(sizes.size).toBe(1_500);
    expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(400);
    expect(scaleCity(100_000, 1_500)).toEqual(city);
  });

  it('refuses a head count the units cannot hold', () => {
    expect(() => scaleCity(100, 100)).toThrow(/2–400/);
  });
});

describe('r = 1 blinding', () => {
  it('makes the blind signature of the PSS encoding the token’s RSASSA-PSS signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (let i = 0; i < 5; i++) {
      const token = Buffer.from(`token ${i} `.repeat(6));
      const encoded = pssEncode(token, 2048);
      expect(encoded).toHaveLength(256);
      const signature = blindSign(privateKey, encoded);
      expect(verifyToken(publicKey, token, signature)).toBe(true);
      expect(verifyToken(publicKey, Buffer.from('another token'), signature)).toBe(false);
    }
  });
});

describe('capacity meter', () => {
  let dir: string;
  let runtime: LocalRuntime;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'koe-scale-meter-'));
    runtime = await startLocalRuntime({ dataDir: dir, inMemory: true, publicBaseUrl: 'http://127.0.0.1' });
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a burst of 3,000 store calls at once through the local socket (no connect EAGAIN)', async () => {
    // Opening invitations for 1,500 units updates every unit's count at once; one connection each
    // overflowed the socket's backlog before the agent had a pool (functions/store/socket-client.ts).
    const results = await Promise.allSettled(
      Array.from({ length: 3_000 }, (_, i) => runtime.store.directory.getUnit(`NONE${i}`)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(results.every((r) => r.status === 'fulfilled' && r.value === undefined)).toBe(true);
  });

  it('counts write units by item size (1 KB) and reads by 4 KB, per stage', async () => {
    const meter = meterStore(runtime.store);
    meter.reset();
    const long = 'あ'.repeat(1_000); // 3,000 bytes in UTF-8: a 3–4 KB item
    await runtime.store.directory.createUnit({ code: 'BIG', name: { ja: long }, parentCode: null });
    await runtime.store.directory.createUnit({ code: 'S', name: { ja: '小' }, parentCode: null });
    const written = meter.snapshot();
    // 3,000 bytes of Japanese and its keys (under 3 KB): 3 units (1 KB each, rounded up), and 1 for the small unit.
    expect(written.wru).toBe(4);
    expect(written.itemsWritten).toBe(2);
    // The embedded engine counts the UTF-16 length (1,000), so its own figure is lower.
    expect(written.engineUnits).toBeLessThan(written.wru);
    expect(written.rru).toBe(0);
    meter.reset();
    const units = await runtime.store.directory.listUnits();
    expect(units.map((u) => u.code).sort()).toEqual(['BIG', 'S']);
    const read = meter.snapshot();
    expect(read.wru).toBe(0);
    expect(read.itemsRead).toBe(2);
    // One query over ~3 KB: one 4 KB unit, or half of one when eventually consistent.
    expect([0.5, 1]).toContain(read.rru);
  });
});
