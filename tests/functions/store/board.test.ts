import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../functions/deps';
import { rebuildBoard, savePostAndBoard } from '../../../functions/services/feedback/board';
import type { Store } from '../../../functions/store';
import type { PostRecord } from '../../../functions/store/feedback';
import { testStore } from '../../support/store';

/** The staff board's projection of published posts (BOARD#<fy>), kept in step with the posts. */

let store: Store;
let close: () => Promise<void>;
let deps: AppDeps;

beforeAll(async () => {
  ({ store, close } = await testStore());
  deps = { store, now: () => new Date('2026-06-10T03:00:00Z') } as unknown as AppDeps;
});
afterAll(async () => close?.());

const post = (id: string, fiscalYear = 2026): PostRecord => ({
  id,
  fiscalYear,
  groupId: 'G1',
  kind: 'proposal',
  pillarId: null,
  title: `題 ${id}`,
  body: `本文 ${id}`,
  day: `${fiscalYear}-06-01`,
  displayName: null,
  receiptHash: 'r'.repeat(64),
  status: 'received',
  published: false,
  assignedUnitCode: null,
  messages: [],
  notes: [{ id: 'n1', author: 'hr@example.jp', body: '内部メモ', day: `${fiscalYear}-06-02` }],
  version: 0,
});

const ids = async (fy = 2026) => (await store.feedback.listBoard(fy)).map((p) => p.id).sort();

describe('the board projection', () => {
  it('follows publishing, unpublishing and edits', async () => {
    expect(await store.feedback.createPost(post('2026-a'))).toBe(true);
    const stored = (await store.feedback.getPost(2026, '2026-a'))!;
    expect(await ids()).toEqual([]);
    const published = await savePostAndBoard(deps, { ...stored, published: true });
    expect(await ids()).toEqual(['2026-a']);
    const edited = await savePostAndBoard(deps, { ...published, status: 'adopted' });
    expect((await store.feedback.listBoard(2026))[0]).toMatchObject({ id: '2026-a', status: 'adopted' });
    expect(JSON.stringify(await store.feedback.listBoard(2026))).not.toContain('内部メモ');
    await savePostAndBoard(deps, { ...edited, published: false });
    expect(await ids()).toEqual([]);
  });

  it('never lets a late write of an older published state put back an unpublished post', async () => {
    const now = (await store.feedback.getPost(2026, '2026-a'))!;
    expect(now.published).toBe(false);
    // The write a slower request would make after its own (earlier) publishing save.
    await store.feedback.putBoardEntry({ ...now, published: true, version: now.version - 1 });
    expect(await ids()).toEqual([]);
    // A later publishing save wins again.
    await savePostAndBoard(deps, { ...now, published: true });
    expect(await ids()).toEqual(['2026-a']);
  });

  it('is rebuilt from the posts: published ones on, others and strays off', async () => {
    expect(await store.feedback.createPost({ ...post('2024-b', 2024), published: true, version: 2 })).toBe(
      true,
    );
    expect(await store.feedback.createPost(post('2024-c', 2024))).toBe(true);
    await store.feedback.putBoardEntry({ ...post('2024-gone', 2024), published: true });
    await store.feedback.putBoardEntry({ ...post('2024-c', 2024), published: true, version: -1 });
    expect(await ids(2024)).toEqual(['2024-c', '2024-gone']);
    const outcome = await rebuildBoard(deps);
    expect(await ids(2024)).toEqual(['2024-b']);
    expect(await ids(2026)).toEqual(['2026-a']);
    expect(outcome).toMatchObject({ published: 2, removed: 1 });
    // Idempotent.
    expect(await rebuildBoard(deps)).toMatchObject({ published: 2, removed: 0 });
  });

  it('loses a year’s entries with the year’s posts (retention)', async () => {
    expect(await store.retention.deletePosts(2024)).toBe(2);
    expect(await ids(2024)).toEqual([]);
    expect(await store.feedback.listBoardIds(2024)).toEqual([]);
  });
});
