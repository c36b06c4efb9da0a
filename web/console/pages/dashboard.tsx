import { IndicatorInitiatives } from '../components/indicator-initiatives';
import { usePlanProgress } from '../lib/use-plan-progress';
import type { Campaign } from '../../../shared/api/campaign';
import type { IndicatorValue, PillarSummaryValue } from '../../../shared/api/results';
import { fyLabel } from '../../../shared/time/fiscal-year';
import { Sparkline } from '../components/charts';
import { downloadText, ErrorBox, Loading, PageHeader, PrintButton, TermHelp } from '../components/common';
import { DemoLoading } from '../components/demo-loading';
import { FeedbackIndicatorsSection } from '../components/feedback-indicators';
import { HarassmentPanel } from '../components/harassment-panel';
import { LastBackupNote } from '../components/last-backup';
import { WorkstylePanel } from '../components/workstyle-panel';
import { indicatorsCsv } from '../lib/csv';
import { proposalPillar } from '../lib/feedback';
import { count, pct, points, yearHeading, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useIndicators } from '../lib/use-indicators';
import { useResource } from '../lib/use-resource';
import { CustodianHome } from './custodian-home';

/**
 * The start page: the code custodian's own (no results), or the plan's
 * indicators; while `npm start` prepares its demo, that instead.
 */
export function DashboardPage() {
  const { user } = useSession();
  return (
    <DemoLoading>{can.deliverCodes(user.role) ? <CustodianHome /> : <IndicatorsDashboard />}</DemoLoading>
  );
}

/** Pillars × fiscal years: favourable %, change with significance, target and a trend line. */
function IndicatorsDashboard() {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const indicators = useIndicators();
  const progress = usePlanProgress();
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  const plan = ref.plan;
  // The feedback box's indicators sit under the plan's staff-proposal initiative (analysts and the admin only).
  const feedbackPillar = can.readFeedback(user.role) ? proposalPillar(ref) : null;

  if (indicators.error) return <ErrorBox error={indicators.error} />;
  if (!indicators.data) return <Loading />;
  const data = indicators.data;
  const openYears = new Set(
    (campaigns.data ?? []).filter((c) => c.status === 'open').map((c) => c.fiscalYear),
  );
  const respondents = data.years.map((y) => {
    let n: number | null = null;
    let campaignId: string | null = null;
    for (const p of data.pillars)
      for (const i of p.indicators) {
        const v = i.values.find((x) => x.fiscalYear === y);
        if (v?.n != null) n = Math.max(n ?? 0, v.n);
        if (v?.campaignId) campaignId = v.campaignId;
      }
    return { n, campaignId };
  });
  const subtitle =
    indicators.scope === 'subtree'
      ? t('dashboardSubtree', { unit: ref.unitName(user.unitCode ?? '', lang) })
      : t('dashboardOrganisation');

  return (
    <>
      <PageHeader title={t('dashboardTitle')}>
        <button
          type="button"
          onClick={() =>
            downloadText(
              `koe-indicators-${data.years[0]}-${data.years.at(-1)}.csv`,
              indicatorsCsv(data, ref, lang),
            )
          }
        >
          {t('exportCsv')}
        </button>
        <PrintButton />
      </PageHeader>
      <p className="lead">
        {l(plan.title)} — {yearLong(plan.fiscalYears.from, lang)}
        {lang === 'ja' ? '〜' : ' – '}
        {yearLong(plan.fiscalYears.to, lang)}
      </p>
      <p>{subtitle}</p>
      {user.role === 'admin' ? <LastBackupNote /> : null}
      <DashboardLegend fdr={data.fdr} />
      <p className="note significance-note">
        {t('significanceNote', {
          m: count(
            data.pillars.reduce(
              (m, p) => m + p.indicators.reduce((k, i) => k + i.values.filter((v) => v.p !== null).length, 0),
              0,
            ),
            lang,
          ),
          fdr: data.fdr * 100,
        })}
      </p>
      <table className="year-strip">
        <caption>{t('respondentsByYear')}</caption>
        <thead>
          <tr>
            {data.years.map((y) => {
              const h = yearHeading(y, lang);
              return (
                <th key={y} scope="col">
                  {h.main} <span className="sub">{h.sub}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          <tr>
            {data.years.map((y, i) => (
              <td key={y}>
                {respondents[i]?.n != null ? t('respondentsN', { n: count(respondents[i]?.n, lang) }) : '—'}
                {respondents[i]?.campaignId ? (
                  <Link to={`/campaigns/${respondents[i]?.campaignId}/results`} className="sub no-print">
                    {t('viewResultsOf', { year: yearHeading(y, lang).main })}
                  </Link>
                ) : null}
                {openYears.has(y) ? (
                  <span className="badge badge-open">
                    <span aria-hidden="true">● </span>
                    {t('surveyInProgress')}
                  </span>
                ) : null}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {data.pillars.map((pillar) => (
        <section key={pillar.pillarId} className="pillar" aria-labelledby={`pillar-${pillar.pillarId}`}>
          <h2 id={`pillar-${pillar.pillarId}`}>{ref.pillarName(pillar.pillarId, lang)}</h2>
          <div className="table-scroll">
            <table className="matrix">
              <caption className="sr-only">
                {t('matrixCaption', { pillar: ref.pillarName(pillar.pillarId, lang) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="construct-col">
                    {t('indicator')}
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
                  <th scope="col" className="trend-col">
                    {t('trend')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pillar.indicators.map((indicator) => {
                  const name = ref.constructName(indicator.constructId, lang);
                  return (
                    <tr key={indicator.constructId}>
                      <th scope="row" className="construct-col">
                        <Link to={`/constructs/${indicator.constructId}`}>{name}</Link>
                        <IndicatorInitiatives constructId={indicator.constructId} behind={progress.behind} />
                      </th>
                      {indicator.values.map((v) => (
                        <td key={v.fiscalYear} className="year-cell">
                          <YearCell value={v} />
                        </td>
                      ))}
                      <td className="trend-col">
                        <Sparkline
                          label={t('trendOf', { name })}
                          points={indicator.values.map((v) => ({
                            fiscalYear: v.fiscalYear,
                            value: v.favourable,
                            target: v.target,
                          }))}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              {pillar.summary.some((v) => v.value !== null || v.suppressed) ? (
                <tfoot>
                  <tr className="pillar-summary">
                    <th scope="row" className="construct-col">
                      {t('pillarSummary')}
                      <TermHelp summary={t('helpPillarSummarySummary')} text={t('helpPillarSummary')} />
                    </th>
                    {pillar.summary.map((v) => (
                      <td key={v.fiscalYear} className="year-cell">
                        <PillarSummaryCell value={v} />
                      </td>
                    ))}
                    <td className="trend-col">
                      <Sparkline
                        label={t('pillarSummaryOf', { pillar: ref.pillarName(pillar.pillarId, lang) })}
                        points={pillar.summary.map((v) => ({
                          fiscalYear: v.fiscalYear,
                          value: v.value,
                          target: null,
                        }))}
                      />
                    </td>
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </div>
          {pillar.pillarId === feedbackPillar ? <FeedbackIndicatorsSection /> : null}
          {pillar.pillarId === 'environment' ? <HarassmentPanel /> : null}
        </section>
      ))}
      <WorkstylePanel />
    </>
  );
}

export function DashboardLegend({ fdr }: { fdr: number }) {
  const { t } = useI18n();
  return (
    <aside className="note legend-box" aria-label={t('legend')}>
      <ul className="inline-list">
        <li>{t('legendValue')}</li>
        <li>
          <span className="delta up">▲</span> / <span className="delta down">▼</span> {t('legendDelta')}
        </li>
        <li>
          <span className="sig">{t('significant')}</span> {t('legendSignificant', { fdr: fdr * 100 })}
          <TermHelp summary={t('helpSignificantSummary')} text={t('helpSignificant')} />
        </li>
        <li>{t('legendTargetCell')}</li>
        <li>— {t('legendNoSurvey')}</li>
        <li>
          <span className="hidden-mark">{t('hidden')}</span> {t('legendHidden')}
        </li>
      </ul>
    </aside>
  );
}

/** A pillar's summary figure in one fiscal year, with its 95% interval. */
function PillarSummaryCell({ value }: { value: PillarSummaryValue }) {
  const { t } = useI18n();
  if (value.suppressed) return <span className="hidden-mark">{t('hidden')}</span>;
  if (value.value === null)
    return (
      <span className="empty" title={t('noData')}>
        —<span className="sr-only">{t('noData')}</span>
      </span>
    );
  return (
    <>
      <span className="fav">{pct(value.value)}</span>
      {value.ci ? (
        <span className="sub ci">{t('pillarSummaryCi', { lo: pct(value.ci[0]), hi: pct(value.ci[1]) })}</span>
      ) : null}
    </>
  );
}

/** One construct in one fiscal year. */
export function YearCell({ value }: { value: IndicatorValue }) {
  const { t } = useI18n();
  const mean = value.mean ?? null;
  if (value.favourable === null && mean === null) {
    const hidden = value.campaignId !== null;
    return (
      <>
        {hidden ? (
          <span className="hidden-mark">{t('hidden')}</span>
        ) : (
          <span className="empty" title={t('noSurvey')}>
            —<span className="sr-only">{t('noSurvey')}</span>
          </span>
        )}
        {value.target !== null ? (
          <span className="target-line">
            {t('target')} {pct(value.target)}
          </span>
        ) : null}
      </>
    );
  }
  const met = value.target !== null && value.favourable !== null ? value.favourable >= value.target : null;
  // After a year without a value the change is from an earlier year, and says which: never 前年度.
  const skipped = value.comparedWith !== null && value.comparedWith !== value.fiscalYear - 1;
  return (
    <>
      <span className="fav">{mean !== null ? mean.toFixed(1) : pct(value.favourable)}</span>
      {value.delta !== null ? (
        <span className={`delta ${value.delta > 0 ? 'up' : value.delta < 0 ? 'down' : 'flat'}`}>
          <span aria-hidden="true">{value.delta > 0 ? '▲' : value.delta < 0 ? '▼' : '－'}</span>
          <span className="sr-only">
            {value.delta > 0 ? t('up') : value.delta < 0 ? t('down') : t('flat')}
          </span>{' '}
          {mean !== null
            ? `${value.delta > 0 ? '+' : value.delta < 0 ? '−' : '±'}${Math.abs(value.delta).toFixed(1)}`
            : points(value.delta)}
          {skipped ? (
            <span className="vs-year"> {t('vsFy', { fy: fyLabel(value.comparedWith!) })}</span>
          ) : null}
          {value.significant ? <span className="sig">{t('significant')}</span> : null}
        </span>
      ) : null}
      {value.target !== null ? (
        <span className={`target-line ${met ? 'met' : 'unmet'}`}>
          {t('target')} {pct(value.target)} {met ? `✓ ${t('targetMet')}` : t('targetNotMet')}
        </span>
      ) : null}
    </>
  );
}
