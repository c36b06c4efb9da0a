import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KmsApi } from '../../../functions/crypto/kms-key-wrapper';

/**
 * A stand-in for AWS KMS (there is no AWS here). Like KMS it encrypts with a
 * key the caller never sees and binds the encryption context: decrypting under
 * any other context fails, as KMS's InvalidCiphertextException does.
 */
export class FakeKms implements KmsApi {
  readonly #key = randomBytes(32);
  readonly calls: Array<{ op: 'encrypt' | 'decrypt'; encryptionContext: Record<string, string> }> = [];

  async encrypt(plaintext: Uint8Array, encryptionContext: Record<string, string>): Promise<Uint8Array> {
    this.calls.push({ op: 'encrypt', encryptionContext });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(canonical(encryptionContext));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  async decrypt(blob: Uint8Array, encryptionContext: Record<string, string>): Promise<Uint8Array> {
    this.calls.push({ op: 'decrypt', encryptionContext });
    const bytes = Buffer.from(blob);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, 12));
      decipher.setAAD(canonical(encryptionContext));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]));
    } catch {
      throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
    }
  }
}

function canonical(context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b))));
}
