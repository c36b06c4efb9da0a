import type { SurveyQuestion } from '../../shared/api/public';
import type { Lang } from '../common/lang';

/** The closing time as people read it, in Japan time: 2026年6月30日(火) 23:59 / Tue, 30 June 2026, 23:59 JST. */
export function closingDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return lang === 'ja' ? text : `${text} JST`;
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
