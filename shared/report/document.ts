import type { AnnualReport, ReportTable } from '../api/report';
import type { IndicatorValue } from '../api/results';
import type { Localized } from '../i18n/localized';
import { fiscalYearLabel, warekiShort } from '../time/fiscal-year';

/**
 * The annual report laid out once as headings, notes and tables
 * (docs/DESIGN.md §5), so that the console page, the PDF and the Excel
 * workbook show the same figures in the same order. A table cell keeps its
 * number beside its text: the workbook writes the number (a share as a
 * fraction formatted as a percentage), the PDF and the page the text. A
 * hidden or empty figure has no number and reads "—".
 */

export type CellFormat = 'text' | 'percent' | 'points' | 'number';

export interface Cell {
  text: string;
  /** The English of a name (a unit, an indicator) where it has one; the PDF and the workbook print `text`. */
  en?: string;
  /** The number behind the text; null for a hidden or empty figure, absent for text. */
  value?: number | null;
  format: CellFormat;
}

export interface Table {
  /** A short id: the workbook's sheet is named from it. */
  id: string;
  caption: Localized;
  columns: Localized[];
  rows: Cell[][];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: Localized }
  | { kind: 'note'; text: Localized }
  | { kind: 'table'; table: Table };

/** A hidden or empty figure. */
export const DASH = '—';

export function percentText(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? DASH : `${(v * 100).toFixed(digits)}%`;
}

/** A change of a share, in percentage points, signed. */
export function pointsText(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  const p = v * 100;
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(1)}pt`;
}

const text = (t: string): Cell => ({ text: t, format: 'text' });
const name = (l: Localized): Cell => ({ text: l.ja, en: l.en, format: 'text' });
const percent = (v: number | null | undefined): Cell => ({
  text: percentText(v),
  value: v ?? null,
  format: 'percent',
});
const count = (v: number | null | undefined): Cell => ({
  text: v === null || v === undefined ? DASH : v.toLocaleString('ja-JP'),
  value: v ?? null,
  format: 'number',
});

/** A year's figure of an indicator: its share, or its mean for a mean-type indicator. */
function figure(v: IndicatorValue | undefined): Cell {
  if (!v) return percent(null);
  if (v.favourable === null && v.mean !== null && v.mean !== undefined)
    return { text: v.mean.toFixed(2), value: v.mean, format: 'number' };
  return percent(v.favourable);
}

function change(v: IndicatorValue | undefined): Cell {
  if (!v || v.delta === null) return { text: DASH, value: null, format: 'points' };
  const mean = v.favourable === null && v.mean !== null && v.mean !== undefined;
  const shown = mean ? `${v.delta > 0 ? '+' : ''}${v.delta.toFixed(2)}` : pointsText(v.delta);
  return {
    text: `${shown}${v.significant ? ' *' : ''}`,
    value: v.delta,
    format: mean ? 'number' : 'points',
  };
}

const yearColumn = (fy: number): Localized => ({ ja: `${warekiShort(fy)}年度`, en: `FY${fy}` });

/** The report as blocks, Japanese first with English. */
export function reportBlocks(report: AnnualReport): Block[] {
  const fy = report.fiscalYear;
  const years = report.years;
  const k = report.campaign.minGroupSize;
  const blocks: Block[] = [];
  const city = report.plan?.city;
  blocks.push({
    kind: 'heading',
    level: 1,
    text: {
      ja: `${city ? `${city.ja} ` : ''}職員意識調査 年次報告書 ${fiscalYearLabel(fy, 'ja')}`,
      en: `${city ? `${city.en} ` : ''}Staff survey annual report, ${fiscalYearLabel(fy, 'en')}`,
    },
  });
  if (report.plan)
    blocks.push({
      kind: 'note',
      text: {
        ja: `${report.plan.title.ja}の柱ごとに、各指標の推移・前年度差・目標と回答率をまとめています。`,
        en: `Each pillar of ${report.plan.title.en}: every indicator's trend, change and target, and the response rates.`,
      },
    });
  blocks.push({
    kind: 'note',
    text: {
      ja: `「${DASH}」は非表示または値なし：回答者が ${k} 人未満の数値と、差し引きで推測されるのを防ぐための数値は表示していません。「*」は前年度差が統計的に有意（Benjamini–Hochberg 法で補正、偽発見率 ${Math.round(report.fdr * 100)}%）。`,
      en: `"${DASH}" is hidden or empty: figures of fewer than ${k} respondents, and those that would let one be worked out by subtraction, are not shown. "*" marks a significant change (Benjamini–Hochberg, false discovery rate ${Math.round(report.fdr * 100)}%).`,
    },
  });

  // Response rates.
  const rates = report.participation;
  blocks.push({ kind: 'heading', level: 2, text: { ja: '回答率', en: 'Response rates' } });
  blocks.push({
    kind: 'table',
    table: {
      id: 'response-rates',
      caption: {
        ja: `回答率（${fiscalYearLabel(fy, 'ja')}）`,
        en: `Response rates (${fiscalYearLabel(fy, 'en')})`,
      },
      columns: [
        { ja: '部局', en: 'Department' },
        { ja: '対象者数', en: 'Invited' },
        { ja: '回答数', en: 'Responses' },
        { ja: '回答率', en: 'Response rate' },
      ],
      rows: [
        [
          { text: '全体', en: 'All', format: 'text' },
          count(rates.overall.invited),
          count(rates.overall.responses),
          percent(rates.overall.rate),
        ],
        ...rates.departments.map((d) => [
          name(d.name),
          count(d.invited),
          count(d.responses),
          percent(d.rate),
        ]),
      ],
    },
  });

  // Pillar summaries.
  blocks.push({ kind: 'heading', level: 2, text: { ja: '柱ごとの総合', en: 'Pillar summaries' } });
  blocks.push({
    kind: 'table',
    table: {
      id: 'pillars',
      caption: {
        ja: '柱の総合（各指標の好意的回答率の平均）と95%区間',
        en: 'Pillar summary (mean of its indicators’ favourable shares) with 95% interval',
      },
      columns: [
        { ja: '柱', en: 'Pillar' },
        ...years.map(yearColumn),
        { ja: '95%区間', en: '95% interval' },
        { ja: '回答者数', en: 'Respondents' },
      ],
      rows: report.pillars.map((p) => {
        const now = p.summary.find((s) => s.fiscalYear === fy);
        return [
          name(p.name),
          ...years.map((y) => percent(p.summary.find((s) => s.fiscalYear === y)?.value)),
          text(now?.ci ? `${(now.ci[0] * 100).toFixed(1)}–${percentText(now.ci[1])}` : DASH),
          count(now?.n),
        ];
      }),
    },
  });

  // Each pillar's indicators.
  for (const p of report.pillars) {
    if (p.indicators.length === 0) continue;
    blocks.push({
      kind: 'heading',
      level: 2,
      text: { ja: `${p.name.ja}の指標`, en: `Indicators: ${p.name.en}` },
    });
    blocks.push({
      kind: 'table',
      table: {
        id: `pillar-${p.pillarId}`,
        caption: {
          ja: `${p.name.ja}：好意的回答率の推移、前年度差と目標`,
          en: `${p.name.en}: favourable share by year, change and target`,
        },
        columns: [
          { ja: '指標', en: 'Indicator' },
          ...years.map(yearColumn),
          { ja: '前年度差', en: 'Change' },
          { ja: '目標', en: 'Target' },
          { ja: '回答者数', en: 'Respondents' },
        ],
        rows: p.indicators.map((i) => {
          const now = i.values.find((v) => v.fiscalYear === fy);
          return [
            name(i.name),
            ...years.map((y) => figure(i.values.find((v) => v.fiscalYear === y))),
            change(now),
            percent(now?.target),
            count(now?.n),
          ];
        }),
      },
    });
  }

  // Sections other parts of koe contribute.
  for (const s of report.sections) {
    blocks.push({ kind: 'heading', level: 2, text: s.title });
    if (s.note) blocks.push({ kind: 'note', text: s.note });
    for (const [i, t] of s.tables.entries())
      blocks.push({ kind: 'table', table: sectionTable(`${s.id}-${i + 1}`, t) });
  }
  return blocks;
}

function sectionTable(id: string, t: ReportTable): Table {
  return {
    id,
    caption: t.caption,
    columns: t.columns,
    rows: t.rows.map((row) =>
      row.map((v, c): Cell => {
        const format = t.formats?.[c] ?? (typeof v === 'number' ? 'number' : 'text');
        if (typeof v === 'string') return text(v);
        if (format === 'percent') return percent(v);
        if (format === 'number') return count(v);
        return text(v === null ? DASH : String(v));
      }),
    ),
  };
}
