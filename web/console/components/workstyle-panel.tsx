import type { IndicatorValue } from '../../../shared/api/results';
import type {
  WorkstyleIndicatorId,
  WorkstyleIndicators,
  WorkstyleValue,
} from '../../../shared/api/workstyle';
import type { Localized } from '../../../shared/i18n/localized';
import { YearCell } from '../pages/dashboard';
import { count, pct, yearHeading } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { Sparkline } from './charts';
import { ErrorBox, Loading, TermHelp } from './common';

/**
 * The work-style indicators on the dashboard (DESIGN §5): overtime ≥ 45 h,
 * annual leave (mean days, ≥ 10 days, and the spread of days), flexitime and
 * telework use, and how easily men take childcare leave (env-04) and staff
 * take carer's leave (env-05), per fiscal year with the change and its
 * Benjamini–Hochberg-controlled flag. Organisation-wide only (admin, analyst).
 */

const NAMES: Record<WorkstyleIndicatorId, Localized> = {
  overtime45: { ja: '時間外勤務 月45時間以上の割合', en: 'Share with 45+ hours of overtime a month' },
  leaveDays: { ja: '年次休暇の取得日数（平均）', en: 'Annual leave taken (mean days)' },
  leave10: { ja: '年次休暇10日以上取得の割合', en: 'Share taking 10 or more days of annual leave' },
  flexUse: {
    ja: 'フレックスタイム・テレワーク利用率（利用できる職員のうち）',
    en: 'Flexitime or telework used (of staff for whom it is available)',
  },
  menChildcareLeave: {
    ja: '男性も育児休業等を取得しやすい（肯定的回答）',
    en: 'Men can take childcare leave easily (favourable)',
  },
  carerLeave: {
    ja: '介護休暇等を取得しやすい（肯定的回答）',
    en: 'Carer’s leave is easy to take (favourable)',
  },
};

const TEXT = {
  title: { ja: '働き方の指標', en: 'Work-style indicators' },
  lead: {
    ja: '職員意識調査の回答から、時間外勤務・年次休暇・柔軟な働き方・育児や介護のための休暇の取りやすさを年度ごとに示します。回答者が最少人数に満たない値は表示しません。',
    en: 'From the staff survey: overtime, annual leave, flexible working and how easily childcare and carer’s leave are taken, by fiscal year. Values with fewer respondents than the minimum group size are hidden.',
  },
  tests: {
    ja: '前年度（または直近の調査年度）からの変化は、この表の {m} 件の検定をまとめて Benjamini–Hochberg 法で多重比較を補正し、偽発見率 {fdr}% で「有意」と示します。',
    en: 'Changes from the previous surveyed year: the {m} tests of this table are corrected together by Benjamini–Hochberg; “significant” controls the false discovery rate at {fdr}%.',
  },
  indicator: { ja: '指標', en: 'Indicator' },
  trend: { ja: '推移', en: 'Trend' },
  initiative: { ja: '計画の取組', en: 'Plan initiative' },
  days: { ja: '日', en: ' days' },
  distribution: { ja: '年次休暇の取得日数の分布', en: 'Annual leave taken: spread of days' },
  distributionCaption: {
    ja: '年度別、取得日数の区分ごとの回答者の割合',
    en: 'Share of respondents in each band of days taken, by fiscal year',
  },
  band: { ja: '取得日数', en: 'Days taken' },
  hidden: { ja: '非表示', en: 'Hidden' },
  none: { ja: '調査なし', en: 'No survey' },
} satisfies Record<string, Localized>;

const BANDS: Record<string, Localized> = {
  '0to4': { ja: '0〜4日', en: '0–4' },
  '5to9': { ja: '5〜9日', en: '5–9' },
  '10to14': { ja: '10〜14日', en: '10–14' },
  '15to19': { ja: '15〜19日', en: '15–19' },
  '20plus': { ja: '20日以上', en: '20 or more' },
};

/** A work-style value as the dashboard's year cell shows it: a share as favourable, days as a mean. */
function asIndicatorValue(v: WorkstyleValue, kind: 'share' | 'mean'): IndicatorValue {
  return {
    fiscalYear: v.fiscalYear,
    // A year with a campaign whose value is hidden shows 非表示; without one, —.
    campaignId: v.campaignId,
    favourable: kind === 'share' ? v.value : null,
    ...(kind === 'mean' ? { mean: v.value } : {}),
    n: v.n,
    delta: v.delta,
    comparedWith: v.comparedWith,
    test: v.test,
    p: v.p,
    q: v.q,
    significant: v.significant,
    target: null,
  };
}

export function WorkstylePanel() {
  const { user } = useSession();
  if (!can.readIndicators(user.role)) return null;
  return <WorkstyleTable />;
}

function WorkstyleTable() {
  const { lang, l } = useI18n();
  const ref = useReference();
  const { from, to } = ref.plan.fiscalYears;
  const res = useResource<WorkstyleIndicators>(`/api/indicators/workstyle?from=${from}&to=${to}`);
  const fill = (text: Localized, values: Record<string, string | number>) =>
    Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), l(text));
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data) return <Loading />;
  const data = res.data;
  return (
    <section className="workstyle-panel" aria-labelledby="workstyle-title">
      <h2 id="workstyle-title">{l(TEXT.title)}</h2>
      <p className="hint">{l(TEXT.lead)}</p>
      <p className="note">{fill(TEXT.tests, { m: count(data.tests, lang), fdr: data.fdr * 100 })}</p>
      <div className="table-scroll">
        <table className="matrix">
          <caption className="sr-only">{l(TEXT.title)}</caption>
          <thead>
            <tr>
              <th scope="col" className="construct-col">
                {l(TEXT.indicator)}
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
                {l(TEXT.trend)}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((indicator) => {
              const name = l(NAMES[indicator.id]);
              return (
                <tr key={indicator.id} data-indicator={indicator.id}>
                  <th scope="row" className="construct-col">
                    {name}
                    {indicator.initiatives.length > 0 ? (
                      <span data-initiatives={indicator.initiatives.join(' ')}>
                        <TermHelp
                          summary={l(TEXT.initiative)}
                          text={indicator.initiatives
                            .map((id) => {
                              const row = ref.plan.initiatives.find((r) => r.id === id);
                              return row && 'title' in row && row.title ? l(row.title) : '';
                            })
                            .filter((x) => x)
                            .join(' ／ ')}
                        />
                      </span>
                    ) : null}
                  </th>
                  {indicator.values.map((v) => (
                    <td key={v.fiscalYear} className="year-cell">
                      <YearCell value={asIndicatorValue(v, indicator.kind)} />
                      {indicator.kind === 'mean' && v.value !== null ? (
                        <span className="sr-only">{l(TEXT.days)}</span>
                      ) : null}
                    </td>
                  ))}
                  <td className="trend-col">
                    {indicator.kind === 'share' ? (
                      <Sparkline
                        label={name}
                        points={indicator.values.map((v) => ({
                          fiscalYear: v.fiscalYear,
                          value: v.value,
                          target: null,
                        }))}
                      />
                    ) : (
                      <span className="sub">
                        {indicator.values
                          .filter((v) => v.value !== null)
                          .map(
                            (v) =>
                              `${yearHeading(v.fiscalYear, lang).main} ${v.value!.toFixed(1)}${l(TEXT.days)}`,
                          )
                          .join(' → ')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="matrix leave-distribution">
          <caption>
            {l(TEXT.distribution)}
            <span className="sr-only"> — {l(TEXT.distributionCaption)}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{l(TEXT.band)}</th>
              {data.leaveDistribution.map((d) => (
                <th key={d.fiscalYear} scope="col">
                  {yearHeading(d.fiscalYear, lang).main}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(BANDS).map(([band, label]) => (
              <tr key={band}>
                <th scope="row">{l(label)}</th>
                {data.leaveDistribution.map((d) => {
                  const share = d.bands?.find((b) => b.band === band)?.share;
                  const hidden = d.bands === null && yearHasCampaign(data, d.fiscalYear);
                  return (
                    <td key={d.fiscalYear}>
                      {share !== undefined ? pct(share) : hidden ? l(TEXT.hidden) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function yearHasCampaign(data: WorkstyleIndicators, fiscalYear: number): boolean {
  return data.indicators.some((i) =>
    i.values.some((v) => v.fiscalYear === fiscalYear && v.campaignId !== null),
  );
}
