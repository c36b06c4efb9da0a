import type { FeedbackBoardPost } from '../../../shared/api/feedback';
import { jstDay } from '../../../shared/time/fiscal-year';
import type { AppDeps } from '../../deps';

/** The staff board: published posts and HR's public replies. No notes, no unit, no private message. */
export async function board(
  deps: AppDeps,
  query: { pillar?: string | undefined; status?: string | undefined; fiscalYear?: number | undefined },
): Promise<FeedbackBoardPost[]> {
  const now = deps.now?.() ?? new Date();
  const current = Number(jstDay(now).slice(0, 4)) - (Number(jstDay(now).slice(5, 7)) < 4 ? 1 : 0);
  const years = query.fiscalYear ? [query.fiscalYear] : [current, current - 1, current - 2, current - 3];
  const posts = (await Promise.all(years.map((y) => deps.store.feedback.listPosts(y)))).flat();
  return posts
    .filter((p) => p.published)
    .filter((p) => !query.pillar || p.pillarId === query.pillar)
    .filter((p) => !query.status || p.status === query.status)
    .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
    .map((p) => ({
      id: p.id,
      fiscalYear: p.fiscalYear,
      kind: p.kind,
      pillarId: p.pillarId,
      title: p.title,
      body: p.body,
      day: p.day,
      status: p.status,
      displayName: p.displayName,
      replies: p.messages
        .filter((m) => m.from === 'hr' && m.public)
        .map((m) => ({ body: m.body, day: m.day })),
    }));
}
