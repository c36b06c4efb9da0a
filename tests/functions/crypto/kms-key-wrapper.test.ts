import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyUnwrapError } from '../../../functions/crypto/errors';
import { createKmsApi, type KmsSdk } from '../../../functions/crypto/kms-client';
import { KmsKeyWrapper } from '../../../functions/crypto/kms-key-wrapper';
import { FakeKms } from './fake-kms';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const plain = new Uint8Array(randomBytes(1217));

describe('KmsKeyWrapper', () => {
  it('round-trips a key with EncryptionContext { koe: context }', async () => {
    const kms = new FakeKms();
    const wrapper = new KmsKeyWrapper(kms);
    const wrapped = await wrapper.wrap(plain, 'campaign-1/U100');
    expect(wrapped[0]).toBe(0x02);
    expect(hex(await wrapper.unwrap(wrapped, 'campaign-1/U100'))).toBe(hex(plain));
    expect(kms.calls).toEqual([
      { op: 'encrypt', encryptionContext: { koe: 'campaign-1/U100' } },
      { op: 'decrypt', encryptionContext: { koe: 'campaign-1/U100' } },
    ]);
  });

  it('refuses to unwrap under another context', async () => {
    const wrapper = new KmsKeyWrapper(new FakeKms());
    const wrapped = await wrapper.wrap(plain, 'campaign-1/U100');
    const attempt = wrapper.unwrap(wrapped, 'campaign-1/U200');
    await expect(attempt).rejects.toThrow(KeyUnwrapError);
    await expect(attempt).rejects.toMatchObject({ cause: { name: 'InvalidCiphertextException' } });
  });

  it('refuses a key wrapped locally, or nothing at all', async () => {
    const wrapper = new KmsKeyWrapper(new FakeKms());
    await expect(wrapper.unwrap(Uint8Array.of(0x01, 9, 9, 9), 'c/u')).rejects.toThrow(/local master key/);
    await expect(wrapper.unwrap(Uint8Array.of(0x02), 'c/u')).rejects.toThrow(KeyUnwrapError);
    await expect(wrapper.unwrap(new Uint8Array(0), 'c/u')).rejects.toThrow(KeyUnwrapError);
  });

  it('refuses more than KMS Encrypt takes (4 KB)', async () => {
    const wrapper = new KmsKeyWrapper(new FakeKms());
    await expect(wrapper.wrap(new Uint8Array(4097), 'c/u')).rejects.toThrow(RangeError);
    await expect(wrapper.wrap(new Uint8Array(4096), 'c/u')).resolves.toBeInstanceOf(Uint8Array);
  });
});

describe('createKmsApi (wiring to @aws-sdk/client-kms)', () => {
  /** Just enough of the SDK's shape: records the commands it is sent, backed by FakeKms. */
  function fakeSdk() {
    const kms = new FakeKms();
    const sent: Array<{ command: string; input: Record<string, unknown> }> = [];
    const clients: Array<{ region?: string }> = [];
    class EncryptCommand {
      constructor(
        readonly input: { KeyId: string; Plaintext: Uint8Array; EncryptionContext: Record<string, string> },
      ) {}
    }
    class DecryptCommand {
      constructor(
        readonly input: {
          KeyId: string;
          CiphertextBlob: Uint8Array;
          EncryptionContext: Record<string, string>;
        },
      ) {}
    }
    class KMSClient {
      constructor(config: { region?: string }) {
        clients.push(config);
      }
      async send(command: unknown) {
        if (command instanceof EncryptCommand) {
          sent.push({ command: 'Encrypt', input: command.input });
          return {
            CiphertextBlob: await kms.encrypt(command.input.Plaintext, command.input.EncryptionContext),
          };
        }
        if (command instanceof DecryptCommand) {
          sent.push({ command: 'Decrypt', input: command.input });
          return {
            Plaintext: await kms.decrypt(command.input.CiphertextBlob, command.input.EncryptionContext),
          };
        }
        throw new Error('unexpected command');
      }
    }
    const sdk: KmsSdk = { KMSClient, EncryptCommand, DecryptCommand };
    return { sdk, sent, clients };
  }

  it('pins both calls to the configured key and passes the encryption context through', async () => {
    const { sdk, sent, clients } = fakeSdk();
    const api = createKmsApi('alias/koe-unit-keys', { region: 'ap-northeast-1', loadSdk: async () => sdk });
    const wrapper = new KmsKeyWrapper(api);
    const wrapped = await wrapper.wrap(plain, 'c/u');
    expect(hex(await wrapper.unwrap(wrapped, 'c/u'))).toBe(hex(plain));
    expect(sent.map((s) => [s.command, s.input.KeyId, s.input.EncryptionContext])).toEqual([
      ['Encrypt', 'alias/koe-unit-keys', { koe: 'c/u' }],
      ['Decrypt', 'alias/koe-unit-keys', { koe: 'c/u' }],
    ]);
    expect(clients).toEqual([{ region: 'ap-northeast-1' }]);
  });

  it('loads the SDK again after a failed load', async () => {
    const { sdk } = fakeSdk();
    let attempts = 0;
    const api = createKmsApi('k', {
      loadSdk: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('not installed');
        return sdk;
      },
    });
    await expect(api.encrypt(plain, { koe: 'c/u' })).rejects.toThrow('not installed');
    await expect(api.encrypt(plain, { koe: 'c/u' })).resolves.toBeInstanceOf(Uint8Array);
    expect(attempts).toBe(2);
  });
});
