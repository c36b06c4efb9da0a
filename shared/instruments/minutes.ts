import type { QuestionType } from './schema';

/**
 * The one estimate of how long a survey takes, from its questions: the intro
 * page and the console both use it, so no page says a fixed number of minutes.
 * Browser-safe and free of zod.
 */

/** Seconds a question takes to read and answer, by type; free text gets a minute. */
const SECONDS: Record<QuestionType, number> = {
  likert5: 10,
  nps: 10,
  single: 12,
  multi: 15,
  number: 15,
  text: 60,
};

/** Whole minutes for the questions and the optional "about you" page (30 s). */
export function minutesFor(questions: readonly { type: QuestionType }[]): number {
  const seconds = questions.reduce((sum, q) => sum + SECONDS[q.type], 30);
  return Math.max(1, Math.ceil(seconds / 60));
}
