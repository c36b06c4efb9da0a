import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { DurableJournal, JournalEntry, JournalKind } from '../services/journal';
import { localSecret } from './secrets';

/**
 * The durable buffer of the local runtime (issue 20, DESIGN §3 A2): answers and
 * posts acknowledged but not yet written in their shuffled batch are kept here,
 * on disk, so `kill -9` or a power cut loses none of them.
 *
 * - One file per waiting entry in `<dataDir>/journal/` (0700), named by an HMAC
 *   of the entry's key (a resubmission replaces its file): names carry no
 *   order, no time and no token hash.
 * - Each file is AES-256-GCM (random 96-bit IV, the name as associated data)
 *   under `<dataDir>/journal.key` (0600, beside the local key file), of the
 *   entry padded to a multiple of 4 KiB: its size says nothing of the answers.
 * - Written to a spare file, its times set to the epoch, fsynced, renamed to
 *   its name, and the directory fsynced (one directory sync covers the renames
 *   of concurrent writers) — all before the submit is acknowledged.
 * - Once its batch is in the store, emptied: renamed to a random spare name
 *   (`.spare-…`, which a start does not read back) and truncated to nothing.
 *   The next write reuses the spare: creating a file (a new
 *   inode) is what cost most of a submission's CPU on ext4 (~0.6 ms of system
 *   time, against ~0.05 ms to truncate and refill one; issue 18). A spare holds
 *   no bytes, its name is random and its times are those of the batch that
 *   emptied it; at most {@link MAX_SPARES} are kept, further ones are deleted.
 *
 * What is left: the inode change time of a waiting file (no API sets it) and
 * the file system's own journal, until the batch empties the file.
 */

const PAD = 4096;
const IV = 12;
const TAG = 16;
export const JOURNAL_DIR = 'journal';
export const JOURNAL_KEY = 'journal.key';
/** Emptied entry files kept for reuse (more are deleted): a full default batch (2,000) and then some. */
export const MAX_SPARES = 4_096;
const SPARE = '.spare-';

export class FileJournal implements DurableJournal {
  readonly #dir: string;
  readonly #key: Buffer;
  /** Per file: the last operation on it, so a delete never overtakes a newer write. */
  readonly #chains = new Map<string, Promise<unknown>>();
  /** Empty files (names in the directory) for the next writes to fill instead of creating one. */
  readonly #spares: string[] = [];

  /** false only while the made-up demo is seeded (runtime.ts `whileSeeding`): files are written but not fsynced. */
  fsync = true;

  private constructor(dir: string, key: Buffer) {
    this.#dir = dir;
    this.#key = key;
  }

  static async open(dataDir: string): Promise<FileJournal> {
    const key = Buffer.from(await localSecret(dataDir, JOURNAL_KEY, 32), 'base64url');
    if (key.length !== 32) throw new Error(`${path.join(dataDir, JOURNAL_KEY)} does not hold a 256-bit key`);
    const dir = path.join(dataDir, JOURNAL_DIR);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.chmod(dir, 0o700);
    return new FileJournal(dir, key);
  }

  #name(kind: JournalKind, key: string): string {
    return createHmac('sha256', this.#key).update(`${kind}\0${key}`).digest('base64url').slice(0, 32);
  }

  #then<T>(name: string, op: () => Promise<T>): Promise<T> {
    const prev = this.#chains.get(name) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(op);
    this.#chains.set(name, next);
    const clear = () => {
      if (this.#chains.get(name) === next) this.#chains.delete(name);
    };
    next.then(clear, clear);
    return next;
  }

  #seal(name: string, entry: JournalEntry): Buffer {
    const json = Buffer.from(JSON.stringify(entry), 'utf8');
    const plain = Buffer.alloc(Math.ceil((json.length + 4) / PAD) * PAD);
    plain.writeUInt32BE(json.length, 0);
    json.copy(plain, 4);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  #open(name: string, sealed: Buffer): JournalEntry {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
    return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString('utf8')) as JournalEntry;
  }

  /** A directory sync not yet started (it covers every rename done before it starts), and the one running. */
  #queuedSync: Promise<void> | undefined;
  #runningSync: Promise<void> | undefined;

  /** fsync of the directory, shared by concurrent writers (group commit): one covers all renames before it. */
  #syncDir(): Promise<void> {
    if (this.#queuedSync) return this.#queuedSync;
    const after = this.#runningSync ?? Promise.resolve();
    const next: Promise<void> = after
      .catch(() => {})
      .then(async () => {
        this.#queuedSync = undefined;
        this.#runningSync = next;
        const handle = await fs.open(this.#dir, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
          if (this.#runningSync === next) this.#runningSync = undefined;
        }
      });
    this.#queuedSync = next;
    return next;
  }

  /** A spare file to write an entry into: one emptied by a batch, else a new one. */
  async #spare(): Promise<{ file: string; handle: FileHandle }> {
    const reused = this.#spares.pop();
    if (reused) {
      const file = path.join(this.#dir, reused);
      try {
        return { file, handle: await fs.open(file, 'r+') };
      } catch {
        // Gone (removed by hand?): make a new one.
      }
    }
    const file = path.join(this.#dir, `${SPARE}${randomBytes(12).toString('base64url')}`);
    return { file, handle: await fs.open(file, 'wx', 0o600) };
  }

  put(kind: JournalKind, key: string, value: unknown): Promise<void> {
    const name = this.#name(kind, key);
    return this.#then(name, async () => {
      const { file, handle } = await this.#spare();
      try {
        // A spare is empty: the sealed entry is the whole file.
        await handle.writeFile(this.#seal(name, { kind, key, value }));
        // No time on the file: a listing does not order the waiting entries.
        await handle.utimes(0, 0);
        // fsync, not fdatasync: the epoch times must reach the disk with the data.
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(file, path.join(this.#dir, name));
      if (this.fsync) await this.#syncDir();
    });
  }

  async remove(kind: JournalKind, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await Promise.all(
      keys.map((key) => {
        const name = this.#name(kind, key);
        return this.#then(name, () => this.#empty(name));
      }),
    );
    await this.#syncDir();
  }

  /** Takes an entry out of the journal: emptied and kept as a spare, or deleted once there are enough. */
  async #empty(name: string): Promise<void> {
    const full = path.join(this.#dir, name);
    if (this.#spares.length >= MAX_SPARES) {
      await fs.rm(full, { force: true });
      return;
    }
    const spare = `${SPARE}${randomBytes(12).toString('base64url')}`;
    try {
      await fs.rename(full, path.join(this.#dir, spare));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    // Out of the journal from the rename on (load skips spares); its bytes go now.
    await fs.truncate(path.join(this.#dir, spare), 0);
    this.#spares.push(spare);
  }

  /** Every waiting entry (at start, before the buffers take requests); leftovers of torn writes are removed. */
  async load(): Promise<JournalEntry[]> {
    const entries: JournalEntry[] = [];
    const spares = new Set(this.#spares);
    for (const file of await fs.readdir(this.#dir)) {
      const full = path.join(this.#dir, file);
      if (file.startsWith('.')) {
        // A write that never reached its rename was never acknowledged: emptied (a spare) or deleted.
        if (spares.has(file)) continue;
        if (file.startsWith(SPARE) && this.#spares.length < MAX_SPARES) {
          await fs.truncate(full, 0);
          this.#spares.push(file);
        } else {
          await fs.rm(full, { force: true });
        }
        continue;
      }
      try {
        entries.push(this.#open(file, await fs.readFile(full)));
      } catch (err) {
        throw new Error(
          `バッファの記録を読めません / cannot read the buffered entry ${full} (is ${JOURNAL_KEY} the key it was written with?): ${(err as Error).message}`,
        );
      }
    }
    return entries;
  }
}
