import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindSign } from '../../../functions/crypto/blind-sign';
import { generateUnitKey, type UnitKey } from '../../../functions/crypto/campaign-keys';
import { KeyUnwrapError } from '../../../functions/crypto/errors';
import { type KeyWrapper, unwrapPrivateKey } from '../../../functions/crypto/key-wrap';
import { KmsKeyWrapper } from '../../../functions/crypto/kms-key-wrapper';
import { LocalFileKeyWrapper } from '../../../functions/crypto/local-key-wrapper';
import { verifyToken } from '../../../functions/crypto/verify';
import { FakeKms } from './fake-kms';
import { requestToken, suite } from './rfc9474-client';

/** A real wrapper that counts its unwraps. */
class CountingWrapper implements KeyWrapper {
  unwraps = 0;
  constructor(readonly inner: KeyWrapper) {}
  wrap(plain: Uint8Array, context: string) {
    return this.inner.wrap(plain, context);
  }
  unwrap(wrapped: Uint8Array, context: string) {
    this.unwraps += 1;
    return this.inner.unwrap(wrapped, context);
  }
}

let dataDir: string;
let unitKey: UnitKey;
let otherKey: UnitKey;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'koe-unwrap-'));
  [unitKey, otherKey] = await Promise.all([generateUnitKey(), generateUnitKey()]);
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe.each([
  ['the local key file', () => new LocalFileKeyWrapper(dataDir)],
  ['KMS', () => new KmsKeyWrapper(new FakeKms())],
])('unwrapPrivateKey with %s', (_, makeWrapper) => {
  it('gives a signing key for the unit that issues valid tokens', async () => {
    const wrapper = makeWrapper();
    const wrapped = await wrapper.wrap(unitKey.privateKeyPkcs8, 'c1/U100');
    const privateKey = await unwrapPrivateKey(wrapper, wrapped, 'c1/U100', unitKey.keyId);
    const { publicKey, token, blindedMsg, inv } = await requestToken(unitKey.publicKeySpki);
    const signature = await suite.finalize(publicKey, token, blindSign(privateKey, blindedMsg), inv);
    expect(verifyToken(unitKey.publicKeySpki, token, signature)).toBe(true);
  });

  it('unwraps once, then serves the key from memory, also to concurrent callers', async () => {
    const wrapper = new CountingWrapper(makeWrapper());
    const wrapped = await wrapper.wrap(unitKey.privateKeyPkcs8, 'c1/U100');
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => unwrapPrivateKey(wrapper, wrapped, 'c1/U100', unitKey.keyId)),
    );
    const again = await unwrapPrivateKey(wrapper, wrapped, 'c1/U100', unitKey.keyId);
    expect(wrapper.unwraps).toBe(1);
    for (const key of keys) expect(key).toBe(again);
  });

  it('still enforces the context for a key already in memory', async () => {
    const wrapper = makeWrapper();
    const wrapped = await wrapper.wrap(unitKey.privateKeyPkcs8, 'c1/U100');
    await unwrapPrivateKey(wrapper, wrapped, 'c1/U100', unitKey.keyId);
    await expect(unwrapPrivateKey(wrapper, wrapped, 'c1/U200', unitKey.keyId)).rejects.toThrow(
      KeyUnwrapError,
    );
  });

  it('does not remember a failure', async () => {
    const wrapper = new CountingWrapper(makeWrapper());
    const wrapped = await wrapper.wrap(unitKey.privateKeyPkcs8, 'c2/U100');
    const good = await wrapper.wrap(unitKey.privateKeyPkcs8, 'c2/U300');
    await expect(unwrapPrivateKey(wrapper, wrapped, 'c2/U300', unitKey.keyId)).rejects.toThrow(
      KeyUnwrapError,
    );
    await expect(unwrapPrivateKey(wrapper, good, 'c2/U300', unitKey.keyId)).resolves.toBeDefined();
    expect(wrapper.unwraps).toBe(2);
  });

  it('refuses a key that is not the one its id names', async () => {
    const wrapper = makeWrapper();
    const wrapped = await wrapper.wrap(otherKey.privateKeyPkcs8, 'c3/U100');
    await expect(unwrapPrivateKey(wrapper, wrapped, 'c3/U100', unitKey.keyId)).rejects.toThrow(/is not key/);
  });
});
