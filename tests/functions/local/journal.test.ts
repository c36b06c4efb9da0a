import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileJournal, JOURNAL_DIR, JOURNAL_KEY } from '../../../functions/local/journal';
import { answerBuffer, attachAnswerJournal, flushAnswers } from '../../../functions/services/answer-buffer';
import { attachPostJournal, flushPosts, postBuffer } from '../../../functions/services/post-buffer';
import type { Store } from '../../../functions/store';
import type { PostRecord } from '../../../functions/store/feedback';
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

const files = async (dir: string) => (await readdir(path.join(dir, JOURNAL_DIR))).sort();

describe('FileJournal', () => {
  it('keeps one sealed, padded, timeless 0600 file per key, replaced by a newer write and gone when removed', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    expect((await stat(path.join(dir, JOURNAL_KEY))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, JOURNAL_DIR))).mode & 0o777).toBe(0o700);
    const secret = '職場の雰囲気について自由記述 free text';
    await journal.put('answer', 'c1/aaaa', { text: secret, n: 1 });
    await journal.put('answer', 'c1/bbbb', { text: 'x'.repeat(5000) });
    await journal.put('answer', 'c1/aaaa', { text: secret, n: 2 }); // a resubmission replaces
    await journal.put('post', 'c1/aaaa', { text: 'a post under the same key is another entry' });
    const names = await files(dir);
    expect(names).toHaveLength(3);
    for (const name of names) {
      expect(name).not.toContain('aaaa');
      const full = path.join(dir, JOURNAL_DIR, name);
      const s = await stat(full);
      expect(s.mode & 0o777).toBe(0o600);
      expect(s.mtimeMs).toBe(0);
      expect(s.size % 4096).toBe(28);
      const bytes = await readFile(full);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from('c1/'))).toBe(false);
    }
    // Sizes say nothing but whole blocks: a short and a 5 KB entry differ only by blocks.
    const sizes = await Promise.all(
      names.map(async (n) => (await stat(path.join(dir, JOURNAL_DIR, n))).size),
    );
    expect(new Set(sizes)).toEqual(new Set([4096 + 28, 8192 + 28]));

    // Read back by a journal opened anew (as at start), with the key from the file.
    const again = await FileJournal.open(dir);
    const loaded = await again.load();
    expect(loaded).toHaveLength(3);
    expect(loaded.find((e) => e.kind === 'answer' && e.key === 'c1/aaaa')?.value).toEqual({
      text: secret,
      n: 2,
    });

    await again.remove('answer', ['c1/aaaa', 'c1/bbbb']);
    expect((await again.load()).map((e) => e.kind)).toEqual(['post']);
  });

  it('empties a removed entry into a spare file that the next write reuses instead of creating one', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    const secret = '上司への不満 complaint';
    await journal.put('answer', 'c1/aaaa', { text: secret });
    await journal.put('answer', 'c1/bbbb', { text: secret });
    const [entryName] = (await files(dir)).filter((f) => !f.startsWith('.'));
    await journal.remove('answer', ['c1/aaaa', 'c1/bbbb']);
    // Nothing of the entries is left: two empty files under random names, no entry name among them.
    const spares = await files(dir);
    expect(spares).toHaveLength(2);
    expect(spares).not.toContain(entryName);
    const inodes = new Set<number>();
    for (const f of spares) {
      expect(f.startsWith('.spare-')).toBe(true);
      const s = await stat(path.join(dir, JOURNAL_DIR, f));
      expect(s.size).toBe(0);
      expect(s.mode & 0o777).toBe(0o600);
      inodes.add(s.ino);
    }
    expect(await journal.load()).toEqual([]);

    // The next write fills a spare (same inode), sealed, padded and timeless like any entry.
    await journal.put('answer', 'c1/cccc', { text: secret });
    const now = await files(dir);
    expect(now).toHaveLength(2);
    const entry = now.find((f) => !f.startsWith('.'))!;
    const s = await stat(path.join(dir, JOURNAL_DIR, entry));
    expect(inodes.has(s.ino)).toBe(true);
    expect(s.mtimeMs).toBe(0);
    expect(s.size % 4096).toBe(28);
    expect((await readFile(path.join(dir, JOURNAL_DIR, entry))).includes(Buffer.from(secret))).toBe(false);
    expect((await FileJournal.open(dir).then((j) => j.load())).map((e) => e.key)).toEqual(['c1/cccc']);
  });

  it('at start empties a spare a torn write left bytes in, and keeps it for reuse', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    await journal.put('answer', 'k', { v: 1 });
    await journal.remove('answer', ['k']);
    const [spare] = await files(dir);
    // A write into the spare that never reached its rename (a crash): never acknowledged.
    await writeFile(path.join(dir, JOURNAL_DIR, spare!), 'half a write');
    const again = await FileJournal.open(dir);
    expect(await again.load()).toEqual([]);
    expect(await files(dir)).toEqual([spare]);
    expect((await stat(path.join(dir, JOURNAL_DIR, spare!))).size).toBe(0);
    await again.put('answer', 'k2', { v: 2 });
    expect(await files(dir)).toHaveLength(1);
    expect((await again.load()).map((e) => e.value)).toEqual([{ v: 2 }]);
  });

  it('drops a write torn before its rename, and refuses a file it cannot open', async () => {
    const dir = await dataDir();
    const journal = await FileJournal.open(dir);
    await journal.put('answer', 'k', { v: 1 });
    await writeFile(path.join(dir, JOURNAL_DIR, '.torn.tmp'), 'half a write');
    expect(await journal.load()).toHaveLength(1);
    expect(await files(dir)).toHaveLength(1);
    const [name] = await files(dir);
    const full = path.join(dir, JOURNAL_DIR, name!);
    const bytes = await readFile(full);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(full, bytes);
    await expect(journal.load()).rejects.toThrow(/cannot read the buffered entry/);
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
