import * as z from 'zod';
import { ConstructId, InitiativeRef, ItemId } from '../instruments/schema';

/**
 * Custom questions (DESIGN §5): items HR adds to one draft campaign, beside the template's.
 * Asked in their own section, tied to a construct or a plan initiative, frozen with the template
 * at open, and reported overall through the disclosure engine like the built-in descriptive items.
 * They never enter a construct's score, so an indicator keeps meaning the same across years.
 */

export const CUSTOM_QUESTION_TYPES = ['likert5', 'single', 'multi', 'number', 'text'] as const;
export const CustomQuestionType = z.enum(CUSTOM_QUESTION_TYPES);
export type CustomQuestionType = z.infer<typeof CustomQuestionType>;

/** At most this many custom questions per campaign: the survey stays short. */
export const CUSTOM_QUESTION_LIMIT = 10;
/** Bounds of a `number` question's range. */
export const CUSTOM_NUMBER_LIMIT = 1_000_000;
/** Longest answer a custom `text` question takes. */
export const CUSTOM_TEXT_MAX_LENGTH = 2_000;

const JA_REQUIRED = '日本語の文言を入力してください (Japanese wording is required)';
const EN_REQUIRED = '英語の文言を入力してください (English wording is required)';
/** Wording staff read: Japanese first, with English, both required. */
const Wording = (max: number) =>
  z.strictObject({
    ja: z.string({ error: JA_REQUIRED }).trim().min(1, { error: JA_REQUIRED }).max(max),
    en: z.string({ error: EN_REQUIRED }).trim().min(1, { error: EN_REQUIRED }).max(max),
  });

const ChoiceInput = z.strictObject({ label: Wording(100) });

/** What HR sends to add a question. Exactly one of `constructId` and `initiativeId`. */
export const CustomQuestionInput = z
  .strictObject({
    type: CustomQuestionType,
    text: Wording(300),
    required: z.boolean().optional(),
    sensitive: z.boolean().optional(),
    options: z.array(ChoiceInput).max(12).optional(),
    min: z.number().int().min(-CUSTOM_NUMBER_LIMIT).max(CUSTOM_NUMBER_LIMIT).optional(),
    max: z.number().int().min(-CUSTOM_NUMBER_LIMIT).max(CUSTOM_NUMBER_LIMIT).optional(),
    constructId: ConstructId.optional(),
    initiativeId: InitiativeRef.optional(),
  })
  .superRefine((q, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if ((q.constructId === undefined) === (q.initiativeId === undefined)) {
      problem(
        'constructId',
        '構成概念か計画の施策のどちらか一方に結び付けてください (tie the question to exactly one of a construct or a plan initiative)',
      );
    }
    if (q.sensitive === true && q.required === true) {
      problem(
        'required',
        '配慮を要する設問は必須にできません (a sensitive question cannot be required: anyone may leave it blank)',
      );
    }
    const choice = q.type === 'single' || q.type === 'multi';
    if (choice && (q.options?.length ?? 0) < 2) {
      problem('options', '選択肢を2つ以上入力してください (a choice question needs at least two options)');
    }
    if (!choice && q.options !== undefined) {
      problem('options', `選択肢は選択式の設問だけに指定できます (options are not allowed on ${q.type})`);
    }
    if (q.type === 'number') {
      if (q.min === undefined || q.max === undefined) {
        problem('min', '数値の設問には最小値と最大値が必要です (a number question needs min and max)');
      } else if (q.min > q.max) {
        problem('max', '最大値は最小値以上にしてください (max must be at least min)');
      }
    } else if (q.min !== undefined || q.max !== undefined) {
      problem(
        'min',
        `最小値・最大値は数値の設問だけに指定できます (min/max are only for number, not ${q.type})`,
      );
    }
  });
export type CustomQuestionInput = z.infer<typeof CustomQuestionInput>;

/** A custom question as stored with its campaign and listed to the console. */
export const CustomQuestion = z.strictObject({
  /** `custom.q<n>`: an item id of the campaign's survey. */
  id: ItemId,
  type: CustomQuestionType,
  text: z.strictObject({ ja: z.string(), en: z.string() }),
  required: z.boolean(),
  sensitive: z.boolean(),
  options: z
    .array(z.strictObject({ value: z.string(), label: z.strictObject({ ja: z.string(), en: z.string() }) }))
    .optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  constructId: z.string().optional(),
  initiativeId: z.string().optional(),
});
export type CustomQuestion = z.infer<typeof CustomQuestion>;

export const CustomQuestionList = z.strictObject({
  /** Whether questions can still change: only while the campaign is a draft (frozen at open). */
  editable: z.boolean(),
  questions: z.array(CustomQuestion),
});
export type CustomQuestionList = z.infer<typeof CustomQuestionList>;
