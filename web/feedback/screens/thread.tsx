import { useEffect, useState } from 'react';
import type { FeedbackStatus, FeedbackThread } from '../../../shared/api/feedback';
import { requestJson } from '../../common/http';
import type { Lang } from '../../common/lang';
import { ProblemBox, Title, useFocusLater } from '../../common/staff';
import { hashFor } from '../route';
import { BODY_MAX, problemOf, strings } from '../text';
import { Field, type Notice, StatusLabel } from '../views';
import type { MyPost, Wallet } from '../wallet';

export interface Seen {
  status: FeedbackStatus;
  hrReplies: number;
  /** The thread was opened: its replies count as read. */
  read?: boolean;
}

const readThread = (post: MyPost) =>
  requestJson<FeedbackThread>('/api/public/feedback/thread', { postId: post.postId, receipt: post.receipt });

const seenOf = (t: FeedbackThread): Seen => ({
  status: t.status,
  hrReplies: t.messages.filter((m) => m.from === 'hr').length,
});

/** Every post made from this browser, newest first, with the status and replies fetched with each receipt. */
export function MyPostsPage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  onSeen(updates: Map<string, Seen>): void;
}) {
  const { lang, wallet, code, onSeen } = props;
  const s = strings(lang);
  const [stale, setStale] = useState(false);
  const [loading, setLoading] = useState(wallet.posts.length > 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fetched once when the page opens.
  useEffect(() => {
    if (wallet.posts.length === 0) return;
    let live = true;
    Promise.all(wallet.posts.map(async (p) => [p.postId, await readThread(p)] as const)).then((results) => {
      if (!live) return;
      const updates = new Map<string, Seen>();
      for (const [id, res] of results) if (res.ok) updates.set(id, seenOf(res.body));
      setStale(updates.size < results.length);
      setLoading(false);
      if (updates.size > 0) onSeen(updates);
    });
    return () => {
      live = false;
    };
  }, []);
  const posts = [...wallet.posts].reverse();
  return (
    <>
      <Title>{s.postsTitle}</Title>
      <p>{s.postsLead}</p>
      {loading && <p role="status">{s.loading}</p>}
      {stale && <p className="note">{s.postsStale}</p>}
      {posts.length === 0 ? (
        <p>{s.postsNone}</p>
      ) : (
        <ul className="cards">
          {posts.map((p) => {
            const unread = (p.hrReplies ?? 0) - (p.seenReplies ?? 0);
            return (
              <li key={p.postId} className="card">
                <h2>
                  <a href={hashFor(wallet.fiscalYear, code, 'thread', p.postId)}>{p.title}</a>
                </h2>
                <p className="meta">
                  {[
                    s.kinds[p.kind].label,
                    p.pillarId && s.pillars[p.pillarId],
                    s.labelled(s.posted, s.day(p.day)),
                  ]
                    .filter(Boolean)
                    .join(s.sep)}
                </p>
                <p className="badges">
                  {p.status && <StatusLabel lang={lang} status={p.status} />}
                  {unread > 0 ? (
                    <span className="badge new">{s.newReplies(unread)}</span>
                  ) : (
                    p.hrReplies !== undefined && <span className="badge">{s.replies(p.hrReplies)}</span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** One post with HR's replies (public and private), read with its receipt; the poster can add to it. */
export function ThreadPage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  postId: string;
  onSeen(updates: Map<string, Seen>): void;
}) {
  const { lang, wallet, code, postId, onSeen } = props;
  const s = strings(lang);
  const post = wallet.posts.find((p) => p.postId === postId);
  const [thread, setThread] = useState<FeedbackThread>();
  const [notice, setNotice] = useState<Notice>();
  const [text, setText] = useState('');
  const [error, setError] = useState<'empty' | 'long'>();
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(false);
  const focusLater = useFocusLater();

  const show = (t: FeedbackThread) => {
    setThread(t);
    onSeen(new Map([[postId, { ...seenOf(t), read: true }]]));
  };

  const load = async () => {
    if (!post) return setNotice({ problem: 'not_found' });
    setNotice(undefined);
    setBusy(true);
    const res = await readThread(post);
    setBusy(false);
    if (res.ok) show(res.body);
    else {
      const problem = problemOf(res, 'not_found');
      setNotice({ problem, ...(problem === 'not_found' ? {} : { retry: load }) });
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per post.
  useEffect(() => {
    load();
  }, [postId]);

  const add = async () => {
    if (!post) return;
    const body = text.trim();
    const problem = !body ? 'empty' : body.length > BODY_MAX ? 'long' : undefined;
    setError(problem);
    setAdded(false);
    if (problem) return focusLater('add');
    setBusy(true);
    setNotice(undefined);
    const res = await requestJson<FeedbackThread>('/api/public/feedback/thread/messages', {
      postId,
      receipt: post.receipt,
      body,
    });
    setBusy(false);
    if (res.ok) {
      show(res.body);
      setText('');
      setAdded(true);
    } else {
      setNotice({ problem: problemOf(res, 'not_found'), retry: add });
      focusLater('notice');
    }
  };

  const back = (
    <p>
      <a href={hashFor(wallet.fiscalYear, code, 'posts')}>{s.backPosts}</a>
    </p>
  );
  if (!thread) {
    return (
      <>
        <Title>{post?.title ?? s.problems.not_found.title}</Title>
        {notice ? <ProblemBox notice={notice} busy={busy} /> : <p role="status">{s.threadLoading}</p>}
        {back}
      </>
    );
  }
  return (
    <>
      <Title>{thread.title}</Title>
      <p className="meta">
        {[
          s.kinds[thread.kind].label,
          thread.pillarId && s.pillars[thread.pillarId],
          s.labelled(s.posted, s.day(thread.day)),
        ]
          .filter(Boolean)
          .join(s.sep)}
      </p>
      <p className="badges">
        <StatusLabel lang={lang} status={thread.status} />
      </p>
      {thread.pending && (
        <p className="hint" id="pending">
          {s.threadPending}
        </p>
      )}
      <p className="hint">{thread.published ? s.threadPublished : s.threadUnpublished}</p>
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{s.threadMine}</h2>
        <p className="post-body">{thread.body}</p>
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{s.threadMessages}</h2>
        {thread.messages.length === 0 ? (
          <p>{s.threadNone}</p>
        ) : (
          <ol className="messages">
            {thread.messages.map((m) => (
              <li key={m.id} className={m.from === 'hr' ? 'message hr' : 'message mine'}>
                <p className="message-head">
                  <strong>{m.from === 'hr' ? s.fromHr : s.fromMe}</strong>
                  {s.sep}
                  {s.day(m.day)}
                  {m.from === 'hr' && (
                    <span className="tag">{m.public ? s.publicReply : s.privateReply}</span>
                  )}
                </p>
                <p className="post-body">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <form
        noValidate
        className="add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <Field
          id="add"
          lang={lang}
          label={s.addLabel}
          hint={s.addHint}
          error={error && (error === 'empty' ? s.errBody : s.errTooLong(BODY_MAX))}
          value={text}
          max={BODY_MAX}
          rows={4}
          onChange={(v) => {
            setText(v);
            setAdded(false);
          }}
        />
        {notice && <ProblemBox notice={notice} busy={busy} />}
        <p role="status" className="ok">
          {added ? s.added : ''}
        </p>
        <button type="submit" className="primary wide" disabled={busy} aria-busy={busy}>
          {busy ? s.sending : s.addSend}
        </button>
      </form>
      {back}
    </>
  );
}
