import type { ActionStatus } from '../../shared/api/actions';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import type { Lang } from '../common/lang';

/** The staff page of action plans (#actions): its words, in plain Japanese and English. */
const ja = {
  title: '職場のアクションプラン',
  lead: '職員意識調査の結果を受けて、各職場が取り組んでいることです。人事課が承認したものを載せています。調査の数値は載せていません。',
  year: '対象の調査',
  yearOption: (fy: number) => `${fiscalYearLabel(fy, 'ja')}の調査結果から`,
  count: (n: number) => `${n}件のアクション`,
  none: 'この年度の承認済みのアクションはまだありません。',
  owner: '担当',
  due: '期限',
  construct: '関係する調査項目',
  initiative: 'プランの取組',
  notes: '進み具合',
  noNotes: 'まだ記録はありません。',
  toBoard: '職員提案・意見箱の掲示板へ',
  statuses: {
    planned: '予定',
    in_progress: '取組中',
    done: '完了',
    dropped: '中止',
  } satisfies Record<ActionStatus, string>,
};

const en: typeof ja = {
  title: 'Workplace action plans',
  lead: 'What each workplace is doing about the staff survey’s results, once HR has approved it. No survey figures are shown here.',
  year: 'Survey',
  yearOption: (fy: number) => `From the ${fiscalYearLabel(fy, 'en')} survey results`,
  count: (n: number) => (n === 1 ? '1 action' : `${n} actions`),
  none: 'No approved actions for this year yet.',
  owner: 'Owner',
  due: 'Due',
  construct: 'Survey topic',
  initiative: 'Plan initiative',
  notes: 'Progress',
  noNotes: 'Nothing recorded yet.',
  toBoard: 'To the staff feedback board',
  statuses: { planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' },
};

export const actionStrings = (lang: Lang) => (lang === 'en' ? en : ja);
