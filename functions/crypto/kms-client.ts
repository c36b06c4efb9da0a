import type { KmsApi } from './kms-key-wrapper';

/**
 * `KmsApi` on `@aws-sdk/client-kms`. The SDK is loaded on first use, so the
 * local runtime never needs it (the Lambda Node.js runtime ships the SDK v3).
 *
 * Only the few SDK names used here are typed, by hand, so this file compiles
 * whether or not the package is installed.
 */

export interface KmsSdk {
  KMSClient: new (config: {
    region?: string;
  }) => {
    send(command: unknown): Promise<{ CiphertextBlob?: Uint8Array; Plaintext?: Uint8Array }>;
  };
  EncryptCommand: new (input: {
    KeyId: string;
    Plaintext: Uint8Array;
    EncryptionContext: Record<string, string>;
  }) => unknown;
  DecryptCommand: new (input: {
    KeyId: string;
    CiphertextBlob: Uint8Array;
    EncryptionContext: Record<string, string>;
  }) => unknown;
}

export interface KmsClientOptions {
  /** Defaults to the SDK's own resolution (AWS_REGION in Lambda). */
  region?: string;
  /** How to load the SDK; tests pass a fake. */
  loadSdk?: () => Promise<KmsSdk>;
}

const SDK_MODULE = '@aws-sdk/client-kms';

async function loadKmsSdk(): Promise<KmsSdk> {
  try {
    // A variable specifier keeps bundlers and the type checker from requiring the package at build time.
    return (await import(SDK_MODULE)) as KmsSdk;
  } catch (cause) {
    throw new Error(`KMS key wrapping needs the ${SDK_MODULE} package`, { cause });
  }
}

/** `keyId`: the KMS key (id, ARN or alias ARN) that wraps unit keys. Decrypt is pinned to it too. */
export function createKmsApi(keyId: string, options: KmsClientOptions = {}): KmsApi {
  let client: Promise<{ sdk: KmsSdk; kms: InstanceType<KmsSdk['KMSClient']> }> | undefined;
  const connect = () => {
    if (!client) {
      client = (options.loadSdk ?? loadKmsSdk)().then((sdk) => ({
        sdk,
        kms: new sdk.KMSClient(options.region ? { region: options.region } : {}),
      }));
      client.catch(() => {
        client = undefined;
      });
    }
    return client;
  };
  return {
    async encrypt(plaintext, encryptionContext) {
      const { sdk, kms } = await connect();
      const out = await kms.send(
        new sdk.EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: encryptionContext }),
      );
      if (!out.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
      return out.CiphertextBlob;
    },
    async decrypt(ciphertextBlob, encryptionContext) {
      const { sdk, kms } = await connect();
      const out = await kms.send(
        new sdk.DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: ciphertextBlob,
          EncryptionContext: encryptionContext,
        }),
      );
      if (!out.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
      return out.Plaintext;
    },
  };
}
