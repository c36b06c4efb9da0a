import type { Campaign } from '../../../shared/api/campaign';
import type { CustomQuestionList } from '../../../shared/api/custom-questions';
import type { CampaignResults } from '../../../shared/api/results';
import type { UnitChange } from '../../../shared/api/actions';
import { ActionOutcomesPanel } from '../components/action-outcomes';
import { useState } from 'react';
import { type Bar, BarChart } from '../components/charts';
import { HarassmentFollowUps } from '../components/harassment-follow-ups';
import {
  downloadText,
  ErrorBox,
  HiddenExplanation,
  HiddenNote,
  Loading,
  PageHeader,
  PrintButton,
  TermHelp,
} from '../components/common';
import { CustomItemsPanel, PulseNote } from '../components/custom-questions';
import { Heatmap, HeatmapLegend, type HeatmapRow } from '../components/heatmap';
import { resultsCsv } from '../lib/csv';
import { count, dateTime, enpsText, pct, yearLong } from '../lib/format';
import { EntryRouteHeatmap } from '../components/entry-route-breakdown';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType'] as const;
const HARASSMENT_KINDS = ['power', 'sexual', 'maternity', 'customer'];
const HARASSMENT_SHORT: Record<string, MessageKey> = {
  power: 'harassPower',
  sexual: 'harassSexual',
  maternity: 'harassMaternity',
  customer: 'harassCustomer',
};

/** A closed campaign's results: heatmaps, harassment climate, eNPS, other items, comments. */
export function ResultsPage({ id }: { id: string }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const campaign = useResource<Campaign>(`/api/campaigns/${id}`);
  const results = useResource<CampaignResults>(
    campaign.data?.status === 'closed' ? `/api/campaigns/${id}/results` : null,
  );
  const [showChange, setShowChange] = useState(false);
  const change = useResource<UnitChange>(showChange ? `/api/campaigns/${id}/unit-change` : null);
  const questions = useResource<CustomQuestionList>(`/api/campaigns/${id}/questions`);
  if (campaign.error) return <ErrorBox error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  const title = `${l(c.title)} — ${t('resultsTitle')}`;
  if (c.status !== 'closed') {
    return (
      <>
        <PageHeader title={title} />
        <p className="note">{t('errorResultsWhileOpen')}</p>
        <p>
          <Link to={`/campaigns/${id}`}>{t('backToCampaign')}</Link>
        </p>
      </>
    );
  }
  if (results.error) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorBox error={results.error} />
      </>
    );
  }
  if (!results.data) return <Loading />;
  const r = results.data;
  const manager = user.role === 'manager';
  const constructIds = r.overall.constructs.map((x) => x.constructId);
  const rows: HeatmapRow[] = [];
  if (!manager) {
    rows.push({
      key: '__overall',
      label: t('overall'),
      n: r.overall.n,
      suppressed: r.overall.suppressed,
      hiddenReason: r.overall.hiddenReason,
      constructs: r.overall.constructs,
      emphasis: true,
    });
  }
  // The server lists units in the display order frozen when the campaign opened.
  for (const u of r.units) {
    if (!ref.unit(u.unitCode)) continue;
    rows.push({
      key: u.unitCode,
      label: ref.unitName(u.unitCode, lang),
      depth: ref.unitDepth(u.unitCode),
      n: u.n,
      suppressed: u.suppressed,
      hiddenReason: u.hiddenReason,
      inKeyGroup: u.reason === 'in_key_group',
      constructs: u.constructs,
      emphasis: manager && u.unitCode === user.unitCode,
    });
  }
  const hiddenUnits = r.units.filter((u) => u.suppressed).length;

  return (
    <div className="report">
      <p className="breadcrumb no-print">
        <Link to="/campaigns">{t('navCampaigns')}</Link> › <Link to={`/campaigns/${id}`}>{l(c.title)}</Link> ›{' '}
        {t('resultsTitle')}
      </p>
      <PageHeader title={title}>
        <button
          type="button"
          onClick={() =>
            downloadText(
              `koe-results-${c.fiscalYear}-${id}.csv`,
              resultsCsv(r, ref, lang, questions.data?.questions),
            )
          }
        >
          {t('exportCsv')}
        </button>
        <PrintButton />
      </PageHeader>
      <PulseNote kind={c.kind} />
      <dl className="facts">
        <div>
          <dt>{t('fiscalYear')}</dt>
          <dd>{yearLong(r.fiscalYear, lang)}</dd>
        </div>
        <div>
          <dt>{manager ? t('respondentsSubtree') : t('respondents')}</dt>
          <dd>
            {r.overall.suppressed ? (
              <HiddenNote short reason={r.overall.hiddenReason} />
            ) : (
              count(r.overall.n, lang)
            )}
          </dd>
        </div>
        <div>
          <dt>{t('minGroupSize')}</dt>
          <dd>{r.minGroupSize}</dd>
        </div>
        <div>
          <dt>{t('sensitiveMinGroupSize')}</dt>
          <dd>{r.sensitiveMinGroupSize}</dd>
        </div>
        <div>
          <dt>{t('computedAt')}</dt>
          <dd>{dateTime(r.computedAt, lang)}</dd>
        </div>
      </dl>
      {manager ? (
        <p className="note">{t('managerScope', { unit: ref.unitName(user.unitCode ?? '', lang) })}</p>
      ) : null}
      <HiddenExplanation k={r.minGroupSize} kSensitive={r.sensitiveMinGroupSize} />

      <section aria-labelledby="heatmap-title" className="wide">
        <h2 id="heatmap-title">{t('heatmapUnits')}</h2>
        <p className="hint">
          {t('heatmapHint')} {hiddenUnits > 0 ? t('hiddenUnitsCount', { n: hiddenUnits }) : ''}
        </p>
        <HeatmapLegend />
        <p className="no-print">
          <label>
            <input type="checkbox" checked={showChange} onChange={(e) => setShowChange(e.target.checked)} />{' '}
            {t('unitChangeToggle')}
          </label>
        </p>
        {showChange && change.data ? (
          <p className="hint" role="status">
            {change.data.comparedWith
              ? t('unitChangeNote', { year: yearLong(change.data.comparedWith.fiscalYear, lang) })
              : t('unitChangeNone')}
          </p>
        ) : null}
        {showChange && change.error ? <ErrorBox error={change.error} /> : null}
        <Heatmap
          rows={rows}
          caption={t('heatmapUnitsCaption')}
          rowHeader={t('unit')}
          constructIds={constructIds}
          {...(showChange && change.data?.comparedWith
            ? {
                changes: {
                  since: yearLong(change.data.comparedWith.fiscalYear, lang),
                  byRow: new Map(
                    change.data.units.map((u) => [
                      u.unitCode,
                      new Map(u.constructs.map((c) => [c.constructId, c.delta])),
                    ]),
                  ),
                },
              }
            : {})}
        />
      </section>
      <ActionOutcomesPanel campaignId={id} />

      {manager ? (
        <p className="note">{t('managerNoBreakdowns')}</p>
      ) : (
        BREAKDOWNS.map((b) => {
          const definition = ref.templates.flatMap((tp) => tp.attributes).find((a) => a.id === b);
          const order = definition?.options.map((o) => o.value) ?? [];
          const groups = [...r.breakdowns[b]].sort((x, y) => order.indexOf(x.key) - order.indexOf(y.key));
          return (
            <section key={b} aria-labelledby={`heatmap-${b}`} className="wide">
              <h2 id={`heatmap-${b}`}>{t('heatmapBy', { what: ref.attributeLabel(b, lang) })}</h2>
              {groups.length === 0 ? (
                <p>{t('noData')}</p>
              ) : (
                <Heatmap
                  rows={groups.map((g) => ({
                    key: g.key,
                    label: ref.attributeValueLabel(b, g.key, lang),
                    n: g.n,
                    suppressed: g.suppressed,
                    hiddenReason: g.hiddenReason,
                    constructs: g.constructs,
                  }))}
                  caption={t('heatmapByCaption', { what: ref.attributeLabel(b, lang) })}
                  rowHeader={ref.attributeLabel(b, lang)}
                  constructIds={constructIds}
                />
              )}
              <p className="hint">{t('selfReportedNote')}</p>
            </section>
          );
        })
      )}

      {manager ? null : <EntryRouteHeatmap results={r} constructIds={constructIds} />}
      <EnpsPanel results={r} />
      {manager ? null : <HarassmentPanel results={r} />}
      {manager ? null : <OtherItems results={r} />}
      {manager ? null : <CustomItemsPanel results={r} campaignId={id} />}
      <CommentsPanel results={r} manager={manager} />
    </div>
  );
}

function EnpsPanel({ results }: { results: CampaignResults }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const construct = ref.constructs.find((c) => c.indicator === 'enps');
  if (!construct) return null;
  const overall = results.overall.constructs.find((c) => c.constructId === construct.id);
  // In the display order frozen at open, as the server lists them.
  const units = results.units.map((u) => ({
    u,
    c: u.constructs.find((x) => x.constructId === construct.id),
  }));
  return (
    <section aria-labelledby="enps-title" className="panel">
      <h2 id="enps-title">eNPS — {ref.constructName(construct.id, lang)}</h2>
      <p className="hint">{t('enpsExplain')}</p>
      <TermHelp summary={t('helpEnpsSummary')} text={t('helpEnps')} />
      <p className="big-number">
        {overall && !overall.suppressed && overall.enps != null ? (
          <>
            <span className="label">{t('overallEnps')}</span> <strong>{enpsText(overall.enps)}</strong>
          </>
        ) : (
          <HiddenNote />
        )}
      </p>
      <div className="table-scroll">
        <table className="list">
          <caption>{t('enpsByUnit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              <th scope="col">eNPS</th>
              <th scope="col">
                {t('position')}
                <EnpsScale />
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map(({ u, c }) => {
              const hidden = u.suppressed || !c || c.suppressed || c.enps == null;
              return (
                <tr key={u.unitCode}>
                  <th scope="row">{ref.unitName(u.unitCode, lang)}</th>
                  <td className="num">
                    {hidden ? (
                      <HiddenNote
                        short
                        reason={u.suppressed ? u.hiddenReason : c?.hiddenReason}
                        inKeyGroup={u.suppressed && u.reason === 'in_key_group'}
                      />
                    ) : (
                      enpsText(c?.enps)
                    )}
                  </td>
                  <td>{hidden ? <span className="muted">—</span> : <EnpsBar value={c!.enps!} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A diverging bar from 0 on a −100…+100 axis; the number is printed beside it. */
function EnpsBar({ value }: { value: number }) {
  const w = 200;
  const mid = w / 2;
  const x = mid + value * mid;
  return (
    <svg width={w} height={16} viewBox={`0 0 ${w} 16`} aria-hidden="true" className="enps-bar">
      <line x1={0} x2={w} y1={8} y2={8} className="grid" />
      <line x1={mid} x2={mid} y1={0} y2={16} className="axis" />
      <rect
        x={Math.min(mid, x)}
        y={3}
        width={Math.abs(x - mid)}
        height={10}
        className={value >= 0 ? 'bar' : 'bar negative'}
      />
    </svg>
  );
}

function EnpsScale() {
  return (
    <svg width={200} height={16} viewBox="0 0 200 16" aria-hidden="true" className="enps-scale">
      <text x={2} y={12} className="tick-label">
        −100
      </text>
      <text x={100} y={12} textAnchor="middle" className="tick-label">
        0
      </text>
      <text x={198} y={12} textAnchor="end" className="tick-label">
        +100
      </text>
    </svg>
  );
}

function HarassmentPanel({ results }: { results: CampaignResults }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const experienced = results.items.find((i) => i.itemId === 'har.experienced');
  const witnessed = results.items.find((i) => i.itemId === 'har.witnessed');
  const knows = results.itemScores.find((i) => i.itemId === 'har.knows_where_to_consult');
  const otherScores = results.itemScores.filter(
    (i) => i.constructId === 'harassment_climate' && i.itemId !== 'har.knows_where_to_consult',
  );
  if (!experienced && !witnessed && !knows) return null;
  const bars = (item: typeof experienced): Bar[] =>
    item
      ? HARASSMENT_KINDS.map((kind) => {
          const share = item.options.find((o) => o.value === kind)?.share ?? null;
          return {
            key: kind,
            label: t(HARASSMENT_SHORT[kind]!),
            value: item.suppressed ? null : share,
            hidden: item.suppressed,
          };
        })
      : [];
  const anyHidden = experienced?.suppressed || witnessed?.suppressed || knows?.suppressed;
  return (
    <section aria-labelledby="harassment-title" className="panel">
      <h2 id="harassment-title">{t('harassmentTitle')}</h2>
      <p className="hint">{t('harassmentLead', { ks: results.sensitiveMinGroupSize })}</p>
      {anyHidden ? (
        <p className="note">{t('harassmentHidden', { ks: results.sensitiveMinGroupSize })}</p>
      ) : null}
      <div className="grid-2">
        {experienced ? (
          <figure className="chart">
            <figcaption>
              <strong>{t('harassmentExperienced')}</strong>
              {experienced.n != null ? ` (n=${experienced.n})` : ''}
            </figcaption>
            <BarChart
              bars={bars(experienced)}
              title={t('harassmentExperienced')}
              axisLabel={t('axisShareRespondents')}
            />
          </figure>
        ) : null}
        {witnessed ? (
          <figure className="chart">
            <figcaption>
              <strong>{t('harassmentWitnessed')}</strong>
              {witnessed.n != null ? ` (n=${witnessed.n})` : ''}
            </figcaption>
            <BarChart
              bars={bars(witnessed)}
              title={t('harassmentWitnessed')}
              axisLabel={t('axisShareRespondents')}
            />
          </figure>
        ) : null}
      </div>
      <HarassmentFollowUps results={results} />
      <div className="table-scroll">
        <table className="list">
          <caption>{t('harassmentTrust')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('item')}</th>
              <th scope="col">{t('favourable')}</th>
              <th scope="col">{t('respondents')}</th>
            </tr>
          </thead>
          <tbody>
            {[knows, ...otherScores]
              .filter((x) => x !== undefined)
              .map((s) => (
                <tr
                  key={s.itemId}
                  className={s.itemId === 'har.knows_where_to_consult' ? 'emphasis' : undefined}
                >
                  <th scope="row">{l(ref.item(s.itemId)?.text) || s.itemId}</th>
                  <td className="num">{s.suppressed ? <HiddenNote short /> : pct(s.favourable)}</td>
                  <td className="num">{s.suppressed ? '—' : count(s.n, lang)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OtherItems({ results }: { results: CampaignResults }) {
  const { t, l } = useI18n();
  const ref = useReference();
  const items = results.items.filter((i) => !i.itemId.startsWith('har.'));
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="other-items-title" className="panel">
      <h2 id="other-items-title">{t('otherItemsTitle')}</h2>
      <div className="grid-2">
        {items.map((item) => {
          const def = ref.item(item.itemId);
          const text = l(def?.text) || item.itemId;
          return (
            <figure key={item.itemId} className="chart">
              <figcaption>
                <strong>{text}</strong>
                {item.n != null ? ` (n=${item.n})` : ''}
              </figcaption>
              <BarChart
                bars={item.options.map((o) => ({
                  key: o.value,
                  label: l(def?.options?.find((x) => x.value === o.value)?.label) || o.value,
                  value: item.suppressed ? null : o.share,
                  hidden: item.suppressed,
                }))}
                title={text}
                axisLabel={t('axisShareRespondents')}
                labelWidth={250}
              />
            </figure>
          );
        })}
      </div>
    </section>
  );
}

function CommentsPanel({ results, manager }: { results: CampaignResults; manager: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="comments-title" className="panel comments">
      <h2 id="comments-title">{t('commentsTitle')}</h2>
      {manager ? (
        <p className="note">{t('commentsManager')}</p>
      ) : results.comments.suppressed ? (
        <p className="note">{t('commentsHidden', { ks: results.sensitiveMinGroupSize })}</p>
      ) : (
        <>
          <p className="hint">{t('commentsLead', { n: results.comments.texts.length })}</p>
          <ul className="comment-list">
            {results.comments.texts.map((text, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: comments are shuffled text without ids
              <li key={i}>{text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
