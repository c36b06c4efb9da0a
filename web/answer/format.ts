import type { SurveyQuestion } from '../../shared/api/public';
import { deadlineLabel } from '../../shared/time/deadline';
import type { Lang } from '../common/lang';

/** The closing time as people read it, in Japan time (shared/time/deadline.ts): 10月31日（金）23:59まで / until Fri 31 Oct, 23:59. */
export function closingDate(iso: string, lang: Lang): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  return deadlineLabel(iso, lang);
}

/** Seconds a question takes to read and answer, by type; free text gets a minute. */
const SECONDS: Record<SurveyQuestion['type'], number> = {
  likert5: 10,
  nps: 10,
  single: 12,
  multi: 15,
  number: 15,
  text: 60,
};

/** Whole minutes for the questions and the optional "about you" page. */
export function minutesFor(questions: readonly SurveyQuestion[]): number {
  const seconds = questions.reduce((sum, q) => sum + SECONDS[q.type], 30);
  return Math.max(1, Math.ceil(seconds / 60));
}
