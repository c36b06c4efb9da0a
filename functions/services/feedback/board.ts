import type { FeedbackBoardPost } from '../../../shared/api/feedback';
import { jstDay } from '../../../shared/time/fiscal-year';
import type { AppDeps } from '../../deps';
import type { PostRecord } from '../../store/feedback';

function currentFiscalYear(deps: Pick<AppDeps, 'now'>): number {
  const day = jstDay(deps.now?.() ?? new Date());
  return Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 4 ? 1 : 0);
}

/**
 * The staff board: published posts and HR's public replies, read from the
 * board projection (`BOARD#<fy>`, store/feedback.ts) only. The public
 * function reads nothing else of the posts: no notes, no unit, no private
 * message, no unpublished post can reach this page.
 */
export async function board(
  deps: AppDeps,
  query: { pillar?: string | undefined; status?: string | undefined; fiscalYear?: number | undefined },
): Promise<FeedbackBoardPost[]> {
  const current = currentFiscalYear(deps);
  const years = query.fiscalYear ? [query.fiscalYear] : [current, current - 1, current - 2, current - 3];
  const posts = (await Promise.all(years.map((y) => deps.store.feedback.listBoard(y)))).flat();
  return posts
    .filter((p) => !query.pillar || p.pillarId === query.pillar)
    .filter((p) => !query.status || p.status === query.status)
    .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id));
}

/**
 * Saves a post HR changed, keeping its board entry in step: an unpublished
 * post's entry goes before the post is saved (it is never on the board
 * longer than its post says), a published post's entry is written after;
 * both conditional on the post's version, so a late write of an older state
 * never wins (store/feedback.ts).
 * Without transactions (DESIGN §2) a failure between the two leaves the
 * board short of a post, never showing one it should not; the next change of
 * the post, or a rebuild (rebuildBoard), puts it right.
 */
export async function savePostAndBoard(deps: AppDeps, post: PostRecord): Promise<PostRecord> {
  if (!post.published) await deps.store.feedback.hideBoardEntry(post.fiscalYear, post.id, post.version + 1);
  const saved = await deps.store.feedback.savePost(post);
  if (saved.published) await deps.store.feedback.putBoardEntry(saved);
  return saved;
}

/** How many fiscal years back a rebuild looks (posts older than that are gone by retention or off the board). */
export const BOARD_REBUILD_YEARS = 10;

/**
 * Writes the board projection again from the posts of the last
 * {@link BOARD_REBUILD_YEARS} fiscal years: an entry for every published
 * post, none for any other. For stores written before the projection existed
 * (layout 1 → 2, functions/local/layout.ts; on AWS the admin function's
 * `bootstrap` command), and idempotent.
 */
export async function rebuildBoard(
  deps: Pick<AppDeps, 'store' | 'now'>,
): Promise<{ years: number; published: number; removed: number }> {
  const current = currentFiscalYear(deps);
  let published = 0;
  let removed = 0;
  for (let fy = current - BOARD_REBUILD_YEARS; fy <= current + 1; fy++) {
    const posts = await deps.store.feedback.listPosts(fy);
    const ids = new Set(posts.map((p) => p.id));
    for (const post of posts) {
      // Whatever stands is replaced: the posts are the truth.
      await deps.store.feedback.removeBoardEntry(fy, post.id);
      if (post.published) {
        await deps.store.feedback.putBoardEntry(post);
        published++;
      } else {
        await deps.store.feedback.hideBoardEntry(fy, post.id, post.version);
      }
    }
    for (const id of await deps.store.feedback.listBoardIds(fy)) {
      if (ids.has(id)) continue;
      await deps.store.feedback.removeBoardEntry(fy, id);
      removed++;
    }
  }
  return { years: BOARD_REBUILD_YEARS + 2, published, removed };
}
