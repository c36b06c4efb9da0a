import type { FeedbackIndicators } from '../../../shared/api/feedback';
import { DEFAULT_K_SENSITIVE } from '../../../shared/disclosure/defaults';
import { proposalInitiative } from '../lib/feedback';
import { count, pct, yearHeading } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';
import { ErrorBox, Loading } from './common';

type PillarValue = FeedbackIndicators['pillars'][number]['values'][number];

/** Days as a short number: 3, 2.5. */
const days = (d: number) => String(Math.round(d * 10) / 10);

/**
 * The staff feedback box's indicators for the dashboard, under the plan's
 * staff-proposal initiative: posts per pillar and fiscal year, adoption
 * rate and median days to HR's first reply; a year without any post is —,
 * never 0. Posts by unit follow disclosure control: a hidden cell says
 * 非表示 and carries no number.
 */
export function FeedbackIndicatorsSection() {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { from, to } = ref.plan.fiscalYears;
  const data = useResource<FeedbackIndicators>(`/api/feedback/indicators?from=${from}&to=${to}`);
  const initiative = proposalInitiative(ref);

  const heading = (
    <>
      <h3 id="feedback-indicators" {...(initiative ? { 'data-initiative': initiative.id } : {})}>
        {initiative ? l(initiative.small) : t('fbIndicatorsTitle')}
      </h3>
      {initiative ? (
        <p className="sub">
          {t('fbIndicatorsTitle')} — {l(initiative.title)}
        </p>
      ) : null}
    </>
  );
  if (data.error) {
    return (
      <section className="feedback-indicators" aria-labelledby="feedback-indicators">
        {heading}
        <ErrorBox error={data.error} />
      </section>
    );
  }
  if (!data.data) {
    return (
      <section className="feedback-indicators" aria-labelledby="feedback-indicators">
        {heading}
        <Loading />
      </section>
    );
  }
  const d = data.data;
  const totals = d.years.map((y) =>
    d.pillars.reduce((n, p) => n + (p.values.find((v) => v.fiscalYear === y)?.posts ?? 0), 0),
  );
  const hasData = new Map(d.years.map((y, i) => [y, (totals[i] ?? 0) > 0]));
  const topUnits = ref.unitTree.filter((u) => u.depth === 0).map((u) => u.unit.code);
  const cellsByYear = new Map(
    d.units.map((u) => [u.fiscalYear, new Map(u.cells.map((c) => [c.unitCode, c]))]),
  );
  const noData = (
    <span className="empty" title={t('fbNoPosts')}>
      —<span className="sr-only">{t('fbNoPosts')}</span>
    </span>
  );
  const yearHeads = d.years.map((y) => {
    const h = yearHeading(y, lang);
    return (
      <th key={y} scope="col" className="year-col">
        {h.main}
        <span className="sub">{h.sub}</span>
      </th>
    );
  });

  const valueCell = (v: PillarValue | undefined) => {
    if (!v || !hasData.get(v.fiscalYear)) return noData;
    return (
      <>
        <span className="fb-posts">{t('postsN', { n: count(v.posts, lang) })}</span>
        <span className="fb-line fb-adoption">
          {v.adoptionRate === null
            ? t('fbNoDecision')
            : t('fbAdoptionOf', { rate: pct(v.adoptionRate), n: count(v.adopted, lang) })}
        </span>
        <span className="fb-line fb-reply">
          {v.medianDaysToFirstReply === null
            ? t('fbNoReply')
            : t('fbMedianReply', { d: days(v.medianDaysToFirstReply) })}
        </span>
      </>
    );
  };

  return (
    <section className="feedback-indicators" aria-labelledby="feedback-indicators">
      {heading}
      <p className="hint">{t('fbIndicatorsLead')}</p>
      <div className="table-scroll">
        <table className="fb-matrix">
          <caption className="sr-only">{t('fbMatrixCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="construct-col">
                {t('pillar')}
              </th>
              {yearHeads}
            </tr>
          </thead>
          <tbody>
            {d.pillars.map((p) => (
              <tr key={p.pillarId ?? 'none'} data-pillar={p.pillarId ?? 'none'}>
                <th scope="row" className="construct-col">
                  {ref.pillarName(p.pillarId, lang)}
                </th>
                {d.years.map((y) => (
                  <td key={y} className="year-cell">
                    {valueCell(p.values.find((v) => v.fiscalYear === y))}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="emphasis" data-pillar="all">
              <th scope="row" className="construct-col">
                {t('fbAllPillars')}
              </th>
              {d.years.map((y, i) => (
                <td key={y} className="year-cell">
                  {hasData.get(y) ? (
                    <span className="fb-posts">{t('postsN', { n: count(totals[i], lang) })}</span>
                  ) : (
                    noData
                  )}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="hint">{t('fbLegend')}</p>
      <div className="table-scroll">
        <table className="fb-units list compact">
          <caption>{t('fbUnitsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              {yearHeads}
            </tr>
          </thead>
          <tbody>
            {topUnits.map((code) => (
              <tr key={code} data-unit={code}>
                <th scope="row">{ref.unitName(code, lang)}</th>
                {d.years.map((y) => {
                  const cell = cellsByYear.get(y)?.get(code);
                  return (
                    <td key={y} className="num">
                      {!hasData.get(y) ? (
                        noData
                      ) : !cell || cell.suppressed || cell.posts === null ? (
                        <span className="hidden-mark" title={t('hiddenTooltip')}>
                          {t('hidden')}
                        </span>
                      ) : (
                        t('postsN', { n: count(cell.posts, lang) })
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        <span className="hidden-mark">{t('hidden')}</span> {t('fbUnitsHidden', { k: DEFAULT_K_SENSITIVE })}
      </p>
      <p className="no-print">
        <Link to="/feedback">{t('fbOpenBoard')}</Link>
      </p>
    </section>
  );
}
