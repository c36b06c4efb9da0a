import { useEffect, useState } from 'react';
import type { PublicActionList } from '../../../shared/api/actions';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { requestJson } from '../../common/http';
import type { Lang } from '../../common/lang';
import { ProblemBox, Title } from '../../common/staff';
import { actionStrings } from '../actions-text';
import { problemOf, strings } from '../text';
import type { Notice } from '../views';

/**
 * Approved action plans of every unit, for everyone without a code or sign-in
 * (issue 15). The page shows what units do, never a result: the API's list
 * carries no figure.
 */
export function ActionsPage(props: { lang: Lang }) {
  const { lang } = props;
  const s = strings(lang);
  const a = actionStrings(lang);
  const [year, setYear] = useState<number | undefined>();
  const [list, setList] = useState<PublicActionList>();
  const [notice, setNotice] = useState<Notice>();
  const [attempt, setAttempt] = useState(0);
  const current = fiscalYearOf(new Date());
  const years = [current, current - 1, current - 2, current - 3];

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's way to load again.
  useEffect(() => {
    let live = true;
    setNotice(undefined);
    requestJson<PublicActionList>(`/api/public/actions${year ? `?fiscalYear=${year}` : ''}`).then((res) => {
      if (!live) return;
      if (res.ok) setList(res.body);
      else setNotice({ problem: problemOf(res, 'other'), retry: () => setAttempt((n) => n + 1) });
    });
    return () => {
      live = false;
    };
  }, [year, attempt]);

  const pick = (text: { ja: string; en?: string | undefined } | undefined) =>
    text ? (lang === 'en' && text.en ? text.en : text.ja) : '';
  const shown = year ?? list?.fiscalYear;
  return (
    <>
      <Title>{a.title}</Title>
      <p>{a.lead}</p>
      <div className="filter">
        <label htmlFor="actions-year">{a.year}</label>
        <select id="actions-year" value={shown ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
          {years.map((fy) => (
            <option key={fy} value={fy}>
              {a.yearOption(fy)}
            </option>
          ))}
        </select>
      </div>
      {notice && <ProblemBox notice={notice} />}
      <p role="status" className="count">
        {list ? (list.actions.length ? a.count(list.actions.length) : a.none) : notice ? '' : s.loading}
      </p>
      {list && list.actions.length > 0 && (
        <ul className="cards">
          {list.actions.map((x) => (
            <li key={x.id} className="card">
              <article aria-labelledby={`action-${x.id}`}>
                <p className="meta">{pick(x.unitName)}</p>
                <h2 id={`action-${x.id}`}>{x.title}</h2>
                <p className="badges">
                  <span className={`status status-${x.status}`}>{a.statuses[x.status]}</span>
                </p>
                {x.description && <p className="post-body">{x.description}</p>}
                <dl className="facts">
                  <dt>{a.owner}</dt>
                  <dd>{x.owner}</dd>
                  <dt>{a.due}</dt>
                  <dd>{s.day(x.dueDate)}</dd>
                  {x.constructName && (
                    <>
                      <dt>{a.construct}</dt>
                      <dd>{pick(x.constructName)}</dd>
                    </>
                  )}
                  {x.initiativeTitle && (
                    <>
                      <dt>{a.initiative}</dt>
                      <dd>{pick(x.initiativeTitle)}</dd>
                    </>
                  )}
                </dl>
                <section className="answers" aria-label={s.labelled(a.notes, x.title)}>
                  <h3>{a.notes}</h3>
                  {x.notes.length === 0 ? (
                    <p className="hint">{a.noNotes}</p>
                  ) : (
                    <ul className="notes">
                      {x.notes.map((n, i) => (
                        // Notes are only appended; their order never changes.
                        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                        <li key={i}>
                          {s.day(n.day)}
                          {s.sep}
                          {n.text}
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              </article>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#board">{a.toBoard}</a>
      </p>
    </>
  );
}
