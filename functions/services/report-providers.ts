import type { ActionStatus } from '../../shared/api/actions';
import { REPORT_TREND_YEARS, type ReportSection } from '../../shared/api/report';
import type { Localized } from '../../shared/i18n/localized';
import { ACTUAL_STATUS_LABELS } from '../../shared/plan/progress';
import { resolveInitiative } from '../../shared/plan/query';
import { STATUS_LABELS } from '../../shared/plan/schema';
import type { AppDeps } from '../deps';
import { harassmentIndicators } from './harassment';
import { actionsAndProgressFor } from './plan-progress';
import type { ReportSectionContext } from './report-sections';

/**
 * The report sections of the other parts of koe (functions/services/report-sections.ts):
 * harassment prevalence beside the national reference, the plan's progress, and the
 * action plans. Each takes its numbers from the service that already put them through
 * the disclosure engine (a hidden figure stays null); none adds a unit's figure of its own.
 */

const fy = (year: number): Localized => ({ ja: `${year}年度`, en: `FY${year}` });

/** Harassment experienced in the last 3 years, per kind and year, with the reference the city chose. */
export async function harassmentSection(
  deps: AppDeps,
  { fiscalYear }: ReportSectionContext,
): Promise<ReportSection | null> {
  const data = await harassmentIndicators(deps, fiscalYear - REPORT_TREND_YEARS + 1, fiscalYear);
  const asked = data.kinds.some((k) => k.windows['3y'].some((v) => v.n !== null || v.suppressed));
  if (!asked) return null;
  return {
    id: 'harassment',
    title: { ja: 'ハラスメントの経験（過去3年間）', en: 'Harassment experienced (last 3 years)' },
    note: {
      ja: `回答者（「答えたくない」を除く）のうち経験した人の割合。${data.sensitiveMinGroupSize ?? ''}人未満の集計は表示しません。比較: ${data.reference.title.ja}（${data.reference.publisher.ja}）`,
      en: `Share of respondents (not counting "rather not say") who experienced it. Figures on fewer than ${data.sensitiveMinGroupSize ?? ''} people are not shown. Compared with: ${data.reference.title.en} (${data.reference.publisher.en})`,
    },
    tables: [
      {
        caption: { ja: '種類別の経験率', en: 'Prevalence by kind' },
        columns: [
          { ja: '種類', en: 'Kind' },
          ...data.years.map(fy),
          { ja: '全国の参考値', en: 'National reference' },
        ],
        formats: ['text', ...data.years.map(() => 'percent' as const), 'percent'],
        rows: data.kinds.map((k) => [
          k.label.ja,
          ...data.years.map((y) => k.windows['3y'].find((v) => v.fiscalYear === y)?.share ?? null),
          k.referenceRate,
        ]),
      },
    ],
  };
}

const ACTION_STATUS: Readonly<Record<ActionStatus, Localized>> = {
  planned: { ja: '予定', en: 'Planned' },
  in_progress: { ja: '実施中', en: 'In progress' },
  done: { ja: '完了', en: 'Done' },
  dropped: { ja: '中止', en: 'Dropped' },
};

/** The approved actions carried out this year (on last year's results) and those planned on this year's. */
export async function actionsSection(
  deps: AppDeps,
  { fiscalYear }: ReportSectionContext,
): Promise<ReportSection | null> {
  const { carriedOut, planned } = await actionsAndProgressFor(deps, fiscalYear);
  if (carriedOut.length + planned.length === 0) return null;
  const units = new Map((await deps.store.directory.listUnits()).map((u) => [u.code, u.name.ja]));
  const table = (caption: Localized, actions: typeof carriedOut) => ({
    caption,
    columns: [
      { ja: '所属', en: 'Unit' },
      { ja: '取組', en: 'Action' },
      { ja: '期限', en: 'Due' },
      { ja: '状況', en: 'Status' },
    ],
    rows: actions.map((a) => [
      units.get(a.unitCode) ?? a.unitCode,
      a.title,
      a.dueDate,
      ACTION_STATUS[a.status].ja,
    ]),
  });
  return {
    id: 'actions',
    title: { ja: 'アクションプラン', en: 'Action plans' },
    note: {
      ja: '所属長が調査結果をもとに立て、人事課が承認した取組。',
      en: "Actions that unit managers drew up from the survey's results and HR approved.",
    },
    tables: [
      ...(carriedOut.length > 0
        ? [
            table(
              { ja: `${fiscalYear - 1}年度の結果への取組`, en: `On the FY${fiscalYear - 1} results` },
              carriedOut,
            ),
          ]
        : []),
      ...(planned.length > 0
        ? [table({ ja: `${fiscalYear}年度の結果への取組`, en: `On the FY${fiscalYear} results` }, planned)]
        : []),
    ],
  };
}

/** What HR recorded as actually done for each initiative, beside the plan, up to this year. */
export async function progressSection(
  deps: AppDeps,
  { fiscalYear }: ReportSectionContext,
): Promise<ReportSection | null> {
  const [{ progress }, plan] = await Promise.all([
    actionsAndProgressFor(deps, fiscalYear),
    deps.store.plan.getPlan(),
  ]);
  if (progress.length === 0 || !plan) return null;
  const rows = [...progress]
    .sort((a, b) => a.initiativeId.localeCompare(b.initiativeId) || a.fiscalYear - b.fiscalYear)
    .map((p) => {
      const initiative = resolveInitiative(plan, p.initiativeId);
      const planned = p.planned as keyof typeof STATUS_LABELS | undefined;
      return [
        `${p.initiativeId} ${initiative?.title.ja ?? ''}`.trim(),
        fy(p.fiscalYear).ja,
        planned && STATUS_LABELS[planned] ? STATUS_LABELS[planned].ja : '—',
        ACTUAL_STATUS_LABELS[p.status].ja,
        p.behind ? '遅れ' : '',
      ];
    });
  return {
    id: 'plan-progress',
    title: { ja: '計画の進捗', en: "The plan's progress" },
    tables: [
      {
        caption: { ja: '取組ごとの計画と実績', en: 'Planned and actual, per initiative' },
        columns: [
          { ja: '取組', en: 'Initiative' },
          { ja: '年度', en: 'Year' },
          { ja: '計画', en: 'Planned' },
          { ja: '実績', en: 'Actual' },
          { ja: '遅れ', en: 'Behind' },
        ],
        rows,
      },
    ],
  };
}
