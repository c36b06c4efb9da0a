import type { SurveyQuestion } from '../../shared/api/public';
import { validateAnswer } from '../../shared/instruments/answers';
import type { Answers } from './storage';

export interface Message {
  ja: string;
  en: string;
}

/**
 * The public survey does not say which choice of a `multi` question stands
 * alone; the bank's convention is the value `none` ("none of these"), which
 * the server rejects in combination (`exclusive_option`).
 */
export const isExclusive = (q: SurveyQuestion, value: string): boolean =>
  q.type === 'multi' &&
  (value === 'none' ||
    (q.options?.find((o) => o.value === value) as { exclusive?: boolean })?.exclusive === true);

/** The server's own rules (shared/instruments/answers), applied before moving on. */
export function checkQuestion(q: SurveyQuestion, raw: unknown): Message | undefined {
  const item =
    q.type === 'multi'
      ? { ...q, options: q.options?.map((o) => ({ ...o, exclusive: isExclusive(q, o.value) })) }
      : q;
  const result = validateAnswer(item, raw);
  return result.ok ? undefined : result.error.message;
}

/** Checks a list of questions; the errors by question id, in question order. */
export function checkQuestions(questions: readonly SurveyQuestion[], answers: Answers): Map<string, Message> {
  const errors = new Map<string, Message>();
  for (const q of questions) {
    const message = checkQuestion(q, answers[q.id]);
    if (message) errors.set(q.id, message);
  }
  return errors;
}
