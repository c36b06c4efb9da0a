import { type FormEvent, useId, useState } from 'react';
import type { FeedbackStatus, FeedbackTriagePost } from '../../../shared/api/feedback';
import { ConfirmDialog, ErrorBox, Loading, PageHeader } from '../components/common';
import { ApiError, api } from '../lib/api';
import {
  chosenYear,
  feedbackYears,
  isKind,
  KIND_LABEL,
  KIND_ORDER,
  STATUS_LABEL,
  STATUS_ORDER,
  yearOfPost,
} from '../lib/feedback';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

const postsUrl = (fy: number) => `/api/feedback/posts?fiscalYear=${fy}`;
const hrReplies = (post: FeedbackTriagePost) => post.messages.filter((m) => m.from === 'hr').length;

/** A padlock drawn as SVG (no emoji font needed); the words beside it carry the meaning. */
function LockIcon() {
  return (
    <svg className="lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
    </svg>
  );
}

export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  const { t } = useI18n();
  const icon = { received: '○', reviewing: '◐', adopted: '✓', declined: '—', done: '■' }[status];
  return (
    <span className={`badge fb-status fb-${status}`}>
      <span aria-hidden="true">{icon} </span>
      {t(STATUS_LABEL[status])}
    </span>
  );
}

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
  const pillar = ref.pillarIds.find((p) => p === askedPillar) ?? '';
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
  const shown = all.filter((p) => (!pillar || p.pillarId === pillar) && (!kind || p.kind === kind));

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

/**
 * One post: its text, the thread with the poster (HR replies marked public
 * or private), and — for the admin — status, assignment, publishing,
 * replies and internal notes. A concurrent edit (409 post_changed) reloads
 * the post and says so; text being written is kept.
 */
export function FeedbackPostPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const fy = yearOfPost(id);
  const list = useResource<FeedbackTriagePost[]>(fy ? postsUrl(fy) : null);
  const [updated, setUpdated] = useState<FeedbackTriagePost | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  // Bumped when the post is reloaded after a conflict, so the triage forms start again from what is stored.
  const [generation, setGeneration] = useState(0);
  const admin = can.triageFeedback(user.role);

  if (list.error) return <ErrorBox error={list.error} />;
  if (fy !== null && !list.data) return <Loading />;
  const post = updated ?? list.data?.find((p) => p.id === id);
  if (!post) {
    return (
      <>
        <PageHeader title={t('postDetail')} />
        <p>{t('postNotFound')}</p>
        <p>
          <Link to="/feedback">{t('backToBoard')}</Link>
        </p>
      </>
    );
  }

  /** Runs one change; true when it was saved. */
  const act = async (call: () => Promise<FeedbackTriagePost>, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    setConflict(false);
    try {
      setUpdated(await call());
      setNotice(done);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'post_changed') {
        setConflict(true);
        setUpdated(null);
        setGeneration((g) => g + 1);
        list.reload();
      } else {
        setError(err as Error);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  const url = `/api/feedback/posts/${encodeURIComponent(post.id)}`;
  const patch = (change: Record<string, unknown>, done: string) =>
    act(() => api.patch<FeedbackTriagePost>(url, change), done);
  const publish = (published: boolean) =>
    patch({ published }, published ? t('publishedNotice') : t('unpublishedNotice')).then(() =>
      setConfirmPublish(false),
    );

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to={`/feedback?fy=${post.fiscalYear}`}>{t('navFeedback')}</Link> › {post.title}
      </p>
      <PageHeader title={post.title} />
      <div aria-live="polite">{notice ? <p className="notice">{notice}</p> : null}</div>
      {conflict ? (
        <div className="error-box conflict" role="alert">
          <p>{t('postChanged')}</p>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
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
      <p className="hint">{t('posterUnitNever')}</p>

      <div className="post-layout">
        <div>
          <section aria-labelledby="post-body" className="post-section">
            <h2 id="post-body">{t('postBody')}</h2>
            <div className="post-body">{post.body}</div>
          </section>
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
          {admin ? (
            <ReplyForm
              published={post.published}
              busy={busy}
              onSend={(body, isPublic) =>
                act(
                  () => api.post<FeedbackTriagePost>(`${url}/replies`, { body, public: isPublic }),
                  t('replySent'),
                )
              }
            />
          ) : null}
        </div>
        <div>
          {admin ? (
            <section aria-labelledby="post-triage" className="panel triage">
              <h2 id="post-triage">{t('triageTitle')}</h2>
              <StatusForm
                key={`status-${generation}-${post.status}`}
                status={post.status}
                busy={busy}
                onSave={(status) => patch({ status }, t('statusSaved', { status: t(STATUS_LABEL[status]) }))}
              />
              <AssignForm
                key={`unit-${generation}-${post.assignedUnitCode ?? ''}`}
                unitCode={post.assignedUnitCode}
                busy={busy}
                onSave={(assignedUnitCode) => patch({ assignedUnitCode }, t('assignmentSaved'))}
              />
              <div className="publish-box">
                <p className="hint">{t('publishExplain')}</p>
                {post.published ? (
                  <button type="button" disabled={busy} onClick={() => publish(false)}>
                    {t('unpublish')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => setConfirmPublish(true)}
                  >
                    {t('publish')}
                  </button>
                )}
              </div>
            </section>
          ) : null}
          <NotesPanel
            notes={post.notes}
            editable={admin}
            busy={busy}
            onAdd={(body) =>
              act(() => api.post<FeedbackTriagePost>(`${url}/notes`, { body }), t('noteSaved'))
            }
          />
        </div>
      </div>
      <p className="no-print">
        <Link to={`/feedback?fy=${post.fiscalYear}`}>{t('backToBoard')}</Link>
      </p>
      <ConfirmDialog
        open={confirmPublish}
        title={t('publishConfirmTitle')}
        confirmLabel={t('publish')}
        cancelLabel={t('cancel')}
        busy={busy}
        onCancel={() => setConfirmPublish(false)}
        onConfirm={() => publish(true)}
      >
        <p>{t('publishExplain')}</p>
        <ul>
          {post.displayName ? <li>{t('publishConfirmNamed', { name: post.displayName })}</li> : null}
          <li>{t('publishConfirmCheck')}</li>
        </ul>
      </ConfirmDialog>
    </>
  );
}

function StatusForm({
  status,
  busy,
  onSave,
}: {
  status: FeedbackStatus;
  busy: boolean;
  onSave(status: FeedbackStatus): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<FeedbackStatus>(status);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== status) onSave(draft);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        <span>{t('status')}</span>
        <select value={draft} onChange={(e) => setDraft(e.target.value as FeedbackStatus)}>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {t(STATUS_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || draft === status}>
        {t('changeStatus')}
      </button>
    </form>
  );
}

function AssignForm({
  unitCode,
  busy,
  onSave,
}: {
  unitCode: string | null;
  busy: boolean;
  onSave(unitCode: string | null): void;
}) {
  const { t, l } = useI18n();
  const ref = useReference();
  const [draft, setDraft] = useState(unitCode ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== (unitCode ?? '')) onSave(draft || null);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        <span>{t('assignedUnit')}</span>
        <select value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">{t('unassigned')}</option>
          {ref.unitTree.map(({ unit, depth }) => (
            <option key={unit.code} value={unit.code}>
              {'　'.repeat(depth)}
              {l(unit.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || draft === (unitCode ?? '')}>
        {t('saveAssignment')}
      </button>
    </form>
  );
}

/** A reply: the text, and an explicit choice of who may read it (nothing is chosen for you). */
function ReplyForm({
  published,
  busy,
  onSend,
}: {
  published: boolean;
  busy: boolean;
  onSend(body: string, isPublic: boolean): Promise<boolean>;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'private' | 'public' | null>(null);
  const [problem, setProblem] = useState<'body' | 'audience' | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setProblem('body');
    if (!audience) return setProblem('audience');
    setProblem(null);
    if (await onSend(body.trim(), audience === 'public')) {
      setBody('');
      setAudience(null);
    }
  };
  return (
    <section aria-labelledby={`${ids}-title`} className="panel reply-panel">
      <h2 id={`${ids}-title`}>{t('replyTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field wide">
          <span>{t('replyBody')}</span>
          <textarea
            rows={5}
            maxLength={4000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={problem === 'body' ? true : undefined}
            aria-describedby={problem === 'body' ? `${ids}-problem` : undefined}
          />
        </label>
        <fieldset
          className="audience"
          aria-describedby={problem === 'audience' ? `${ids}-problem` : undefined}
        >
          <legend>{t('replyAudience')}</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-audience`}
              checked={audience === 'private'}
              onChange={() => setAudience('private')}
              aria-describedby={`${ids}-private`}
            />
            <span>
              <strong>{t('replyAudiencePrivate')}</strong>
              <span className="sub" id={`${ids}-private`}>
                {t('replyAudiencePrivateHint')}
              </span>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-audience`}
              checked={audience === 'public'}
              onChange={() => setAudience('public')}
              aria-describedby={`${ids}-public`}
            />
            <span>
              <strong>{t('replyAudiencePublic')}</strong>
              <span className="sub" id={`${ids}-public`}>
                {t('replyAudiencePublicHint')}
              </span>
            </span>
          </label>
        </fieldset>
        {audience === 'public' && !published ? <p className="hint">{t('replyNotPublishedYet')}</p> : null}
        {problem ? (
          <p className="error-text" role="alert" id={`${ids}-problem`}>
            {problem === 'body' ? t('errReplyBody') : t('errReplyAudience')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {audience === 'public'
              ? t('sendPublicReply')
              : audience === 'private'
                ? t('sendPrivateReply')
                : t('sendReply')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Internal notes: HR's own record, marked as never shown to staff. */
function NotesPanel({
  notes,
  editable,
  busy,
  onAdd,
}: {
  notes: FeedbackTriagePost['notes'];
  editable: boolean;
  busy: boolean;
  onAdd(body: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setProblem(t('errNoteBody'));
    setProblem(null);
    if (await onAdd(body.trim())) setBody('');
  };
  return (
    <section aria-labelledby="post-notes" className="panel notes-panel">
      <h2 id="post-notes">
        <LockIcon />
        {t('notesTitle')}
      </h2>
      <p className="hint">{t('notesLead')}</p>
      {notes.length === 0 ? (
        <p className="muted">{t('notesEmpty')}</p>
      ) : (
        <ul className="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="message-head">
                <strong>{n.author}</strong> <time dateTime={n.day}>{n.day}</time>
              </p>
              <div className="message-body">{n.body}</div>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form onSubmit={submit} noValidate>
          <label className="field wide">
            <span>{t('noteBody')}</span>
            <textarea rows={3} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {t('addNote')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
