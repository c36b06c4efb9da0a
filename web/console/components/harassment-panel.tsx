import { useState } from 'react';
import type { HarassmentIndicators, PrevalenceValue, PrevalenceWindow } from '../../../shared/api/harassment';
import { fyLabel } from '../../../shared/time/fiscal-year';
import { api } from '../lib/api';
import { count, pct, points, yearHeading } from '../lib/format';
import { fill, useI18n, type Vars } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { Sparkline } from './charts';
import { ErrorBox, Loading } from './common';
import '../styles/harassment.css';

/** This panel's own words, Japanese first (kept here so the shared message list stays untouched). */
const M = {
  title: ['ハラスメントを受けた職員の割合', 'Staff who experienced harassment'],
  lead: [
    '種類ごとに、設問に答えた職員（「答えたくない」を除く）のうち、受けた（受けたと感じた）と答えた人の割合です。括弧内は95%信頼区間（Wilson法）。この割合は低いほど良く、▼は減少です。{ks}人以上が答えた年だけ表示します。',
    'By kind: of the staff who answered (not counting "rather not say"), the share who experienced (or felt they experienced) it. In brackets, the 95% confidence interval (Wilson). Lower is better; ▼ is a fall. Shown only for years where {ks} or more answered.',
  ],
  window3y: ['過去3年間（全国調査と同じ期間）', 'Past 3 years (the national surveys’ window)'],
  window12m: ['この12か月間', 'Past 12 months'],
  kind: ['種類', 'Kind'],
  reference: ['全国の参考値', 'National reference'],
  noReference: ['比較できる値なし', 'No comparable figure'],
  comparedWith: ['比較対象', 'Compared with'],
  referenceSource: [
    '{publisher}「{title}」（{published}公表、{population}、過去{years}年間、回答{n}人）',
    '{publisher}, “{title}” (published {published}; {population}; past {years} years; {n} respondents)',
  ],
  checkedSource: ['数値は公表元の資料で確認済み。', 'Figures checked at the publisher’s report.'],
  checkedSecondary: [
    '数値は公表内容を伝える資料（{where}）で確認したもので、原典での確認が必要です。',
    'Figures checked in reports quoting the publication ({where}); check them against the original.',
  ],
  checkedIssue: ['数値は原典で未確認です。', 'Figures not yet checked against the original.'],
  chooseReference: ['比較する全国調査', 'National survey to compare with'],
  saveReference: ['比較対象を変更', 'Change the comparison'],
  referenceSaved: ['比較対象を変更しました。', 'The comparison was changed.'],
  ci: ['（{lo}〜{hi}）', '({lo}–{hi})'],
  significanceNote: [
    'この表の{m}件の前年度比較は、ベンジャミーニ・ホックバーグ法で偽発見率{fdr}%に調整しています。',
    'This table’s {m} year-over-year changes are adjusted by Benjamini–Hochberg to a false discovery rate of {fdr}%.',
  ],
  trendOf: ['{name}の推移', 'Trend of {name}'],
  hidden: ['非表示', 'Hidden'],
  hiddenWhy: ['回答が{ks}人未満のため非表示', 'Hidden: fewer than {ks} answered'],
  noSurvey: ['調査なし', 'No survey'],
  significant: ['有意', 'Significant'],
  vsFy: ['{fy}比', 'vs {fy}'],
  up: ['増加', 'Up'],
  down: ['減少', 'Down'],
  flat: ['変化なし', 'No change'],
  byUnit: ['部署別（{year}、過去3年間）', 'By unit ({year}, past 3 years)'],
  unit: ['部署', 'Unit'],
  answered: ['回答者', 'Answered'],
  byUnitNote: [
    '部署（下位の組織を含む）ごとに、{ks}人以上が答えた部署だけを表示します。少人数の部署が差し引きで推測されないよう、ほかの部署も非表示にすることがあります。',
    'Per unit (with the units below it), shown only where {ks} or more answered. Another unit may be hidden too, so that a small one cannot be worked out by subtraction.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

/**
 * Harassment prevalence on the dashboard (DESIGN §5): per kind and fiscal
 * year, with Wilson intervals and BH-adjusted changes, the national reference
 * the city chose beside the 3-year figures, with its source. For the admin and
 * analysts (the whole organisation's readers); the admin may change the
 * reference.
 */
export function HarassmentPanel() {
  const { lang, l } = useI18n();
  const { user } = useSession();
  const ref = useReference();
  const { from, to } = ref.plan.fiscalYears;
  const allowed = can.readIndicators(user.role);
  const data = useResource<HarassmentIndicators>(
    allowed ? `/api/indicators/harassment?from=${from}&to=${to}` : null,
  );
  const m = (key: keyof typeof M, vars?: Vars) => fill(M[key][lang === 'ja' ? 0 : 1], vars);
  if (!allowed) return null;

  const heading = <h3 id="harassment-prevalence">{m('title')}</h3>;
  if (data.error)
    return (
      <section className="harassment-prevalence" aria-labelledby="harassment-prevalence">
        {heading}
        <ErrorBox error={data.error} />
      </section>
    );
  if (!data.data)
    return (
      <section className="harassment-prevalence" aria-labelledby="harassment-prevalence">
        {heading}
        <Loading />
      </section>
    );
  const d = data.data;
  const r = d.reference;
  const tests = d.kinds.reduce(
    (n, k) =>
      n +
      k.windows['3y'].filter((v) => v.p !== null).length +
      k.windows['12m'].filter((v) => v.p !== null).length,
    0,
  );
  const checked =
    r.checked !== 'source' || Object.values(r.rates).some((x) => x.checked !== 'source')
      ? Object.values(r.rates).some((x) => x.checked === 'issue') || r.checked === 'issue'
        ? m('checkedIssue')
        : m('checkedSecondary', {
            where: [
              ...new Set(Object.values(r.rates).flatMap((x) => (x.checkedAt ? [x.checkedAt] : []))),
            ].join('; '),
          })
      : m('checkedSource');
  return (
    <section className="harassment-prevalence" aria-labelledby="harassment-prevalence">
      {heading}
      <p className="hint">{m('lead', { ks: d.sensitiveMinGroupSize ?? 10 })}</p>
      <div className="reference-source" data-reference={r.id}>
        <p>
          <strong>{m('comparedWith')}:</strong>{' '}
          <a href={r.url} rel="noopener noreferrer" target="_blank">
            {m('referenceSource', {
              publisher: l(r.publisher),
              title: l(r.title),
              published: r.published.slice(0, 7),
              population: l(r.population),
              years: r.windowYears,
              n: count(r.respondents, lang),
            })}
          </a>
        </p>
        <p className="sub">
          {checked} {r.notes ? l(r.notes) : null}
        </p>
        {can.manageSettings(user.role) ? (
          <ReferenceChoice current={r.id} options={d.references} onSaved={data.reload} label={m} />
        ) : null}
      </div>
      <p className="note prevalence-significance">
        {m('significanceNote', { m: count(tests, lang), fdr: d.fdr * 100 })}
      </p>
      <PrevalenceTable data={d} window="3y" m={m} />
      <UnitTable data={d} m={m} />
      <PrevalenceTable data={d} window="12m" m={m} />
    </section>
  );
}

type Msg = (key: keyof typeof M, vars?: Vars) => string;

function ReferenceChoice({
  current,
  options,
  onSaved,
  label: m,
}: {
  current: string;
  options: HarassmentIndicators['references'];
  onSaved: () => void;
  label: Msg;
}) {
  const { l } = useI18n();
  const [choice, setChoice] = useState(current);
  const [state, setState] = useState<{ saved?: boolean; error?: Error }>({});
  return (
    <form
      className="inline-form no-print"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api.put('/api/settings/harassment-reference', { reference: choice });
          setState({ saved: true });
          onSaved();
        } catch (error) {
          setState({ error: error as Error });
        }
      }}
    >
      <label htmlFor="harassment-reference">{m('chooseReference')}</label>{' '}
      <select id="harassment-reference" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {l(o.publisher)} — {l(o.title)}
          </option>
        ))}
      </select>{' '}
      <button type="submit">{m('saveReference')}</button>
      {state.saved ? (
        <span role="status" className="sub">
          {' '}
          {m('referenceSaved')}
        </span>
      ) : null}
      {state.error ? <ErrorBox error={state.error} /> : null}
    </form>
  );
}

function PrevalenceTable({
  data,
  window,
  m,
}: {
  data: HarassmentIndicators;
  window: PrevalenceWindow;
  m: Msg;
}) {
  const { lang, l } = useI18n();
  const withReference = window === '3y';
  const caption = m(window === '3y' ? 'window3y' : 'window12m');
  return (
    <div className="table-scroll">
      <table className="prevalence" data-window={window}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="construct-col">
              {m('kind')}
            </th>
            {data.years.map((y) => {
              const h = yearHeading(y, lang);
              return (
                <th key={y} scope="col" className="year-col">
                  {h.main}
                  <span className="sub">{h.sub}</span>
                </th>
              );
            })}
            {withReference ? (
              <th scope="col" className="reference-col">
                {m('reference')}
                <span className="sub">{l(data.reference.publisher)}</span>
              </th>
            ) : null}
            <th scope="col" className="trend-col">
              {lang === 'ja' ? '推移' : 'Trend'}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.kinds.map((k) => {
            const name = l(k.label);
            return (
              <tr key={k.kind} data-kind={k.kind}>
                <th scope="row" className="construct-col">
                  {name}
                </th>
                {k.windows[window].map((v) => (
                  <td key={v.fiscalYear} className="year-cell">
                    <PrevalenceCell value={v} ks={data.sensitiveMinGroupSize ?? 10} m={m} />
                  </td>
                ))}
                {withReference ? (
                  <td className="reference-col">
                    {k.referenceRate !== null ? (
                      <span className="fav">{pct(k.referenceRate, 1)}</span>
                    ) : (
                      <span className="sub">{m('noReference')}</span>
                    )}
                  </td>
                ) : null}
                <td className="trend-col">
                  <Sparkline
                    label={m('trendOf', { name: `${name} — ${caption}` })}
                    points={k.windows[window].map((v) => ({
                      fiscalYear: v.fiscalYear,
                      value: v.share,
                      target: null,
                    }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The latest year's prevalence per unit, in the organisation's order, as the results publish it. */
function UnitTable({ data, m }: { data: HarassmentIndicators; m: Msg }) {
  const { lang, l } = useI18n();
  const ref = useReference();
  const latest = data.units.at(-1);
  if (!latest) return null;
  const ks = data.sensitiveMinGroupSize ?? 10;
  const depth = new Map(ref.unitTree.map(({ unit, depth }, i) => [unit.code, { depth, i }]));
  const cells = [...latest.cells].sort(
    (a, b) => (depth.get(a.unitCode)?.i ?? Infinity) - (depth.get(b.unitCode)?.i ?? Infinity),
  );
  return (
    <div className="table-scroll">
      <table className="prevalence unit-prevalence">
        <caption>{m('byUnit', { year: yearHeading(latest.fiscalYear, lang).main })}</caption>
        <thead>
          <tr>
            <th scope="col" className="construct-col">
              {m('unit')}
            </th>
            <th scope="col">{m('answered')}</th>
            {data.kinds.map((k) => (
              <th key={k.kind} scope="col">
                {l(k.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={c.unitCode} data-unit={c.unitCode}>
              <th
                scope="row"
                className="construct-col"
                style={{ paddingInlineStart: `${0.5 + (depth.get(c.unitCode)?.depth ?? 0) * 1.2}em` }}
              >
                {ref.unitName(c.unitCode, lang)}
              </th>
              {c.suppressed ? (
                <td colSpan={1 + data.kinds.length}>
                  <span className="hidden-mark">{m('hidden')}</span>
                  <span className="sr-only">: {m('hiddenWhy', { ks })}</span>
                </td>
              ) : (
                <>
                  <td>{count(c.n ?? 0, lang)}</td>
                  {data.kinds.map((k) => (
                    <td key={k.kind}>{pct(c.shares[k.kind], 1)}</td>
                  ))}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sub">{m('byUnitNote', { ks })}</p>
    </div>
  );
}

/** One kind in one fiscal year: share, interval, change (a fall is good here). */
function PrevalenceCell({ value, ks, m }: { value: PrevalenceValue; ks: number; m: Msg }) {
  if (value.share === null) {
    return value.campaignId !== null ? (
      <span className="hidden-mark" title={m('hiddenWhy', { ks })}>
        {m('hidden')}
        <span className="sr-only">: {m('hiddenWhy', { ks })}</span>
      </span>
    ) : (
      <span className="empty" title={m('noSurvey')}>
        —<span className="sr-only">{m('noSurvey')}</span>
      </span>
    );
  }
  const skipped = value.comparedWith !== null && value.comparedWith !== value.fiscalYear - 1;
  return (
    <>
      <span className="fav">{pct(value.share, 1)}</span>
      {value.ci ? (
        <span className="sub ci">{m('ci', { lo: pct(value.ci[0], 1), hi: pct(value.ci[1], 1) })}</span>
      ) : null}
      {value.delta !== null ? (
        // Fewer experiencing it is the good direction: a fall is shown as the "up" (good) colour.
        <span className={`delta ${value.delta < 0 ? 'up' : value.delta > 0 ? 'down' : 'flat'}`}>
          <span aria-hidden="true">{value.delta > 0 ? '▲' : value.delta < 0 ? '▼' : '－'}</span>
          <span className="sr-only">
            {value.delta > 0 ? m('up') : value.delta < 0 ? m('down') : m('flat')}
          </span>{' '}
          {points(value.delta)}
          {skipped ? (
            <span className="vs-year"> {m('vsFy', { fy: fyLabel(value.comparedWith!) })}</span>
          ) : null}
          {value.significant ? <span className="sig">{m('significant')}</span> : null}
        </span>
      ) : null}
    </>
  );
}
