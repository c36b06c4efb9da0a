import type { CampaignResults, ConstructCell, HiddenReason, Indicators } from '../../../shared/api/results';
import type { Lang } from '../../../shared/i18n/localized';
import { fyLabel, warekiLabel } from '../../../shared/time/fiscal-year';
import { entryRouteLabel } from '../../../shared/results/entry-route';
import type { CustomQuestion } from '../../../shared/api/custom-questions';
import { customItemRows } from './custom-csv';
import type { Reference } from './reference';
import { type CsvValue as Value, toCsv } from '../../../shared/text/csv';

export { toCsv };

/**
 * CSV exports built in the browser from what the API returned. A hidden cell
 * stays hidden: its numbers are written empty and its status column says 非表示.
 */

/** The marker written beside a hidden cell. */
export const HIDDEN_MARKER = '非表示';
const NO_SURVEY = { ja: '調査なし', en: 'no survey' } as const;

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/**
 * The indicators export's header row: Japanese by default, for the staff who
 * open it in Excel; the English (snake_case) names when the console is in
 * English, and for scripts that read the file.
 */
export const INDICATORS_HEADER: Record<Lang, readonly string[]> = {
  ja: [
    '柱ID',
    '柱',
    '指標ID',
    '指標',
    '年度',
    '年度（表記）',
    '好意的回答率（%）',
    '回答者数',
    '前年度差（ポイント）',
    '有意な変化（1＝有意）',
    '目標値（%）',
    '状態',
    '比較した年度',
    '検定',
    'p値（補正前）',
    'q値（BH補正後）',
    '95%区間下限（%）',
    '95%区間上限（%）',
  ],
  en: [
    'pillar_id',
    'pillar',
    'construct_id',
    'construct',
    'fiscal_year',
    'fiscal_year_label',
    'favourable_pct',
    'n',
    'change_pt',
    'significant',
    'target_pct',
    'status',
    'compared_with',
    'test',
    'p_raw',
    'q_bh',
    'ci_lower_pct',
    'ci_upper_pct',
  ],
};

const TEST_NAME = {
  z: { ja: '2つの割合のz検定', en: 'two-proportion z' },
  welch: { ja: 'Welchのt検定', en: 'Welch t' },
} as const;
const PILLAR_SUMMARY = {
  ja: '柱の総合（各指標の好意的回答率の平均）',
  en: 'pillar summary (mean of favourable shares)',
};

export function indicatorsCsv(indicators: Indicators, ref: Reference, lang: Lang): string {
  const rows: Value[][] = [[...INDICATORS_HEADER[lang]]];
  const year = (fy: number) => (lang === 'ja' ? warekiLabel(fy) : fyLabel(fy));
  const p = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));
  for (const pillar of indicators.pillars) {
    for (const indicator of pillar.indicators) {
      for (const v of indicator.values) {
        const mean = v.mean ?? null;
        const hidden = v.campaignId !== null && v.favourable === null && mean === null;
        const scale = mean === null ? 100 : 1;
        rows.push([
          pillar.pillarId,
          ref.pillarName(pillar.pillarId, lang),
          indicator.constructId,
          ref.constructName(indicator.constructId, lang),
          v.fiscalYear,
          year(v.fiscalYear),
          hidden ? null : mean !== null ? mean : percent(v.favourable),
          hidden ? null : v.n,
          hidden || v.delta === null ? null : Math.round(v.delta * scale * 10) / 10,
          hidden || v.significant === null ? null : v.significant ? 1 : 0,
          percent(v.target),
          hidden ? HIDDEN_MARKER : v.campaignId === null ? NO_SURVEY[lang] : '',
          hidden || v.comparedWith === null ? null : v.comparedWith,
          hidden || v.test === null ? null : TEST_NAME[v.test][lang],
          hidden ? null : p(v.p),
          hidden ? null : p(v.q),
          null,
          null,
        ]);
      }
    }
    // The pillar summary (DESIGN §5): a hidden one has no numbers, as any hidden cell.
    for (const v of pillar.summary) {
      rows.push([
        pillar.pillarId,
        ref.pillarName(pillar.pillarId, lang),
        '',
        PILLAR_SUMMARY[lang],
        v.fiscalYear,
        year(v.fiscalYear),
        percent(v.value),
        v.n,
        null,
        null,
        null,
        v.suppressed ? HIDDEN_MARKER : v.campaignId === null ? NO_SURVEY[lang] : '',
        null,
        null,
        null,
        null,
        percent(v.ci?.[0]),
        percent(v.ci?.[1]),
      ]);
    }
  }
  return toCsv(rows);
}

/**
 * The results export's header row, as the indicators': Japanese by default, English (snake_case) when
 * the console is in English. The last column says why a hidden cell is hidden.
 */
export const RESULTS_HEADER: Record<Lang, readonly string[]> = {
  ja: [
    '集計区分',
    '集計単位コード',
    '集計単位',
    '柱ID',
    '指標ID',
    '指標',
    '回答者数',
    '好意的回答率（%）',
    '信頼区間下限（%）',
    '信頼区間上限（%）',
    '平均',
    'eNPS',
    '状態',
    '非表示の理由',
  ],
  en: [
    'group_type',
    'group_code',
    'group',
    'pillar_id',
    'construct_id',
    'construct',
    'n',
    'favourable_pct',
    'favourable_ci_low_pct',
    'favourable_ci_high_pct',
    'mean',
    'enps',
    'status',
    'hidden_reason',
  ],
};

/**
 * Why a hidden cell is hidden, in the heatmap legend's words (DESIGN §4): too few respondents, or hidden
 * so that a small group cannot be worked out by subtraction; a unit whose direct staff count with a
 * larger group says so. In English the API's codes, for scripts.
 */
export const HIDDEN_REASON_TEXT: Record<Lang, Record<HiddenReason | 'in_key_group', string>> = {
  ja: {
    few: '回答者が少ないため非表示',
    complementary: '差し引きで推測されるのを防ぐため非表示',
    in_key_group: '直属職員が少ないため上位の集計に含む',
  },
  en: { few: 'few', complementary: 'complementary', in_key_group: 'in_key_group' },
};

export function resultsCsv(
  results: CampaignResults,
  ref: Reference,
  lang: Lang,
  customQuestions: readonly CustomQuestion[] = [],
): string {
  const rows: Value[][] = [[...RESULTS_HEADER[lang]]];
  const push = (
    type: string,
    code: string,
    name: string,
    group: {
      suppressed: boolean;
      hiddenReason?: HiddenReason | undefined;
      reason?: 'in_key_group' | undefined;
    },
    cells: ConstructCell[],
  ) => {
    for (const c of cells) {
      const hidden = group.suppressed || c.suppressed;
      const why =
        group.suppressed && group.reason === 'in_key_group'
          ? 'in_key_group'
          : ((group.suppressed ? group.hiddenReason : c.hiddenReason) ?? 'few');
      rows.push([
        type,
        code,
        name,
        c.pillarId,
        c.constructId,
        ref.constructName(c.constructId, lang),
        hidden ? null : c.n,
        hidden ? null : percent(c.favourable),
        hidden ? null : percent(c.favourableCi?.[0]),
        hidden ? null : percent(c.favourableCi?.[1]),
        hidden || c.mean === null ? null : Math.round(c.mean * 100) / 100,
        hidden || c.enps === null || c.enps === undefined ? null : Math.round(c.enps * 100),
        hidden ? HIDDEN_MARKER : '',
        hidden ? HIDDEN_REASON_TEXT[lang][why] : '',
      ]);
    }
  };
  push(
    'overall',
    '',
    lang === 'ja' ? '全体' : 'All respondents',
    results.overall,
    results.overall.constructs,
  );
  // In the display order frozen at open, as the server lists them.
  for (const u of results.units) push('unit', u.unitCode, ref.unitName(u.unitCode, lang), u, u.constructs);
  for (const [type, groups] of Object.entries(results.breakdowns)) {
    for (const g of groups) {
      const label =
        type === 'entryRoute' ? entryRouteLabel(g.key)[lang] : ref.attributeValueLabel(type, g.key, lang);
      push(type, g.key, label, g, g.constructs);
    }
  }
  rows.push(
    ...customItemRows(results, customQuestions, lang, {
      marker: HIDDEN_MARKER,
      few: HIDDEN_REASON_TEXT[lang].few,
    }),
  );
  return toCsv(rows);
}
