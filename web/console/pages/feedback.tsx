import type { FeedbackTriagePost } from '../../../shared/api/feedback';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { chosenYear, feedbackYears, isKind, KIND_LABEL, KIND_ORDER, STATUS_ORDER } from '../lib/feedback';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { FeedbackStatusBadge } from '../components/feedback-badges';

export const postsUrl = (fy: number) => `/api/feedback/posts?fiscalYear=${fy}`;
const hrReplies = (post: FeedbackTriagePost) => post.messages.filter((m) => m.from === 'hr').length;

/**
 * The triage board: a fiscal year's posts in columns by status
 * (受付 → 検討中 → 採用 / 見送り / 対応済), filtered by pillar and kind.
 * The filters live in the address, so a view can be shared and reloaded.
 */
export function FeedbackBoardPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const fy = chosenYear(ref, query.get('fy'));
  const askedPillar = query.get('pillar');
  // `none`: the posts the poster left to HR and no one has classified yet (未分類).
  const pillar = askedPillar === 'none' ? 'none' : (ref.pillarIds.find((p) => p === askedPillar) ?? '');
  const askedKind = query.get('kind');
  const kind = isKind(askedKind) ? askedKind : '';
  const posts = useResource<FeedbackTriagePost[]>(postsUrl(fy));

  const go = (next: { fy?: number; pillar?: string; kind?: string }) => {
    const params = new URLSearchParams();
    params.set('fy', String(next.fy ?? fy));
    const p = next.pillar ?? pillar;
    const k = next.kind ?? kind;
    if (p) params.set('pillar', p);
    if (k) params.set('kind', k);
    navigate(`/feedback?${params}`, { replace: true });
  };

  const all = posts.data ?? [];
  const shown = all.filter(
    (p) => (!pillar || p.pillarId === (pillar === 'none' ? null : pillar)) && (!kind || p.kind === kind),
  );

  return (
    <>
      <PageHeader title={t('feedbackTitle')}>
        {can.issueFeedbackCodes(user.role) ? (
          <Link to={`/feedback/codes?fy=${fy}`} className="button">
            {t('navFeedbackCodes')}
          </Link>
        ) : null}
      </PageHeader>
      <p className="lead">{t('feedbackLead')}</p>
      {can.triageFeedback(user.role) ? null : <p className="note">{t('feedbackReadOnly')}</p>}
      <form className="filters no-print" aria-label={t('boardFilters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('fiscalYear')}</span>
          <select value={fy} onChange={(e) => go({ fy: Number(e.target.value) })}>
            {feedbackYears(ref).map((y) => (
              <option key={y} value={y}>
                {yearLong(y, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('pillar')}</span>
          <select value={pillar} onChange={(e) => go({ pillar: e.target.value })}>
            <option value="">{t('allPillars')}</option>
            {ref.pillarIds.map((p) => (
              <option key={p} value={p}>
                {ref.pillarName(p, lang)}
              </option>
            ))}
            <option value="none">{ref.pillarName(null, lang)}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('kind')}</span>
          <select value={kind} onChange={(e) => go({ kind: e.target.value })}>
            <option value="">{t('allKinds')}</option>
            {KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
      </form>
      {posts.error ? <ErrorBox error={posts.error} /> : null}
      {!posts.data ? (
        <Loading />
      ) : (
        <>
          <p role="status" className="board-count">
            {all.length === 0
              ? t('boardNoPosts')
              : t('boardShown', {
                  shown: count(shown.length, lang),
                  total: count(all.length, lang),
                  year: yearLong(fy, lang),
                })}
          </p>
          <div className="board">
            {STATUS_ORDER.map((status) => {
              const column = shown.filter((p) => p.status === status);
              return (
                <section
                  key={status}
                  className={`board-column column-${status}`}
                  aria-labelledby={`column-${status}`}
                >
                  <h2 id={`column-${status}`}>
                    <FeedbackStatusBadge status={status} />{' '}
                    <span className="column-count">{t('postsN', { n: count(column.length, lang) })}</span>
                  </h2>
                  {column.length === 0 ? (
                    <p className="muted">{t('boardEmptyColumn')}</p>
                  ) : (
                    <ul className="post-cards">
                      {column.map((p) => (
                        <PostCard key={p.id} post={p} />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}

function PostCard({ post }: { post: FeedbackTriagePost }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const replies = hrReplies(post);
  return (
    <li className="post-card" data-post-id={post.id}>
      <p className="post-card-meta">
        <span className={`kind-tag kind-${post.kind}`}>{t(KIND_LABEL[post.kind])}</span>{' '}
        {ref.pillarName(post.pillarId, lang)} · <time dateTime={post.day}>{post.day}</time>
      </p>
      <Link to={`/feedback/posts/${post.id}`} className="post-card-title">
        {post.title}
      </Link>
      <ul className="post-flags">
        {post.published ? <li className="flag-published">{t('published')}</li> : null}
        <li className={replies > 0 ? '' : 'flag-unanswered'}>
          {replies > 0 ? t('repliesN', { n: replies }) : t('unanswered')}
        </li>
        {post.displayName ? <li>{t('named')}</li> : null}
        {post.assignedUnitCode ? (
          <li>{t('assignedTo', { unit: ref.unitName(post.assignedUnitCode, lang) })}</li>
        ) : null}
      </ul>
    </li>
  );
}
