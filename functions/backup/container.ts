import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  scryptSync,
  constants as cryptoConstants,
} from 'node:crypto';

/**
 * The encrypted container of a koe backup (docs/BACKUP.md). Node's crypto only,
 * no cipher of our own: AES-256-GCM over the whole (gzipped) archive, its key
 * either derived from a passphrase with scrypt or sealed to a recipient's
 * public key (X25519 + HKDF-SHA256, or RSA-OAEP-SHA256).
 *
 * Layout (all integers big-endian):
 *
 *   magic "KOEBAK1\n" (8 bytes) · version (1 byte, = 1) · mode (1 byte)
 *   mode 1, passphrase: logN (1) · r (1) · p (1) · salt (16)
 *   mode 2, X25519:     length (2) · ephemeral public key, SPKI DER
 *   mode 3, RSA-OAEP:   length (2) · the AES key encrypted with RSA-OAEP-SHA256
 *   nonce (12) · ciphertext · tag (16)
 *
 * Everything before the ciphertext is the GCM additional data, so a changed
 * header fails authentication like a changed ciphertext.
 */

export const MAGIC = Buffer.from('KOEBAK1\n', 'ascii');
export const CONTAINER_VERSION = 1;
const MODE_PASSPHRASE = 1;
const MODE_X25519 = 2;
const MODE_RSA = 3;
/** scrypt cost: N = 2^17, r = 8, p = 1 (128 MiB, about half a second). */
export const SCRYPT = { logN: 17, r: 8, p: 1 } as const;
const HKDF_INFO = Buffer.from('koe-backup v1 x25519', 'ascii');

/** How an archive is sealed: a passphrase, or a recipient's public key (PEM). */
export type SealWith = { passphrase: string } | { recipientPublicKey: string | KeyObject };
/** How an archive is opened: the passphrase, or the recipient's private key (PEM). */
export type OpenWith = { passphrase: string } | { recipientPrivateKey: string | KeyObject };

export class BackupDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupDecryptError';
  }
}

function scryptKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Buffer {
  if (logN < 14 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
    throw new BackupDecryptError('バックアップの鍵導出パラメータが不正です / bad key-derivation parameters');
  }
  const N = 2 ** logN;
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function x25519Key(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), HKDF_INFO, 32));
}

function asPublic(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key;
}
function asPrivate(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}
const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

/** Encrypts `plain` into a container. */
export function seal(plain: Buffer, how: SealWith): Buffer {
  let header: Buffer;
  let key: Buffer;
  if ('passphrase' in how) {
    if (!how.passphrase) throw new Error('empty passphrase');
    const salt = randomBytes(16);
    key = scryptKey(how.passphrase, salt, SCRYPT.logN, SCRYPT.r, SCRYPT.p);
    header = Buffer.concat([
      MAGIC,
      Buffer.from([CONTAINER_VERSION, MODE_PASSPHRASE, SCRYPT.logN, SCRYPT.r, SCRYPT.p]),
      salt,
    ]);
  } else {
    const recipient = asPublic(how.recipientPublicKey);
    if (recipient.asymmetricKeyType === 'x25519') {
      const eph = generateKeyPairSync('x25519');
      const ephDer = spki(eph.publicKey);
      const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
      key = x25519Key(shared, ephDer, spki(recipient));
      header = Buffer.concat([
        MAGIC,
        Buffer.from([CONTAINER_VERSION, MODE_X25519]),
        u16(ephDer.length),
        ephDer,
      ]);
    } else if (recipient.asymmetricKeyType === 'rsa') {
      if ((recipient.asymmetricKeyDetails?.modulusLength ?? 0) < 3072) {
        throw new Error('RSA recipient keys need at least 3072 bits / RSA 鍵は3072ビット以上が必要です');
      }
      key = randomBytes(32);
      const wrapped = publicEncrypt(
        { key: recipient, padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
        key,
      );
      header = Buffer.concat([
        MAGIC,
        Buffer.from([CONTAINER_VERSION, MODE_RSA]),
        u16(wrapped.length),
        wrapped,
      ]);
    } else {
      throw new Error(`unsupported recipient key type ${recipient.asymmetricKeyType}: use X25519 or RSA`);
    }
  }
  const nonce = randomBytes(12);
  const aad = Buffer.concat([header, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([aad, body, cipher.getAuthTag()]);
}

/** Decrypts a container; a wrong secret or any changed byte throws BackupDecryptError. */
export function open(container: Buffer, how: OpenWith): Buffer {
  const fail = (why: string) => new BackupDecryptError(why);
  if (container.length < MAGIC.length + 2 + 12 + 16 || !container.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw fail('koe のバックアップではありません / not a koe backup archive');
  }
  let at = MAGIC.length;
  const version = container[at++]!;
  if (version !== CONTAINER_VERSION) {
    throw fail(`この版のバックアップは開けません（${version}） / unsupported backup version ${version}`);
  }
  const mode = container[at++]!;
  let key: Buffer;
  if (mode === MODE_PASSPHRASE) {
    if (!('passphrase' in how))
      throw fail('パスフレーズで暗号化されています / this archive needs the passphrase');
    const [logN, r, p] = [container[at]!, container[at + 1]!, container[at + 2]!];
    const salt = container.subarray(at + 3, at + 19);
    at += 19;
    key = scryptKey(how.passphrase, salt, logN, r, p);
  } else if (mode === MODE_X25519 || mode === MODE_RSA) {
    if (!('recipientPrivateKey' in how)) {
      throw fail(
        '公開鍵で暗号化されています：秘密鍵が必要です / this archive needs the recipient private key',
      );
    }
    const len = container.readUInt16BE(at);
    const field = container.subarray(at + 2, at + 2 + len);
    at += 2 + len;
    const priv = asPrivate(how.recipientPrivateKey);
    try {
      if (mode === MODE_X25519) {
        const eph = createPublicKey({ key: field, format: 'der', type: 'spki' });
        const shared = diffieHellman({ privateKey: priv, publicKey: eph });
        key = x25519Key(shared, field, spki(createPublicKey(priv)));
      } else {
        key = privateDecrypt(
          { key: priv, padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
          field,
        );
      }
    } catch {
      throw fail('秘密鍵が違います / wrong private key');
    }
  } else {
    throw fail(`unknown archive mode ${mode}`);
  }
  const nonce = container.subarray(at, at + 12);
  at += 12;
  const aad = container.subarray(0, at);
  const body = container.subarray(at, container.length - 16);
  const tag = container.subarray(container.length - 16);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw fail(
      'バックアップを復号できません：パスフレーズ（鍵）が違うか、ファイルが壊れています / cannot decrypt: wrong passphrase or key, or the archive is damaged',
    );
  }
}
