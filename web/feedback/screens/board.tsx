import { useEffect, useState } from 'react';
import type { FeedbackBoardPost, FeedbackStatus } from '../../../shared/api/feedback';
import type { PillarId } from '../../../shared/plan/ids';
import { requestJson } from '../../common/http';
import type { Lang } from '../../common/lang';
import { ProblemBox, Title } from '../../common/staff';
import { actionStrings } from '../actions-text';
import { PILLARS, problemOf, STATUSES, strings } from '../text';
import { type Notice, StatusLabel } from '../views';

/** Published posts and HR's public replies, for everyone, with or without a code. */
export function BoardPage(props: { lang: Lang; withCode: boolean }) {
  const { lang } = props;
  const s = strings(lang);
  const [pillar, setPillar] = useState<PillarId | ''>('');
  const [status, setStatus] = useState<FeedbackStatus | ''>('');
  const [posts, setPosts] = useState<FeedbackBoardPost[]>();
  const [notice, setNotice] = useState<Notice>();
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's way to load again.
  useEffect(() => {
    let live = true;
    setNotice(undefined);
    const query = new URLSearchParams({
      ...(pillar ? { pillar } : {}),
      ...(status ? { status } : {}),
    }).toString();
    requestJson<FeedbackBoardPost[]>(`/api/public/feedback/board${query ? `?${query}` : ''}`).then((res) => {
      if (!live) return;
      if (res.ok) setPosts(res.body);
      else setNotice({ problem: problemOf(res, 'other'), retry: () => setAttempt((n) => n + 1) });
    });
    return () => {
      live = false;
    };
  }, [pillar, status, attempt]);

  return (
    <>
      <Title>{s.boardTitle}</Title>
      <p>{s.boardLead}</p>
      <p>
        <a href="#actions">{actionStrings(lang).title}</a>
      </p>
      {!props.withCode && (
        <p>
          <a href="#code">{s.boardWrite}</a>
        </p>
      )}
      <fieldset className="filters">
        <legend className="label">{s.boardFilter}</legend>
        <div className="filter">
          <label htmlFor="filter-pillar">{s.boardPillar}</label>
          <select
            id="filter-pillar"
            value={pillar}
            onChange={(e) => setPillar(e.target.value as PillarId | '')}
          >
            <option value="">{s.boardAll}</option>
            {PILLARS.map((p) => (
              <option key={p} value={p}>
                {s.pillars[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="filter-status">{s.boardStatus}</label>
          <select
            id="filter-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as FeedbackStatus | '')}
          >
            <option value="">{s.boardAll}</option>
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {s.statuses[x]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {notice && <ProblemBox notice={notice} />}
      <p role="status" className="count">
        {posts ? (posts.length ? s.boardCount(posts.length) : s.boardNone) : notice ? '' : s.loading}
      </p>
      {posts && posts.length > 0 && (
        <ul className="cards">
          {posts.map((p) => (
            <li key={p.id} className="card">
              <article aria-labelledby={`post-${p.id}`}>
                <h2 id={`post-${p.id}`}>{p.title}</h2>
                <p className="meta">
                  {[
                    s.kinds[p.kind].label,
                    p.pillarId && s.pillars[p.pillarId],
                    s.day(p.day),
                    s.labelled(s.boardBy, p.displayName ?? s.boardAnonymous),
                  ]
                    .filter(Boolean)
                    .join(s.sep)}
                </p>
                <p className="badges">
                  <StatusLabel lang={lang} status={p.status} />
                </p>
                <p className="post-body">{p.body}</p>
                <section className="answers" aria-label={s.labelled(s.boardAnswers, p.title)}>
                  <h3>{s.boardAnswers}</h3>
                  {p.replies.length === 0 ? (
                    <p className="hint">{s.boardNoAnswer}</p>
                  ) : (
                    p.replies.map((r, i) => (
                      // Replies have no id on the board; their order never changes.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                      <div key={i} className="message hr">
                        <p className="message-head">
                          <strong>{s.fromHr}</strong>
                          {s.sep}
                          {s.day(r.day)}
                        </p>
                        <p className="post-body">{r.body}</p>
                      </div>
                    ))
                  )}
                </section>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
