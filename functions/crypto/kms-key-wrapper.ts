import { Buffer } from 'node:buffer';
import { KeyUnwrapError } from './errors';
import { describeWrapFormat, type KeyWrapper, WrapFormat } from './key-wrap';

/**
 * Key wrapping with AWS KMS: the private key is encrypted directly with KMS
 * `Encrypt` (a PKCS #8 RSA-2048 key is about 1.2 KB, under the 4 KB limit),
 * with `EncryptionContext: { koe: context }`. KMS refuses to decrypt under any
 * other context, and CloudTrail records the context of every decryption.
 *
 * Wrapped format v1: 0x02 || KMS ciphertext blob.
 */

/** The two KMS calls the wrapper needs; `kms-client.ts` provides them from `@aws-sdk/client-kms`. */
export interface KmsApi {
  encrypt(plaintext: Uint8Array, encryptionContext: Record<string, string>): Promise<Uint8Array>;
  decrypt(ciphertextBlob: Uint8Array, encryptionContext: Record<string, string>): Promise<Uint8Array>;
}

/** KMS `Encrypt` takes at most 4096 bytes of plaintext. */
export const KMS_MAX_PLAINTEXT_BYTES = 4096;
export const KMS_CONTEXT_KEY = 'koe';

export class KmsKeyWrapper implements KeyWrapper {
  readonly #kms: KmsApi;

  constructor(kms: KmsApi) {
    this.#kms = kms;
  }

  async wrap(plain: Uint8Array, context: string): Promise<Uint8Array> {
    if (plain.byteLength > KMS_MAX_PLAINTEXT_BYTES) {
      throw new RangeError(`KMS Encrypt takes at most ${KMS_MAX_PLAINTEXT_BYTES} bytes`);
    }
    const blob = await this.#kms.encrypt(plain, encryptionContext(context));
    const wrapped = Buffer.concat([Buffer.of(WrapFormat.kmsV1), blob]);
    return new Uint8Array(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
  }

  async unwrap(wrapped: Uint8Array, context: string): Promise<Uint8Array> {
    if (wrapped[0] !== WrapFormat.kmsV1) {
      throw new KeyUnwrapError(`this key was wrapped with ${describeWrapFormat(wrapped[0])}, not KMS`);
    }
    if (wrapped.byteLength < 2) throw new KeyUnwrapError('wrapped key is truncated');
    try {
      return await this.#kms.decrypt(wrapped.subarray(1), encryptionContext(context));
    } catch (cause) {
      throw new KeyUnwrapError(`KMS did not unwrap the key for ${context}`, { cause });
    }
  }
}

function encryptionContext(context: string): Record<string, string> {
  return { [KMS_CONTEXT_KEY]: context };
}
