import { usePlanProgress } from '../lib/use-plan-progress';
import type { CampaignResults } from '../../../shared/api/results';
import type { Item } from '../../../shared/instruments/schema';
import { type Bar, BarChart, Distribution, HiddenLegend, TrendChart } from '../components/charts';
import {
  ErrorBox,
  HiddenExplanation,
  HiddenNote,
  Loading,
  PageHeader,
  PrintButton,
  TermHelp,
} from '../components/common';
import { EntryRouteFigure, entryRouteHidden } from '../components/entry-route-breakdown';
import { InitiativeTable } from '../components/initiatives';
import { count, enpsText, pct, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { useIndicators } from '../lib/use-indicators';
import { useResource } from '../lib/use-resource';

const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType'] as const;

/** One construct: its trend, items, breakdowns, units and the initiatives it informs. */
export function ConstructPage({ id, fy }: { id: string; fy: number | undefined }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const construct = ref.construct(id);
  const indicators = useIndicators();
  const progress = usePlanProgress();
  const indicator = indicators.data?.pillars.flatMap((p) => p.indicators).find((i) => i.constructId === id);
  const withCampaign = (indicator?.values ?? []).filter((v) => v.campaignId !== null);
  const latest = [...withCampaign].reverse().find((v) => v.favourable !== null) ?? withCampaign.at(-1);
  const selected = withCampaign.find((v) => v.fiscalYear === fy) ?? latest;
  const results = useResource<CampaignResults>(
    selected?.campaignId ? `/api/campaigns/${selected.campaignId}/results` : null,
  );

  if (!construct) {
    return (
      <>
        <PageHeader title={t('constructNotFound')} />
        <p>
          <Link to="/">{t('backToDashboard')}</Link>
        </p>
      </>
    );
  }
  const name = l(construct.name);
  const priorities = construct.priorities
    .map((p) => ref.plan.priorities.find((x) => x.id === p))
    .filter((p) => p !== undefined);

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/">{t('navDashboard')}</Link> › {ref.pillarName(construct.pillarId, lang)}
      </p>
      <PageHeader title={name}>
        <PrintButton />
      </PageHeader>
      <p className="lead">{l(construct.description)}</p>
      <dl className="facts">
        <div>
          <dt>{t('pillar')}</dt>
          <dd>{ref.pillarName(construct.pillarId, lang)}</dd>
        </div>
        <div>
          <dt>{t('priorities')}</dt>
          <dd>{priorities.map((p) => `${'①②③④⑤'[p.number - 1] ?? ''}${l(p.name)}`).join('、')}</dd>
        </div>
        <div>
          <dt>{t('indicatorKind')}</dt>
          <dd>{construct.indicator === 'enps' ? t('indicatorEnps') : t('indicatorFavourable')}</dd>
        </div>
        {indicators.scope === 'subtree' ? (
          <div>
            <dt>{t('scope')}</dt>
            <dd>{t('scopeSubtree', { unit: ref.unitName(user.unitCode ?? '', lang) })}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="trend-title">
        <h2 id="trend-title">{t('trendTitle')}</h2>
        {indicators.error ? <ErrorBox error={indicators.error} /> : null}
        {!indicator ? (
          indicators.data ? (
            <p>{t('noData')}</p>
          ) : (
            <Loading />
          )
        ) : (
          <TrendChart
            title={t('trendOf', { name })}
            points={indicator.values.map((v) => ({
              fiscalYear: v.fiscalYear,
              value: v.favourable,
              target: v.target,
            }))}
          />
        )}
      </section>

      {withCampaign.length > 0 ? (
        <nav className="year-picker no-print" aria-label={t('chooseYear')}>
          <span>{t('chooseYear')}:</span>
          {withCampaign.map((v) => (
            <button
              type="button"
              key={v.fiscalYear}
              aria-pressed={v.fiscalYear === selected?.fiscalYear}
              onClick={() => navigate(`/constructs/${id}?fy=${v.fiscalYear}`, { replace: true })}
            >
              {yearLong(v.fiscalYear, lang)}
            </button>
          ))}
        </nav>
      ) : null}

      {selected ? (
        <>
          <h2 className="year-title">{t('resultsOfYear', { year: yearLong(selected.fiscalYear, lang) })}</h2>
          {results.error ? <ErrorBox error={results.error} /> : null}
          {results.data ? (
            <ConstructResults results={results.data} constructId={id} items={construct.items} />
          ) : results.loading ? (
            <Loading />
          ) : null}
        </>
      ) : null}

      <section aria-labelledby="initiatives-title">
        <h2 id="initiatives-title">{t('initiativesInformed')}</h2>
        {construct.initiatives.length === 0 ? (
          <p>{t('noInitiatives')}</p>
        ) : (
          <InitiativeTable
            ids={construct.initiatives}
            caption={t('initiativesInformedCaption', { name })}
            showPillar
            progress={progress.byYear}
            {...(selected ? { highlightYear: selected.fiscalYear } : {})}
          />
        )}
      </section>
    </>
  );
}

function ConstructResults({
  results,
  constructId,
  items,
}: {
  results: CampaignResults;
  constructId: string;
  items: Item[];
}) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const overall = results.overall.constructs.find((c) => c.constructId === constructId);
  const scores = new Map(
    results.itemScores.filter((s) => s.constructId === constructId).map((s) => [s.itemId, s]),
  );
  const choices = new Map(results.items.map((i) => [i.itemId, i]));
  const managerView = results.itemScores.length === 0 && results.breakdowns.jobLevel.length === 0;
  // In the display order frozen at open, as the server lists them.
  const unitBars: Bar[] = results.units.map((u) => {
    const c = u.constructs.find((x) => x.constructId === constructId);
    const hidden = u.suppressed || !c || c.suppressed;
    const depth = ref.unitDepth(u.unitCode);
    return {
      key: u.unitCode,
      label: `${depth > 0 ? '　' : ''}${ref.unitName(u.unitCode, lang)}`,
      value: hidden ? null : (c?.favourable ?? null),
      hidden,
      // The row's reason when the row is hidden, else the cell's: as the heatmap says it.
      hiddenReason: u.suppressed ? u.hiddenReason : c?.hiddenReason,
      inKeyGroup: u.suppressed && u.reason === 'in_key_group',
      ...(hidden || c?.n == null ? {} : { note: `n=${c.n}` }),
    };
  });

  return (
    <>
      <HiddenExplanation k={results.minGroupSize} kSensitive={results.sensitiveMinGroupSize} />
      <dl className="facts big">
        <div>
          <dt>{t('favourable')}</dt>
          <dd>
            {overall && !overall.suppressed ? (
              pct(overall.favourable)
            ) : (
              <HiddenNote
                short
                reason={results.overall.suppressed ? results.overall.hiddenReason : overall?.hiddenReason}
              />
            )}
          </dd>
        </div>
        {overall?.favourableCi ? (
          <div>
            <dt>{t('ci95')}</dt>
            <dd>
              {pct(overall.favourableCi[0])}–{pct(overall.favourableCi[1])}
              <TermHelp summary={t('helpCi95Summary')} text={t('helpCi95')} />
            </dd>
          </div>
        ) : null}
        {overall?.mean != null ? (
          <div>
            <dt>{t('mean')}</dt>
            <dd>{overall.mean.toFixed(2)}</dd>
          </div>
        ) : null}
        {overall?.enps != null ? (
          <div>
            <dt>eNPS</dt>
            <dd>
              {enpsText(overall.enps)}
              <TermHelp summary={t('helpEnpsSummary')} text={t('helpEnps')} />
            </dd>
          </div>
        ) : null}
        {overall?.alpha != null ? (
          <div>
            <dt>{t('alpha')}</dt>
            <dd className="alpha">
              {overall.alpha.toFixed(2)}
              {overall.alpha < 0.7 ? <span className="flag-low">{t('alphaLow')}</span> : null}
              <TermHelp summary={t('helpAlphaSummary')} text={t('helpAlpha')} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('respondents')}</dt>
          <dd>{overall && !overall.suppressed ? count(overall.n, lang) : '—'}</dd>
        </div>
      </dl>

      <section aria-labelledby="items-title">
        <h3 id="items-title">{t('itemsTitle')}</h3>
        {managerView ? (
          <p className="note">{t('managerNoItems')}</p>
        ) : (
          <div className="table-scroll">
            <table className="items">
              <caption className="sr-only">{t('itemsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('item')}</th>
                  <th scope="col">{t('respondents')}</th>
                  <th scope="col">{t('favourable')}</th>
                  <th scope="col">{t('distribution15')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const score = scores.get(item.id);
                  const choice = choices.get(item.id);
                  if (item.type === 'likert5' && score) {
                    return (
                      <tr key={item.id}>
                        <th scope="row" className="item-text">
                          {l(item.text)}
                          {item.reverse ? <span className="tag">{t('reverseKeyed')}</span> : null}
                        </th>
                        <td>{score.suppressed ? <HiddenNote short /> : count(score.n, lang)}</td>
                        <td className="num">{score.suppressed ? '—' : pct(score.favourable)}</td>
                        <td>
                          {score.distribution ? (
                            <Distribution
                              shares={score.distribution}
                              label={l(item.text)}
                              reverse={item.reverse === true}
                            />
                          ) : (
                            <HiddenNote short />
                          )}
                        </td>
                      </tr>
                    );
                  }
                  if (item.type === 'nps') {
                    return (
                      <tr key={item.id}>
                        <th scope="row" className="item-text">
                          {l(item.text)}
                        </th>
                        <td>
                          {overall && !overall.suppressed ? count(overall.n, lang) : <HiddenNote short />}
                        </td>
                        <td className="num">eNPS {enpsText(overall?.enps)}</td>
                        <td className="muted">{t('enpsExplain')}</td>
                      </tr>
                    );
                  }
                  if ((item.type === 'single' || item.type === 'multi') && choice) {
                    return (
                      <tr key={item.id}>
                        <th scope="row" className="item-text">
                          {l(item.text)}
                        </th>
                        <td>{choice.suppressed ? <HiddenNote short /> : count(choice.n, lang)}</td>
                        <td className="num">—</td>
                        <td>
                          {choice.suppressed ? (
                            <HiddenNote short />
                          ) : (
                            <ul className="plain option-shares">
                              {choice.options.map((o) => (
                                <li key={o.value}>
                                  {l(item.options?.find((x) => x.value === o.value)?.label)}:{' '}
                                  <strong>{pct(o.share)}</strong>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    );
                  }
                  return null;
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {!managerView ? (
        <section aria-labelledby="breakdowns-title">
          <h3 id="breakdowns-title">{t('breakdownsTitle')}</h3>
          <div className="stack">
            {BREAKDOWNS.map((b) => {
              const definition = ref.templates.flatMap((tp) => tp.attributes).find((a) => a.id === b);
              const groups = results.breakdowns[b];
              const order = definition?.options.map((o) => o.value) ?? [];
              const sorted = [...groups].sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
              const bars: Bar[] = sorted.map((g) => {
                const c = g.constructs.find((x) => x.constructId === constructId);
                const hidden = g.suppressed || !c || c.suppressed;
                return {
                  key: g.key,
                  label: ref.attributeValueLabel(b, g.key, lang),
                  value: hidden ? null : (c?.favourable ?? null),
                  hidden,
                  hiddenReason: g.suppressed ? g.hiddenReason : c?.hiddenReason,
                };
              });
              return (
                <figure key={b} className="chart">
                  <figcaption>
                    <strong>{ref.attributeLabel(b, lang)}</strong>
                  </figcaption>
                  {bars.length === 0 ? (
                    <p>{t('noData')}</p>
                  ) : (
                    <BarChart
                      bars={bars}
                      title={`${ref.attributeLabel(b, lang)} — ${t('favourable')}`}
                      axisLabel={t('axisFavourable')}
                      labelWidth={230}
                    />
                  )}
                </figure>
              );
            })}
            <EntryRouteFigure results={results} constructId={constructId} />
          </div>
          {entryRouteHidden(results, constructId) ||
          BREAKDOWNS.some((b) =>
            results.breakdowns[b].some(
              (g) =>
                g.suppressed || g.constructs.find((x) => x.constructId === constructId)?.suppressed !== false,
            ),
          ) ? (
            <HiddenLegend />
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="units-title">
        <h3 id="units-title">{t('byUnit')}</h3>
        <BarChart
          bars={unitBars}
          title={`${t('byUnit')} — ${t('favourable')}`}
          axisLabel={t('axisFavourable')}
          labelWidth={230}
        />
        {unitBars.some((b) => b.hidden) ? <HiddenLegend /> : null}
      </section>
    </>
  );
}
