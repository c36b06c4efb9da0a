import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyUnwrapError, MasterKeyFileError } from './errors';
import { describeWrapFormat, type KeyWrapper, WrapFormat } from './key-wrap';

/**
 * Local key wrapping: AES-256-GCM under a 32-byte master key kept in
 * `<dataDir>/master.key` (mode 0600, created on first use).
 *
 * Wrapped format v1: 0x01 || iv (12 random bytes) || tag (16) || ciphertext.
 * The additional authenticated data is the version byte and the context, so
 * neither can be changed without the tag failing.
 */

export const MASTER_KEY_FILE = 'master.key';
const MASTER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class LocalFileKeyWrapper implements KeyWrapper {
  readonly masterKeyPath: string;
  #masterKey: Promise<Buffer> | undefined;

  constructor(dataDir: string) {
    this.masterKeyPath = path.join(dataDir, MASTER_KEY_FILE);
  }

  /** Loads (or creates) the master key now, so an unsafe file stops start-up rather than a request. */
  async load(): Promise<void> {
    await this.#key();
  }

  async wrap(plain: Uint8Array, context: string): Promise<Uint8Array> {
    const key = await this.#key();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData(context));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    const wrapped = Buffer.concat([Buffer.of(WrapFormat.localV1), iv, cipher.getAuthTag(), ciphertext]);
    return new Uint8Array(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
  }

  async unwrap(wrapped: Uint8Array, context: string): Promise<Uint8Array> {
    const key = await this.#key();
    if (wrapped[0] !== WrapFormat.localV1) {
      throw new KeyUnwrapError(
        `this key was wrapped with ${describeWrapFormat(wrapped[0])}, not the local key file`,
      );
    }
    if (wrapped.byteLength < HEADER_BYTES) throw new KeyUnwrapError('wrapped key is truncated');
    const bytes = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
      return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
    } catch (cause) {
      throw new KeyUnwrapError(
        `key for ${context} does not unwrap: wrong context, wrong master key or damaged`,
        {
          cause,
        },
      );
    }
  }

  #key(): Promise<Buffer> {
    if (!this.#masterKey) {
      this.#masterKey = loadOrCreateMasterKey(this.masterKeyPath);
      // A failed load is retried on the next call (after the operator fixed the file).
      this.#masterKey.catch(() => {
        this.#masterKey = undefined;
      });
    }
    return this.#masterKey;
  }
}

function additionalData(context: string): Buffer {
  return Buffer.concat([Buffer.of(WrapFormat.localV1), Buffer.from(context, 'utf8')]);
}

async function loadOrCreateMasterKey(file: string): Promise<Buffer> {
  try {
    return await readMasterKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await createMasterKey(file);
  return readMasterKey(file);
}

async function readMasterKey(file: string): Promise<Buffer> {
  const handle = await fs.open(file, fsConstants.O_RDONLY);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new MasterKeyFileError(`${file} is not a regular file`);
    // Windows has no POSIX modes to check (node reports 0666 for every file).
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new MasterKeyFileError(
        `${file} has mode ${mode}: the master key must be readable by its owner only. ` +
          `Run \`chmod 600 ${file}\` (and check who may have copied it) before starting koe.`,
      );
    }
    if (stat.size !== MASTER_KEY_BYTES) {
      throw new MasterKeyFileError(`${file} must hold exactly ${MASTER_KEY_BYTES} bytes, not ${stat.size}`);
    }
    const key = Buffer.alloc(MASTER_KEY_BYTES);
    const { bytesRead } = await handle.read(key, 0, MASTER_KEY_BYTES, 0);
    if (bytesRead !== MASTER_KEY_BYTES) throw new MasterKeyFileError(`${file} could not be read in full`);
    return key;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a fresh key to a private temporary file, then links it into place:
 * the link fails if another process got there first, so two processes starting
 * together end up with the same key and no one ever reads a half-written file.
 */
async function createMasterKey(file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(randomBytes(MASTER_KEY_BYTES));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
}
