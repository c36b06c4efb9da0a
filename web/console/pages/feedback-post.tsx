import { useState } from 'react';
import type { FeedbackTriagePost } from '../../../shared/api/feedback';
import { ConfirmDialog, ErrorBox, Loading, PageHeader } from '../components/common';
import { ApiError, api } from '../lib/api';
import { STATUS_LABEL, yearOfPost } from '../lib/feedback';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { NotesPanel, ReplyForm } from '../components/feedback-messages';
import { PostFacts, PostThread } from '../components/feedback-post';
import { AssignForm, PillarForm, StatusForm } from '../components/feedback-triage';
import { postsUrl } from './feedback';

/**
 * One post: its text, the thread with the poster (HR replies marked public
 * or private), and — for the admin — status, assignment, publishing,
 * replies and internal notes. A concurrent edit (409 post_changed) reloads
 * the post and says so; text being written is kept.
 */
export function FeedbackPostPage({ id }: { id: string }) {
  const { t } = useI18n();
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
      <PostFacts post={post} />
      <p className="hint">{t('posterUnitNever')}</p>

      <div className="post-layout">
        <div>
          <section aria-labelledby="post-body" className="post-section">
            <h2 id="post-body">{t('postBody')}</h2>
            <div className="post-body">{post.body}</div>
          </section>
          <PostThread post={post} />
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
              <PillarForm
                key={`pillar-${generation}-${post.pillarId ?? ''}`}
                pillarId={post.pillarId}
                busy={busy}
                onSave={(pillarId) => patch({ pillarId }, t('pillarSaved'))}
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
