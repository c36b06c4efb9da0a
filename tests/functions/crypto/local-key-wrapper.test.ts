import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyUnwrapError, MasterKeyFileError } from '../../../functions/crypto/errors';
import { LocalFileKeyWrapper, MASTER_KEY_FILE } from '../../../functions/crypto/local-key-wrapper';

const posix = process.platform !== 'win32';
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const plain = new Uint8Array(randomBytes(1217));

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'koe-key-wrap-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function writeMasterKey(bytes: Uint8Array, mode: number): Promise<string> {
  const file = path.join(dataDir, MASTER_KEY_FILE);
  await fs.writeFile(file, bytes, { mode });
  await fs.chmod(file, mode);
  return file;
}

describe('LocalFileKeyWrapper', () => {
  it('round-trips a key under the same context', async () => {
    const wrapper = new LocalFileKeyWrapper(dataDir);
    const wrapped = await wrapper.wrap(plain, 'campaign-1/U100');
    expect(hex(await wrapper.unwrap(wrapped, 'campaign-1/U100'))).toBe(hex(plain));
  });

  it('writes the versioned format: 0x01 || iv || tag || ciphertext, with a fresh iv each time', async () => {
    const wrapper = new LocalFileKeyWrapper(dataDir);
    const a = await wrapper.wrap(plain, 'c/u');
    const b = await wrapper.wrap(plain, 'c/u');
    expect(a[0]).toBe(0x01);
    expect(a.byteLength).toBe(1 + 12 + 16 + plain.byteLength);
    expect(hex(a.subarray(1, 13))).not.toBe(hex(b.subarray(1, 13)));
    expect(hex(a)).not.toContain(hex(plain.subarray(0, 32)));
  });

  it('creates the master key with mode 0600, in a data directory it creates', async () => {
    const nested = path.join(dataDir, 'not', 'yet');
    const wrapper = new LocalFileKeyWrapper(nested);
    await wrapper.load();
    const stat = await fs.stat(path.join(nested, MASTER_KEY_FILE));
    expect(stat.size).toBe(32);
    if (posix) expect(stat.mode & 0o777).toBe(0o600);
    expect((await fs.readdir(nested)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the master key across restarts', async () => {
    const wrapped = await new LocalFileKeyWrapper(dataDir).wrap(plain, 'c/u');
    const restarted = new LocalFileKeyWrapper(dataDir);
    expect(hex(await restarted.unwrap(wrapped, 'c/u'))).toBe(hex(plain));
  });

  it('gives two processes starting together the same master key', async () => {
    const wrappers = Array.from({ length: 8 }, () => new LocalFileKeyWrapper(dataDir));
    const wrapped = await Promise.all(wrappers.map((w, i) => w.wrap(plain, `c/u${i}`)));
    for (const [i, w] of wrappers.entries()) {
      const j = (i + 1) % wrappers.length;
      expect(hex(await w.unwrap(wrapped[j] ?? new Uint8Array(), `c/u${j}`))).toBe(hex(plain));
    }
  });

  it('refuses to unwrap under another context', async () => {
    const wrapper = new LocalFileKeyWrapper(dataDir);
    const wrapped = await wrapper.wrap(plain, 'campaign-1/U100');
    await expect(wrapper.unwrap(wrapped, 'campaign-1/U200')).rejects.toThrow(KeyUnwrapError);
    await expect(wrapper.unwrap(wrapped, 'campaign-2/U100')).rejects.toThrow(KeyUnwrapError);
  });

  it('refuses damaged bytes and another master key', async () => {
    const wrapper = new LocalFileKeyWrapper(dataDir);
    const wrapped = await wrapper.wrap(plain, 'c/u');
    for (const index of [5, 20, wrapped.byteLength - 1]) {
      const damaged = new Uint8Array(wrapped);
      damaged[index] = (damaged[index] ?? 0) ^ 0x80;
      await expect(wrapper.unwrap(damaged, 'c/u')).rejects.toThrow(KeyUnwrapError);
    }
    await expect(wrapper.unwrap(wrapped.subarray(0, 20), 'c/u')).rejects.toThrow(KeyUnwrapError);
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'koe-key-wrap-other-'));
    try {
      await expect(new LocalFileKeyWrapper(elsewhere).unwrap(wrapped, 'c/u')).rejects.toThrow(KeyUnwrapError);
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('says so when a key was wrapped by KMS', async () => {
    const wrapper = new LocalFileKeyWrapper(dataDir);
    await expect(wrapper.unwrap(Uint8Array.of(0x02, 1, 2, 3), 'c/u')).rejects.toThrow(/KMS/);
    await expect(wrapper.unwrap(new Uint8Array(0), 'c/u')).rejects.toThrow(KeyUnwrapError);
  });

  it.skipIf(!posix).each([0o644, 0o640, 0o604, 0o666])(
    'refuses an existing master key with mode %o, saying how to fix it',
    async (mode) => {
      const file = await writeMasterKey(randomBytes(32), mode);
      const wrapper = new LocalFileKeyWrapper(dataDir);
      await expect(wrapper.load()).rejects.toThrow(MasterKeyFileError);
      await expect(wrapper.wrap(plain, 'c/u')).rejects.toThrow(`chmod 600 ${file}`);
      // Once fixed, the same wrapper works.
      await fs.chmod(file, 0o600);
      expect(hex(await wrapper.unwrap(await wrapper.wrap(plain, 'c/u'), 'c/u'))).toBe(hex(plain));
    },
  );

  it.skipIf(!posix)('accepts an existing master key with mode 0400', async () => {
    const master = randomBytes(32);
    await writeMasterKey(master, 0o400);
    const wrapper = new LocalFileKeyWrapper(dataDir);
    await expect(wrapper.load()).resolves.toBeUndefined();
    expect(hex(await wrapper.unwrap(await wrapper.wrap(plain, 'c/u'), 'c/u'))).toBe(hex(plain));
  });

  it('refuses a master key file of the wrong size', async () => {
    await writeMasterKey(randomBytes(16), 0o600);
    await expect(new LocalFileKeyWrapper(dataDir).load()).rejects.toThrow(/exactly 32 bytes/);
  });

  it('refuses a master key path that is a directory', async () => {
    await fs.mkdir(path.join(dataDir, MASTER_KEY_FILE), { mode: 0o700 });
    await expect(new LocalFileKeyWrapper(dataDir).load()).rejects.toThrow(MasterKeyFileError);
  });
});
