import type { Localized } from '../i18n/localized';
import {
  LIKERT5_MAX,
  LIKERT5_MIN,
  NOT_APPLICABLE,
  NPS_MAX,
  NPS_MIN,
  TEXT_MAX_LENGTH_DEFAULT,
} from './scales';
import type { AnswerValue, Answers, Item, Template } from './schema';

/**
 * Answer validation — the single source of truth used by the server (before
 * storing) and the browser (before submitting, and per field while answering).
 *
 * Accepted shapes: `likert5`, `nps`, `number` → a JSON number (a `likert5` item
 * that offers 「該当しない」 also takes the string `'na'`, which answers it and is
 * scored as missing); `single` → an
 * option value; `multi` → an array of option values; `text` → a string.
 * `null`, `undefined`, `''`, blank text and `[]` mean "not answered".
 * Cleaning: text is NFC-normalised, line endings become `\n`, other control
 * characters are dropped and the ends trimmed; length counts code points;
 * multi choices are put in option order.
 *
 * This module imports no zod (only types from the schema), so the respondent
 * page can use it without carrying zod in its bundle.
 */

/** What validating an answer needs from an item: a full {@link Item} or the public survey's question. */
export type AnswerableItem = Pick<
  Item,
  'id' | 'type' | 'required' | 'options' | 'min' | 'max' | 'maxLength' | 'notApplicable'
>;

export const ANSWER_ERROR_CODES = [
  'invalid_type',
  'not_integer',
  'out_of_range',
  'unknown_option',
  'duplicate_option',
  'exclusive_option',
  'too_long',
  'required',
  'unknown_question',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export interface AnswerError {
  /** The item id; `''` when the answers themselves are not an object. */
  questionId: string;
  code: AnswerErrorCode;
  message: Localized;
}

export type AnswerValidation = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };
export type SingleAnswerValidation =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; error: AnswerError };

const message = {
  invalid_type: (): Localized => ({
    ja: '回答の形式が正しくありません。',
    en: 'The answer is not in the expected format.',
  }),
  not_integer: (): Localized => ({ ja: '整数で入力してください。', en: 'Enter a whole number.' }),
  out_of_range: (min: number, max: number): Localized => ({
    ja: `${min}〜${max}の範囲で回答してください。`,
    en: `Answer with a value from ${min} to ${max}.`,
  }),
  unknown_option: (): Localized => ({
    ja: '選択肢にない回答です。',
    en: 'This is not one of the choices.',
  }),
  duplicate_option: (): Localized => ({
    ja: '同じ選択肢が重複して選ばれています。',
    en: 'The same choice was selected more than once.',
  }),
  exclusive_option: (label: Localized): Localized => ({
    ja: `「${label.ja}」は、ほかの選択肢と同時には選べません。`,
    en: `“${label.en}” cannot be combined with other choices.`,
  }),
  too_long: (max: number, length: number): Localized => ({
    ja: `${max}文字以内で入力してください（現在${length}文字）。`,
    en: `Enter no more than ${max} characters (currently ${length}).`,
  }),
  required: (): Localized => ({
    ja: 'この質問は回答が必要です。',
    en: 'This question requires an answer.',
  }),
  unknown_question: (): Localized => ({
    ja: 'この調査にない質問への回答です。',
    en: 'This question is not part of the survey.',
  }),
} as const;

function fail<C extends AnswerErrorCode>(
  questionId: string,
  code: C,
  ...args: Parameters<(typeof message)[C]>
): { ok: false; error: AnswerError } {
  const make = message[code] as (...a: typeof args) => Localized;
  return { ok: false, error: { questionId, code, message: make(...args) } };
}

const CONTROL_EXCEPT_NEWLINE_AND_TAB = /[^\P{Cc}\n\t]/gu;

/** Normalises free text as stored: NFC, `\n` line endings, no other control characters, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_NEWLINE_AND_TAB, '').trim();
}

function isBlank(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

function checkInteger(item: AnswerableItem, raw: unknown, min: number, max: number): SingleAnswerValidation {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(item.id, 'invalid_type');
  if (!Number.isInteger(raw)) return fail(item.id, 'not_integer');
  if (raw < min || raw > max) return fail(item.id, 'out_of_range', min, max);
  return { ok: true, value: raw };
}

/** Validates and cleans the answer to one item; `value: undefined` means not answered. */
export function validateAnswer(item: AnswerableItem, raw: unknown): SingleAnswerValidation {
  if (isBlank(raw)) return item.required ? fail(item.id, 'required') : { ok: true, value: undefined };
  switch (item.type) {
    case 'likert5':
      if (raw === NOT_APPLICABLE && item.notApplicable) return { ok: true, value: NOT_APPLICABLE };
      return checkInteger(item, raw, LIKERT5_MIN, LIKERT5_MAX);
    case 'nps':
      return checkInteger(item, raw, NPS_MIN, NPS_MAX);
    case 'number':
      return checkInteger(
        item,
        raw,
        item.min ?? Number.MIN_SAFE_INTEGER,
        item.max ?? Number.MAX_SAFE_INTEGER,
      );
    case 'single': {
      if (typeof raw !== 'string') return fail(item.id, 'invalid_type');
      if (!(item.options ?? []).some((o) => o.value === raw)) return fail(item.id, 'unknown_option');
      return { ok: true, value: raw };
    }
    case 'multi': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return fail(item.id, 'invalid_type');
      const chosen = raw as string[];
      const options = item.options ?? [];
      if (chosen.some((v) => !options.some((o) => o.value === v))) return fail(item.id, 'unknown_option');
      if (new Set(chosen).size !== chosen.length) return fail(item.id, 'duplicate_option');
      const exclusive = options.find((o) => o.exclusive && chosen.includes(o.value));
      if (exclusive && chosen.length > 1) return fail(item.id, 'exclusive_option', exclusive.label);
      return { ok: true, value: options.filter((o) => chosen.includes(o.value)).map((o) => o.value) };
    }
    case 'text': {
      if (typeof raw !== 'string') return fail(item.id, 'invalid_type');
      const text = cleanText(raw);
      const max = item.maxLength ?? TEXT_MAX_LENGTH_DEFAULT;
      const length = [...text].length;
      if (length > max) return fail(item.id, 'too_long', max, length);
      return { ok: true, value: text };
    }
  }
}

function itemsOf(source: Template | readonly Item[]): readonly Item[] {
  if (Array.isArray(source)) return source as readonly Item[];
  const template = source as Template;
  const byId = new Map<string, Item>();
  for (const c of template.constructs) for (const item of c.items) byId.set(item.id, item);
  for (const item of template.standaloneItems) byId.set(item.id, item);
  return template.sections.flatMap((s) => s.items.flatMap((id) => byId.get(id) ?? []));
}

/**
 * Validates a whole answer set against a template (or a list of items).
 * Returns the cleaned answers, or one error per faulty question — in
 * question order, then unknown question ids.
 */
export function validateAnswers(source: Template | readonly Item[], answers: unknown): AnswerValidation {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { ok: false, errors: [fail('', 'invalid_type').error] };
  }
  const input = answers as Record<string, unknown>;
  const items = itemsOf(source);
  const known = new Set(items.map((i) => i.id));
  const cleaned: Answers = {};
  const errors: AnswerError[] = [];
  for (const item of items) {
    const raw = Object.hasOwn(input, item.id) ? input[item.id] : undefined;
    const result = validateAnswer(item, raw);
    if (!result.ok) errors.push(result.error);
    else if (result.value !== undefined) cleaned[item.id] = result.value;
  }
  for (const id of Object.keys(input)) {
    if (!known.has(id)) errors.push(fail(id, 'unknown_question').error);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: cleaned };
}
