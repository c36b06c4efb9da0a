import type { FeedbackTriagePost } from '../../../shared/api/feedback';
import { KIND_LABEL } from '../lib/feedback';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { FeedbackStatusBadge, LockIcon } from './feedback-badges';

/** The facts of one post: status, kind, pillar, day, poster, assignment, publication, first reply. */
export function PostFacts({ post }: { post: FeedbackTriagePost }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  return (
    <dl className="facts">
      <div>
        <dt>{t('status')}</dt>
        <dd>
          <FeedbackStatusBadge status={post.status} />
        </dd>
      </div>
      <div>
        <dt>{t('kind')}</dt>
        <dd>{t(KIND_LABEL[post.kind])}</dd>
      </div>
      <div>
        <dt>{t('pillar')}</dt>
        <dd>{ref.pillarName(post.pillarId, lang)}</dd>
      </div>
      <div>
        <dt>{t('receivedOn')}</dt>
        <dd>{post.day}</dd>
      </div>
      <div>
        <dt>{t('poster')}</dt>
        <dd>{post.displayName ? t('posterNamed', { name: post.displayName }) : t('anonymous')}</dd>
      </div>
      <div>
        <dt>{t('assignedUnit')}</dt>
        <dd>{post.assignedUnitCode ? ref.unitName(post.assignedUnitCode, lang) : t('unassigned')}</dd>
      </div>
      <div>
        <dt>{t('publication')}</dt>
        <dd>{post.published ? t('published') : t('notPublished')}</dd>
      </div>
      <div>
        <dt>{t('firstReply')}</dt>
        <dd>{post.firstReplyDay ?? '—'}</dd>
      </div>
    </dl>
  );
}

/** The thread with the poster: HR's replies marked public or private. */
export function PostThread({ post }: { post: FeedbackTriagePost }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="post-thread" className="post-section">
      <h2 id="post-thread">{t('threadTitle')}</h2>
      {post.messages.length === 0 ? (
        <p className="muted">{t('threadEmpty')}</p>
      ) : (
        <ol className="thread">
          {post.messages.map((m) => (
            <li
              key={m.id}
              className={`message from-${m.from}${m.from === 'hr' && m.public ? ' public' : ''}`}
            >
              <p className="message-head">
                <strong>{m.from === 'hr' ? t('fromHr') : t('fromPoster')}</strong>
                {m.from === 'hr' ? (
                  <span className={`badge ${m.public ? 'badge-public' : 'badge-private'}`}>
                    {m.public ? null : <LockIcon />}
                    {m.public ? t('replyPublic') : t('replyPrivate')}
                  </span>
                ) : null}
                <time dateTime={m.day}>{m.day}</time>
              </p>
              <div className="message-body">{m.body}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
