import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importUnitPrivateKey, importUnitPublicKey, keyIdOf } from '../../../functions/crypto/campaign-keys';
import { WorkerKeySupply } from '../../../functions/crypto/key-supply';
import { blindSign } from '../../../functions/crypto/blind-sign';

/** Waits until `check` holds, polling (no fixed sleep: the machine may be slow). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

describe('WorkerKeySupply', () => {
  it('hands out distinct RSA-2048 unit keys (e = 65537) whose halves belong together', async () => {
    const supply = new WorkerKeySupply({ ahead: 2, threads: 2 });
    try {
      const keys = await Promise.all([supply.take(), supply.take(), supply.take()]);
      expect(new Set(keys.map((k) => k.keyId)).size).toBe(3);
      for (const key of keys) {
        // Throws unless RSA-2048 with e = 65537 (campaign-keys.ts).
        const pub = importUnitPublicKey(key.publicKeySpki);
        const priv = importUnitPrivateKey(key.privateKeyPkcs8);
        expect(key.keyId).toBe(keyIdOf(key.publicKeySpki));
        // The public key derived from the private one is the one handed out.
        const derived = createPublicKey(priv).export({ type: 'spki', format: 'der' });
        expect(Buffer.from(derived).equals(Buffer.from(key.publicKeySpki))).toBe(true);
        expect(pub.asymmetricKeyDetails?.modulusLength).toBe(2048);
      }
    } finally {
      await supply.close();
    }
  });

  it('makes keys ahead, up to the number asked, before anyone takes one', async () => {
    const supply = new WorkerKeySupply({ ahead: 2 });
    try {
      await until(() => supply.readyCount === 2);
      const key = await supply.take();
      expect(supply.readyCount).toBe(1);
      // Taking one starts the next: the supply fills up again.
      await until(() => supply.readyCount === 2);
      expect(key.privateKeyPkcs8.length).toBeGreaterThan(1000);
    } finally {
      await supply.close();
    }
  });

  it('makes a known total one after another from the start, and a key on demand beyond it', async () => {
    const supply = new WorkerKeySupply({ total: 2, threads: 1 });
    try {
      // Both made with no take in between: one thread goes on to the next key by itself.
      await until(() => supply.readyCount === 2);
      const keys = [await supply.take(), await supply.take(), await supply.take()];
      expect(new Set(keys.map((k) => k.keyId)).size).toBe(3);
      expect(supply.readyCount).toBe(0);
    } finally {
      await supply.close();
    }
  });

  it('wipes the keys no one took when closed, and still answers afterwards (made on demand)', async () => {
    const supply = new WorkerKeySupply({ ahead: 1 });
    await until(() => supply.readyCount === 1);
    const first = await supply.take();
    const digest = createHash('sha256').update(first.privateKeyPkcs8).digest('hex');
    await until(() => supply.readyCount === 1);
    await supply.close();
    expect(supply.readyCount).toBe(0);
    const after = await supply.take();
    expect(after.keyId).not.toBe(first.keyId);
    expect(createHash('sha256').update(after.privateKeyPkcs8).digest('hex')).not.toBe(digest);
    // A key made after close is a working signing key.
    const message = new Uint8Array(256).fill(7);
    message[0] = 0;
    expect(blindSign(importUnitPrivateKey(after.privateKeyPkcs8), message).length).toBe(256);
  });
});
