import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { close, constants, fdatasync, fstat, fsync, promises as fs, open, read, write } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DurableJournal, JournalEntry, JournalKind } from '../services/journal';
import { localSecret } from './secrets';

/**
 * The durable buffer of the local runtime (issue 20, DESIGN §2 and §3 A2):
 * answers and posts acknowledged but not yet written in their shuffled batch
 * are kept here, on disk, so `kill -9` or a power cut loses none of them.
 *
 * - One file, `<dataDir>/journal/slots` (0600, in a 0700 directory), of 4 KiB
 *   pages. Page 0 says which key the file was written with; every waiting
 *   entry is a record of whole pages at a **random** free place: where an
 *   entry lies says nothing of when it came, and the directory has no file
 *   per entry whose name, size or times could (issue 18 replaced the file per
 *   entry, whose inode change time no API could clear).
 * - A record is its page count, then AES-256-GCM (random 96-bit IV, its place
 *   as associated data) under `<dataDir>/journal.key` of the entry padded to
 *   fill its pages: its size says nothing of the answers but whole pages.
 * - Written with one `pwrite`, then `fdatasync` — shared by the writers of
 *   the moment (group commit: a sync covers every write finished before it
 *   starts) — before the submit is acknowledged.
 * - A resubmission is written to a new place with its version one higher,
 *   then the old record is zeroed: after a crash between the two, a start
 *   keeps the higher version.
 * - Once its batch is in the store, a record is overwritten with zeros and
 *   its pages are free again.
 * - The room (twice the pages taken, at least {@link FIRST_PAGES}) is written
 *   with zeros and synced before a record goes there: on a file system that
 *   overwrites in place the file's blocks are all given out at once, in page
 *   order, not one by one as entries come. (A copy-on-write file system gives
 *   a block per write; there the block order follows the writes, as it does
 *   for the embedded store's own files.)
 *
 * Writing into one open file costs a submission two file operations on the
 * pool (a write and a share of a sync), where a file per entry cost ten
 * (open, write, times, sync, close, rename, directory sync; rename and truncate
 * at the batch): half of a submission's CPU (issue 18, docs/BENCHMARKS.md).
 */

export const JOURNAL_DIR = 'journal';
export const JOURNAL_KEY = 'journal.key';
export const JOURNAL_FILE = 'slots';
export const PAGE = 4096;
const IV = 12;
const TAG = 16;
/** Page count, IV, tag: the clear part of a record. */
const HEAD = 4 + IV + TAG;
const MAGIC = Buffer.from('koe journal v1\n\0', 'latin1');
/** Pages the file holds room for at first; it doubles while more than half are taken. */
export const FIRST_PAGES = 1_024;
/** The largest record (a post of 64 KiB of text is 12 pages): guards against a damaged page count. */
const MAX_RECORD_PAGES = 4_096;
const READ_CHUNK_PAGES = 256;
const ZERO_PAGE = Buffer.alloc(PAGE);

interface Slot {
  page: number;
  pages: number;
  version: number;
}

/*
 * The file is used through its descriptor, not a FileHandle: a handle left open by a test or an
 * interrupted start would be closed by the garbage collector with a warning.
 */
const openFile = promisify(open);
const closeFile = promisify(close);
const datasync = promisify(fdatasync);
const fullSync = promisify(fsync);
const stat = promisify(fstat);
const readAt = promisify(read);
const writeAt = promisify(write);
const sizeOf = async (fd: number) => (await stat(fd)).size;
const pread = async (fd: number, buf: Buffer, pos: number) =>
  (await readAt(fd, buf, 0, buf.length, pos)).bytesRead;
async function pwrite(fd: number, buf: Buffer, pos: number): Promise<void> {
  const { bytesWritten } = await writeAt(fd, buf, 0, buf.length, pos);
  if (bytesWritten !== buf.length) throw new Error(`short write to the journal (${bytesWritten})`);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const cannotRead = (what: string, err: unknown) =>
  new Error(
    `バッファの記録を読めません / cannot read the buffered entry ${what} (is ${JOURNAL_KEY} the key it was written with?): ${(err as Error).message}`,
  );

export class FileJournal implements DurableJournal {
  readonly #dir: string;
  readonly #file: string;
  readonly #key: Buffer;
  readonly #fd: number;
  /** Per entry (kind and key): the last operation on it, so a removal never overtakes a newer write. */
  readonly #chains = new Map<string, Promise<unknown>>();
  /** Where each waiting entry lies. */
  readonly #slots = new Map<string, Slot>();
  /** 1 for a page taken (or being written), by page number; page 0 is the file's header. */
  #taken = new Uint8Array(1);
  #takenCount = 0;
  /** Pages 1..#room are where records go; the file holds #filePages pages, every one of them written. */
  #room = 0;
  #filePages = 0;
  /** The room being made larger (one at a time). */
  #extending: Promise<void> = Promise.resolve();

  /** false only while the made-up demo is seeded (runtime.ts `whileSeeding`): records are written but not synced. */
  fsync = true;

  private constructor(dir: string, key: Buffer, fd: number) {
    this.#dir = dir;
    this.#file = path.join(dir, JOURNAL_FILE);
    this.#key = key;
    this.#fd = fd;
  }

  static async open(dataDir: string): Promise<FileJournal> {
    const key = Buffer.from(await localSecret(dataDir, JOURNAL_KEY, 32), 'base64url');
    if (key.length !== 32) throw new Error(`${path.join(dataDir, JOURNAL_KEY)} does not hold a 256-bit key`);
    const dir = path.join(dataDir, JOURNAL_DIR);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    await fs.chmod(dir, 0o700);
    const file = path.join(dir, JOURNAL_FILE);
    const fd = await openFile(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    const journal = new FileJournal(dir, key, fd);
    try {
      await fs.chmod(file, 0o600);
      if ((await sizeOf(fd)) < PAGE) {
        // New: the header, on disk with the file's name before anything is written into it.
        await pwrite(fd, journal.#header(), 0);
        await fullSync(fd);
        await syncDirectory(dir);
      }
      journal.#filePages = Math.floor((await sizeOf(fd)) / PAGE);
      await journal.#extend(FIRST_PAGES);
    } catch (err) {
      await closeFile(fd).catch(() => {});
      throw err;
    }
    return journal;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#chains.values()]);
    await closeFile(this.#fd);
  }

  /** Page 0: the format and a MAC of it under the key, so a start with another key is refused, not read as empty. */
  #header(): Buffer {
    const page = Buffer.alloc(PAGE);
    MAGIC.copy(page, 0);
    createHmac('sha256', this.#key).update(MAGIC).digest().copy(page, MAGIC.length);
    return page;
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

  #aad(page: number, pages: number): Buffer {
    return Buffer.from(`koe-journal/${page}/${pages}`);
  }

  #seal(page: number, pages: number, plain: Buffer): Buffer {
    const record = Buffer.alloc(pages * PAGE);
    record.writeUInt32BE(pages, 0);
    const iv = randomBytes(IV);
    iv.copy(record, 4);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(this.#aad(page, pages));
    let at = HEAD + cipher.update(plain).copy(record, HEAD);
    at += cipher.final().copy(record, at);
    cipher.getAuthTag().copy(record, 4 + IV);
    return record;
  }

  /** The entry of a record, or undefined for anything that is not one whole record written with this key. */
  #unseal(page: number, record: Buffer): (JournalEntry & { version: number }) | undefined {
    const pages = record.readUInt32BE(0);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, record.subarray(4, 4 + IV));
      decipher.setAAD(this.#aad(page, pages));
      decipher.setAuthTag(record.subarray(4 + IV, HEAD));
      const plain = Buffer.concat([decipher.update(record.subarray(HEAD)), decipher.final()]);
      return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString('utf8'));
    } catch {
      return undefined;
    }
  }

  /** Takes `pages` free pages at a random place (making the room larger while more than half is taken). */
  async #take(pages: number): Promise<number> {
    // Checked again after each wait: other writers may have taken pages meanwhile.
    while ((this.#takenCount + pages) * 2 > this.#room)
      await this.#extend(Math.max(this.#room * 2, (this.#takenCount + pages) * 2));
    for (let attempt = 0; attempt < 2; attempt++) {
      const start = 1 + randomInt(this.#room);
      for (let n = 0; n < this.#room; n++) {
        const page = 1 + ((start - 1 + n) % this.#room);
        if (page + pages - 1 > this.#room) continue;
        let free = true;
        for (let i = 0; i < pages && free; i++) free = this.#taken[page + i] === 0;
        if (!free) continue;
        this.#mark(page, pages, 1);
        return page;
      }
      // No run long enough (records of many pages, scattered): more room, and look again.
      await this.#extend(this.#room * 2);
    }
    throw new Error('no room in the journal');
  }

  /**
   * Makes the room `room` pages, writing zeros to the pages the file does not have yet and syncing
   * them before any record goes there. A file system that overwrites in place (ext4, xfs) then gives
   * every page its block now, in page order: the order in which blocks were given to pages says
   * nothing of the order in which entries came (with a sparse file it would, page by page).
   */
  #extend(room: number): Promise<void> {
    const run = async () => {
      if (room <= this.#room) return;
      for (let page = Math.max(this.#filePages, 1); page <= room; page += READ_CHUNK_PAGES) {
        const pages = Math.min(READ_CHUNK_PAGES, room + 1 - page);
        await pwrite(this.#fd, Buffer.alloc(pages * PAGE), page * PAGE);
      }
      if (this.fsync) await datasync(this.#fd);
      this.#filePages = Math.max(this.#filePages, room + 1);
      const taken = new Uint8Array(room + 1);
      taken.set(this.#taken);
      this.#taken = taken;
      this.#room = room;
    };
    this.#extending = this.#extending.then(run, run);
    return this.#extending;
  }

  #mark(page: number, pages: number, value: 0 | 1): void {
    this.#taken.fill(value, page, page + pages);
    this.#takenCount += value ? pages : -pages;
  }

  /** Overwrites a record with zeros, then gives its pages back. */
  async #zero(slot: Slot): Promise<void> {
    await pwrite(this.#fd, Buffer.alloc(slot.pages * PAGE), slot.page * PAGE);
    this.#mark(slot.page, slot.pages, 0);
  }

  /** A sync not yet started (it covers every write finished before it starts), and the one running. */
  #queuedSync: Promise<void> | undefined;
  #runningSync: Promise<void> | undefined;

  /** fdatasync of the file, shared by concurrent writers (group commit). */
  #sync(): Promise<void> {
    if (this.#queuedSync) return this.#queuedSync;
    const after = this.#runningSync ?? Promise.resolve();
    const next: Promise<void> = after
      .catch(() => {})
      .then(async () => {
        this.#queuedSync = undefined;
        this.#runningSync = next;
        try {
          await datasync(this.#fd);
        } finally {
          if (this.#runningSync === next) this.#runningSync = undefined;
        }
      });
    this.#queuedSync = next;
    return next;
  }

  put(kind: JournalKind, key: string, value: unknown): Promise<void> {
    const name = `${kind}\0${key}`;
    return this.#then(name, async () => {
      const before = this.#slots.get(name);
      const version = (before?.version ?? 0) + 1;
      const json = Buffer.from(JSON.stringify({ kind, key, value, version }), 'utf8');
      const pages = Math.ceil((HEAD + 4 + json.length) / PAGE);
      if (pages > MAX_RECORD_PAGES) throw new Error(`journal entry too large (${json.length} bytes)`);
      const plain = Buffer.alloc(pages * PAGE - HEAD);
      plain.writeUInt32BE(json.length, 0);
      json.copy(plain, 4);
      const page = await this.#take(pages);
      try {
        await pwrite(this.#fd, this.#seal(page, pages, plain), page * PAGE);
        if (this.fsync) await this.#sync();
      } catch (err) {
        // Not acknowledged: the record is zeroed if it can be (a start would otherwise read back an
        // answer whose sender was told it failed, and resends it), and its pages may be taken again.
        await pwrite(this.#fd, Buffer.alloc(pages * PAGE), page * PAGE).catch(() => {});
        this.#mark(page, pages, 0);
        throw err;
      }
      this.#slots.set(name, { page, pages, version });
      // The older version goes only now: a start that finds both keeps the higher version. The newer
      // one is on disk, so a failure here fails nothing (the old pages stay taken until a start).
      if (before) await this.#zero(before).catch((err) => console.error('journal', err));
    });
  }

  async remove(kind: JournalKind, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await Promise.all(
      keys.map((key) => {
        const name = `${kind}\0${key}`;
        return this.#then(name, async () => {
          const slot = this.#slots.get(name);
          if (!slot) return;
          this.#slots.delete(name);
          await this.#zero(slot);
        });
      }),
    );
    if (this.fsync) await this.#sync();
  }

  /**
   * Every waiting entry (at start, before the buffers take requests). Pages that hold no whole
   * record (a write torn by a crash, never acknowledged) are zeroed; entries of the journal's
   * earlier form (a file per entry) are moved into the file.
   */
  async load(): Promise<JournalEntry[]> {
    const header = Buffer.alloc(PAGE);
    await pread(this.#fd, header, 0);
    const expected = this.#header();
    if (!timingSafeEqual(header.subarray(0, 48), expected.subarray(0, 48))) {
      throw cannotRead(this.#file, new Error('the file was not written with this key'));
    }
    const size = await sizeOf(this.#fd);
    const filePages = Math.floor(size / PAGE);
    const found = new Map<string, JournalEntry & Slot>();
    const torn: Slot[] = [];
    let chunk = Buffer.alloc(0);
    let chunkStart = 0;
    const pageAt = async (page: number, pages: number): Promise<Buffer> => {
      if (page < chunkStart || page + pages > chunkStart + chunk.length / PAGE) {
        chunkStart = page;
        chunk = Buffer.alloc(Math.max(pages, Math.min(READ_CHUNK_PAGES, filePages - page)) * PAGE);
        const n = await pread(this.#fd, chunk, page * PAGE);
        chunk = chunk.subarray(0, Math.floor(n / PAGE) * PAGE);
      }
      return chunk.subarray((page - chunkStart) * PAGE, (page - chunkStart + pages) * PAGE);
    };
    let last = 0;
    for (let page = 1; page < filePages; ) {
      const first = await pageAt(page, 1);
      if (first.equals(ZERO_PAGE)) {
        page++;
        continue;
      }
      const pages = first.readUInt32BE(0);
      const entry =
        pages >= 1 && pages <= MAX_RECORD_PAGES && page + pages <= filePages
          ? this.#unseal(page, await pageAt(page, pages))
          : undefined;
      if (!entry) {
        torn.push({ page, pages: 1, version: 0 });
        page++;
        continue;
      }
      const name = `${entry.kind}\0${entry.key}`;
      const other = found.get(name);
      const slot = { ...entry, page, pages };
      if (other && other.version > slot.version) torn.push(slot);
      else {
        if (other) torn.push(other);
        found.set(name, slot);
      }
      last = page + pages - 1;
      page += pages;
    }
    // The room: twice what the waiting entries need, at least the first size; pages past it go back
    // to the file system, and a room larger than the file is written now (see #extend).
    const room = Math.max(FIRST_PAGES, 2 * last);
    if (size > (room + 1) * PAGE) await fs.truncate(this.#file, (room + 1) * PAGE);
    this.#slots.clear();
    this.#taken = new Uint8Array(1);
    this.#takenCount = 0;
    this.#room = 0;
    this.#filePages = Math.min(filePages, room + 1);
    await this.#extend(room);
    for (const [name, slot] of found) {
      this.#slots.set(name, { page: slot.page, pages: slot.pages, version: slot.version });
      this.#mark(slot.page, slot.pages, 1);
    }
    for (const slot of torn) {
      if (slot.page <= room) await pwrite(this.#fd, Buffer.alloc(slot.pages * PAGE), slot.page * PAGE);
    }
    await datasync(this.#fd);
    const entries: JournalEntry[] = [...found.values()].map(({ kind, key, value }) => ({ kind, key, value }));
    const earlier = await this.#earlierForm();
    for (const entry of earlier.entries) {
      await this.put(entry.kind, entry.key, entry.value);
      entries.push(entry);
    }
    if (earlier.files.length > 0) {
      // Deleted only once their entries are in the file.
      await this.#sync();
      for (const file of earlier.files) await fs.rm(file, { force: true });
      await syncDirectory(this.#dir);
    }
    return entries;
  }

  /**
   * The journal's earlier form: a file per entry, named by an HMAC of its key and sealed with the
   * name as associated data; its leftovers (`.spare-…`, torn writes) hold no entry.
   */
  async #earlierForm(): Promise<{ entries: JournalEntry[]; files: string[] }> {
    const entries: JournalEntry[] = [];
    const files: string[] = [];
    for (const file of await fs.readdir(this.#dir)) {
      if (file === JOURNAL_FILE) continue;
      const full = path.join(this.#dir, file);
      files.push(full);
      if (file.startsWith('.')) continue;
      const sealed = await fs.readFile(full);
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV));
        decipher.setAAD(Buffer.from(file));
        decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
        const plain = Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
        entries.push(
          JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString('utf8')) as JournalEntry,
        );
      } catch (err) {
        throw cannotRead(full, err);
      }
    }
    return { entries, files };
  }
}
