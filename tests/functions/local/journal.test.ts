import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_PAGES,
  FileJournal,
  JOURNAL_DIR,
  JOURNAL_FILE,
  JOURNAL_KEY,
  PAGE,
} from '../../../functions/local/journal';
import { answerBuffer, attachAnswerJournal, flushAnswers } from '../../../functions/services/answer-buffer';
import { attachPostJournal, flushPosts, postBuffer } from '../../../functions/services/post-buffer';
import type { Store } from '../../../functions/store';
import type { PostRecord } from '../../../functions/store/feedback';
import { takenPages as takenPagesOf } from '../../support/journal-pages';
import { testStore } from '../../support/store';

/**
 * The durable buffer of the local runtime (issue 20): what it writes, what a
 * dump of the data directory shows of it, and the answer and post buffers
 * keeping their waiting entries in it until the batch is in the store.
 */

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'koe-journal-'));
  dirs.push(d);
  return d;
}
let ts: Awaited<ReturnType<typeof testStore>>;
let store: Store;
beforeAll(async () => {
  ts = await testStore();
  store = ts.store;
});
afterAll(async () => {
  await ts?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const journalFile = (dir: string) => path.join(dir, JOURNAL_DIR, JOURNAL_FILE);
const takenPages = (dir: string) => takenPagesOf(journalFile(dir));
/** A record's pages as they are on disk, to put back as a crash would have left them. */
async function pagesAt(dir: string, page: number, pages: number): Promise<Buffer> {
  return (await readFile(journalFile(dir))).subarray(page * PAGE, (page + pages) * PAGE);
}
async function writeAt(dir: string, page: number, bytes: Buffer): Promise<void> {
  const handle = await open(journalFile(dir), 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, page * PAGE);
  } finally {
    await handle.close();
  }
}

describe('FileJournal', () => {
  it('keeps every waiting entry sealed in one 0600 file of whole pages; a newer write replaces, a removal zeroes', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    expect((await stat(path.join(dir, JOURNAL_KEY))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, JOURNAL_DIR))).mode & 0o777).toBe(0o700);
    expect(await readdir(path.join(dir, JOURNAL_DIR))).toEqual([JOURNAL_FILE]);
    expect((await stat(journalFile(dir))).mode & 0o777).toBe(0o600);
    const secret = '職場の雰囲気について自由記述 free text';
    await journal.put('answer', 'c1/aaaa', { text: secret, n: 1 });
    await journal.put('answer', 'c1/bbbb', { text: 'x'.repeat(5000) });
    await journal.put('answer', 'c1/aaaa', { text: secret, n: 2 }); // a resubmission replaces
    await journal.put('post', 'c1/aaaa', { text: 'a post under the same key is another entry' });
    // Still one file; a short entry takes one page, the 5 KB one two: sizes say nothing but whole pages.
    expect(await readdir(path.join(dir, JOURNAL_DIR))).toEqual([JOURNAL_FILE]);
    expect(await takenPages(dir)).toHaveLength(1 + 2 + 1);
    const bytes = await readFile(journalFile(dir));
    expect(bytes.length % PAGE).toBe(0);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('c1/'))).toBe(false);
    expect(bytes.includes(Buffer.from('xxxx'))).toBe(false);

    // Read back by a journal opened anew (as at start), with the key from the file.
    const again = await FileJournal.open(dir);
    const loaded = await again.load();
    expect(loaded).toHaveLength(3);
    expect(loaded.find((e) => e.kind === 'answer' && e.key === 'c1/aaaa')?.value).toEqual({
      text: secret,
      n: 2,
    });

    await again.remove('answer', ['c1/aaaa', 'c1/bbbb']);
    expect(await takenPages(dir)).toHaveLength(1);
    expect((await again.load()).map((e) => e.kind)).toEqual(['post']);
    await again.remove('post', ['c1/aaaa']);
    expect(await takenPages(dir)).toEqual([]);
    expect(await again.load()).toEqual([]);
    await journal.close();
    await again.close();
  });

  it('puts each entry at a random place, so where it lies does not say when it came', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    const places: number[] = [];
    for (let i = 0; i < 24; i++) {
      const before = new Set(await takenPages(dir));
      await journal.put('answer', `c1/${i}`, { i });
      const added = (await takenPages(dir)).filter((p) => !before.has(p));
      expect(added).toHaveLength(1);
      places.push(added[0]!);
    }
    // In order of arrival the places neither rise nor fall throughout (1 in 24! by chance), and spread over the room.
    const rising = places.every((p, i) => i === 0 || p > places[i - 1]!);
    const falling = places.every((p, i) => i === 0 || p < places[i - 1]!);
    expect(rising || falling).toBe(false);
    expect(Math.max(...places) - Math.min(...places)).toBeGreaterThan(FIRST_PAGES / 4);
    await journal.close();
  });

  it('writes its whole room before any entry goes there, makes it larger past half full, and a start gives back what is past it', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    // Every page of the room has its blocks from the start (not a sparse file whose blocks would be given
    // out in the order entries came).
    const fresh = await stat(journalFile(dir));
    expect(fresh.size).toBe((FIRST_PAGES + 1) * PAGE);
    expect(fresh.blocks * 512).toBeGreaterThanOrEqual(fresh.size);
    journal.fsync = false;
    const n = FIRST_PAGES + 200;
    await Promise.all(Array.from({ length: n }, (_, i) => journal.put('answer', `c1/${i}`, { i })));
    expect(await takenPages(dir)).toHaveLength(n);
    const grown = await stat(journalFile(dir));
    expect(grown.size).toBeGreaterThanOrEqual((2 * n + 1) * PAGE);
    expect(grown.blocks * 512).toBeGreaterThanOrEqual(grown.size);
    const again = await FileJournal.open(dir);
    expect((await again.load()).map((e) => (e.value as { i: number }).i).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i),
    );
    await again.remove(
      'answer',
      Array.from({ length: n }, (_, i) => `c1/${i}`),
    );
    expect(await again.load()).toEqual([]);
    expect((await stat(journalFile(dir))).size).toBe((FIRST_PAGES + 1) * PAGE);
    await journal.close();
    await again.close();
  });

  it('keeps the newer version when a crash left both, and zeroes pages no whole record is in', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    // Several keys, so the older record lies before the newer one for some and after it for others.
    const olds: { page: number; bytes: Buffer }[] = [];
    for (let i = 0; i < 12; i++) {
      const before = new Set(await takenPages(dir));
      await journal.put('answer', `c1/${i}`, { i, v: 'old' });
      const [page] = (await takenPages(dir)).filter((p) => !before.has(p));
      olds.push({ page: page!, bytes: await pagesAt(dir, page!, 1) });
    }
    for (let i = 0; i < 12; i++) await journal.put('answer', `c1/${i}`, { i, v: 'new' });
    // As if each older record's zeroing never reached the disk (where no newer record took its page since).
    const taken = new Set(await takenPages(dir));
    const restored = olds.filter((o) => !taken.has(o.page));
    expect(restored.length).toBeGreaterThanOrEqual(8);
    for (const old of restored) await writeAt(dir, old.page, old.bytes);
    // And a write torn by a crash: half a record, on a free page.
    const free = Array.from({ length: 50 }, (_, i) => 600 + i).find(
      (p) => !taken.has(p) && !restored.some((o) => o.page === p),
    )!;
    await writeAt(dir, free, Buffer.concat([olds[0]!.bytes.subarray(0, 2048), Buffer.alloc(2048, 7)]));
    expect(await takenPages(dir)).toHaveLength(12 + restored.length + 1);

    const again = await FileJournal.open(dir);
    const loaded = await again.load();
    expect(loaded.map((e) => e.value)).toEqual(
      expect.arrayContaining(Array.from({ length: 12 }, (_, i) => ({ i, v: 'new' }))),
    );
    expect(loaded).toHaveLength(12);
    // What was not kept is zeroed: no old version, no torn half.
    expect(await takenPages(dir)).toHaveLength(12);
    await journal.close();
    await again.close();
  });

  it('refuses a file written with another key rather than reading it as empty', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    await journal.put('answer', 'k', { v: 1 });
    await journal.close();
    await writeFile(path.join(dir, JOURNAL_KEY), randomBytes(32).toString('base64url'));
    const other = await FileJournal.open(dir);
    await expect(other.load()).rejects.toThrow(/cannot read the buffered entry/);
    await other.close();
  });

  it("moves entries of its earlier form (a file per entry) into the file, and deletes that form's files", async () => {
    const dir = await dataDir();
    const first = await FileJournal.open(dir);
    await first.close();
    const key = Buffer.from((await readFile(path.join(dir, JOURNAL_KEY), 'utf8')).trim(), 'base64url');
    // The earlier form: named by an HMAC of kind and key, AES-256-GCM with the name as associated data.
    const earlier = async (kind: string, k: string, value: unknown) => {
      const name = createHmac('sha256', key).update(`${kind}\0${k}`).digest('base64url').slice(0, 32);
      const json = Buffer.from(JSON.stringify({ kind, key: k, value }));
      const plain = Buffer.alloc(Math.ceil((json.length + 4) / 4096) * 4096);
      plain.writeUInt32BE(json.length, 0);
      json.copy(plain, 4);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(name));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      await writeFile(path.join(dir, JOURNAL_DIR, name), Buffer.concat([iv, cipher.getAuthTag(), body]));
    };
    await earlier('answer', 'c1/old', { from: 'earlier' });
    await earlier('post', 'p1', { post: 'earlier' });
    await writeFile(path.join(dir, JOURNAL_DIR, '.spare-abc'), '');
    await writeFile(path.join(dir, JOURNAL_DIR, '.torn.tmp'), 'half a write');

    const journal = await FileJournal.open(dir);
    const loaded = await journal.load();
    expect(loaded).toEqual(
      expect.arrayContaining([
        { kind: 'answer', key: 'c1/old', value: { from: 'earlier' } },
        { kind: 'post', key: 'p1', value: { post: 'earlier' } },
      ]),
    );
    expect(loaded).toHaveLength(2);
    expect(await readdir(path.join(dir, JOURNAL_DIR))).toEqual([JOURNAL_FILE]);
    // Now in the file: a later start finds them there, and the batch removes them as any other.
    const again = await FileJournal.open(dir);
    expect(await again.load()).toHaveLength(2);
    await again.remove('answer', ['c1/old']);
    expect((await again.load()).map((e) => e.key)).toEqual(['p1']);
    await journal.close();
    await again.close();
  });

  it('refuses an entry of the earlier form it cannot open', async () => {
    const dir = await dataDir();
    const first = await FileJournal.open(dir);
    await first.close();
    await writeFile(path.join(dir, JOURNAL_DIR, 'A'.repeat(32)), randomBytes(4124));
    const journal = await FileJournal.open(dir);
    await expect(journal.load()).rejects.toThrow(/cannot read the buffered entry/);
    await journal.close();
  });
});

describe('buffers with a journal', () => {
  it('hold an acknowledged answer on disk until its batch, then forget it; a new buffer takes it back', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    attachAnswerJournal(store, journal, []);
    const entry = {
      campaignId: 'cJ',
      tokenHash: 'a'.repeat(64),
      shard: 10,
      isNew: true,
      response: { unitCode: 'U1', attributes: {}, answers: { q1: 4 }, day: '2026-12-04' },
    };
    await answerBuffer(store).add(entry);
    // Acknowledged: on disk.
    expect((await journal.load()).map((e) => e.value)).toEqual([entry]);
    await flushAnswers(store);
    expect(await journal.load()).toEqual([]);
    const stored: unknown[] = [];
    await store.responses.forEach('cJ', (r: unknown) => {
      stored.push(r);
    });
    expect(stored).toHaveLength(1);

    // After a crash: what the journal holds waits again in a fresh buffer (another store object).
    const other = await testStore();
    try {
      await journal.put('answer', `cJ/${'b'.repeat(64)}`, { ...entry, tokenHash: 'b'.repeat(64) });
      attachAnswerJournal(
        other.store,
        journal,
        (await journal.load()).map((e) => e.value),
      );
      expect(answerBuffer(other.store).pending('cJ', 'b'.repeat(64))).toEqual(entry.response);
      await flushAnswers(other.store);
      expect(await journal.load()).toEqual([]);
      // A damaged entry is not put back silently.
      expect(() => attachAnswerJournal(other.store, journal, [{ campaignId: 'cJ' }])).toThrow();
    } finally {
      await other.close();
    }
  });

  it('hold a feedback post, and its thread addition, on disk until the batch', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    attachPostJournal(store, journal, []);
    const post: PostRecord = {
      id: '2026-journaltest',
      fiscalYear: 2026,
      groupId: '*',
      kind: 'proposal',
      pillarId: null,
      title: '休憩室',
      body: '休憩室を広くしてほしい',
      day: '2026-12-04',
      displayName: null,
      receiptHash: 'r'.repeat(64),
      status: 'received',
      published: false,
      assignedUnitCode: null,
      messages: [],
      notes: [],
      version: 1,
    };
    await postBuffer(store).add({ post, tokenHash: 't'.repeat(64) });
    expect(await postBuffer(store).update({ ...post, body: '追記あり' })).toBe(true);
    const held = await journal.load();
    expect(held).toHaveLength(1);
    expect((held[0]!.value as { post: PostRecord }).post.body).toBe('追記あり');
    await flushPosts(store);
    expect(await journal.load()).toEqual([]);
    expect((await store.feedback.getPost(2026, post.id))?.body).toBe('追記あり');
  });
});
