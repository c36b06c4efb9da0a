import * as z from 'zod';
import { Localized } from '../i18n/localized';
import { PillarId, PriorityId } from '../plan/ids';

/**
 * The instrument model: items (questions), constructs (what a group of items
 * measures, tied to a plan pillar) and templates (the questionnaire a campaign
 * uses). A template is self-contained: it carries the full definitions of the
 * constructs and items it asks, so a campaign's questionnaire never changes
 * when the bank is edited for a later year.
 */

export const QUESTION_TYPES = ['likert5', 'nps', 'single', 'multi', 'number', 'text'] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

// Kept beside the scales (no zod) so the browser can validate answers without zod.
export { NOT_APPLICABLE, TEXT_MAX_LENGTH_DEFAULT } from './scales';
/** Upper bound for any `text` item's `maxLength`. */
export const TEXT_MAX_LENGTH_LIMIT = 10_000;

/** Stable item id: `prefix.name`, e.g. `psy.raise_problems`, `comments.free`. */
export const ItemId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/, 'item id must look like prefix.name');
/** Stable construct id, snake_case, e.g. `psychological_safety`. Never changes across years. */
export const ConstructId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'construct id must be snake_case');
/** Short ascii code stored as a choice's value, e.g. `none`, `lt10`, `45to80`. */
export const OptionValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]{0,31}$/, 'option value must be a short ascii code');
/** A reference to a plan initiative: pillar prefix and two-digit row number, e.g. `cul-12`. */
export const InitiativeRef = z
  .string()
  .regex(/^(?:per|trn|cul|env)-\d{2}$/, 'initiative id must look like cul-12');

/** One choice of a `single` or `multi` item. */
export const ItemOption = z.strictObject({
  value: OptionValue,
  label: Localized,
  /** `multi` only: a choice that cannot be combined with others (e.g. "none of these"). */
  exclusive: z.boolean().optional(),
});
export type ItemOption = z.infer<typeof ItemOption>;

/**
 * One question. Type-specific fields are optional in the shape and checked
 * for consistency below:
 * - `reverse` only on `likert5` (reverse-keyed: scored as 6 − x);
 * - `notApplicable` only on `likert5`: a 「該当しない」 choice, stored as {@link NOT_APPLICABLE}
 *   and scored as missing (for a question that does not apply to everyone);
 * - `scored` only on `likert5`: scored items enter the construct's favourable % and mean;
 *   an `nps` item feeds the eNPS of a construct whose indicator is `enps`;
 * - `options` (≥ 2, unique values) exactly on `single` and `multi`, `exclusive` only on `multi`;
 * - `min` and `max` (integers, min ≤ max) exactly on `number`;
 * - `maxLength` only on `text` (default {@link TEXT_MAX_LENGTH_DEFAULT}).
 * `sensitive` items (harassment module, free comments) are reported only for
 * groups of at least k_sensitive respondents.
 */
export const Item = z
  .strictObject({
    id: ItemId,
    type: QuestionType,
    text: Localized,
    required: z.boolean(),
    reverse: z.boolean().optional(),
    notApplicable: z.boolean().optional(),
    options: z.array(ItemOption).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    maxLength: z.number().int().positive().max(TEXT_MAX_LENGTH_LIMIT).optional(),
    sensitive: z.boolean().optional(),
    scored: z.boolean(),
  })
  .superRefine((item, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (item.reverse !== undefined && item.type !== 'likert5')
      problem('reverse', 'reverse is only for likert5');
    if (item.scored && item.type !== 'likert5') problem('scored', 'only likert5 items can be scored');
    if (item.notApplicable !== undefined && item.type !== 'likert5')
      problem('notApplicable', 'notApplicable is only for likert5');
    const choice = item.type === 'single' || item.type === 'multi';
    if (choice) {
      const options = item.options ?? [];
      if (options.length < 2) problem('options', `${item.type} needs at least two options`);
      const values = options.map((o) => o.value);
      if (new Set(values).size !== values.length) problem('options', 'option values must be unique');
      if (item.type === 'single' && options.some((o) => o.exclusive !== undefined)) {
        problem('options', 'exclusive is only for multi');
      }
    } else if (item.options !== undefined) {
      problem('options', `options are not allowed on ${item.type}`);
    }
    if (item.type === 'number') {
      if (item.min === undefined || item.max === undefined) problem('min', 'number needs min and max');
      else if (item.min > item.max) problem('max', 'max must be ≥ min');
    } else if (item.min !== undefined || item.max !== undefined) {
      problem('min', `min/max are not allowed on ${item.type}`);
    }
    if (item.maxLength !== undefined && item.type !== 'text')
      problem('maxLength', 'maxLength is only for text');
  });
export type Item = z.infer<typeof Item>;

/** How a construct's headline value is computed. */
export const INDICATOR_KINDS = ['favourable', 'enps'] as const;
export const IndicatorKind = z.enum(INDICATOR_KINDS);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

function uniqueStrings<T extends z.ZodType<string>>(element: T) {
  return z.array(element).refine((xs) => new Set(xs).size === xs.length, 'values must be unique');
}

/**
 * What a group of items measures. The id is stable across years, so pillar ×
 * year tables line up even when item wording changes.
 * - `indicator: 'favourable'` — share of 4–5 answers over the scored likert items (needs ≥ 1);
 * - `indicator: 'enps'` — eNPS (% 9–10 − % 0–6) of the construct's single `nps` item;
 *   its scored likert items still give a favourable % and mean as secondary figures.
 * A `sensitive` construct has only sensitive items.
 */
export const Construct = z
  .strictObject({
    id: ConstructId,
    pillarId: PillarId,
    name: Localized,
    description: Localized,
    priorities: uniqueStrings(PriorityId).min(1),
    initiatives: uniqueStrings(InitiativeRef),
    sensitive: z.boolean().optional(),
    items: z.array(Item).min(1),
    indicator: IndicatorKind,
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const ids = c.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) problem('items', 'item ids must be unique');
    const scoredLikert = c.items.filter((i) => i.type === 'likert5' && i.scored).length;
    const nps = c.items.filter((i) => i.type === 'nps').length;
    if (c.indicator === 'favourable' && scoredLikert === 0) {
      problem('indicator', 'a favourable indicator needs at least one scored likert5 item');
    }
    if (c.indicator === 'enps' && nps !== 1)
      problem('indicator', 'an enps indicator needs exactly one nps item');
    if (c.sensitive && c.items.some((i) => !i.sensitive)) {
      problem('items', 'every item of a sensitive construct must be sensitive');
    }
  });
export type Construct = z.infer<typeof Construct>;

/** The optional self-reported attributes. "Prefer not to say" is stored as absence. */
export const ATTRIBUTE_IDS = ['jobLevel', 'ageBand', 'employmentType'] as const;
export const AttributeId = z.enum(ATTRIBUTE_IDS);
export type AttributeId = z.infer<typeof AttributeId>;

export const AttributeOption = z.strictObject({ value: OptionValue, label: Localized });
export type AttributeOption = z.infer<typeof AttributeOption>;

export const AttributeDefinition = z.strictObject({
  id: AttributeId,
  label: Localized,
  options: z
    .array(AttributeOption)
    .min(2)
    .refine((os) => new Set(os.map((o) => o.value)).size === os.length, 'option values must be unique'),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinition>;

/** Self-reported attributes of one response; a missing key means "prefer not to say". */
export const Attributes = z.partialRecord(AttributeId, OptionValue);
export type Attributes = z.infer<typeof Attributes>;

export const SectionId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'section id must be snake_case');

/** A page of the questionnaire: item ids in the order they are asked. */
export const TemplateSection = z.strictObject({
  id: SectionId,
  title: Localized,
  /** Shown above the questions (e.g. what "workplace" means, or the sensitive-module notice). */
  description: Localized.optional(),
  /** True when the section holds sensitive items; the respondent page introduces it as such. */
  sensitive: z.boolean().optional(),
  /** The constructs whose items this section asks. */
  constructIds: z.array(ConstructId).optional(),
  items: z.array(ItemId).min(1),
});
export type TemplateSection = z.infer<typeof TemplateSection>;

export const TemplateId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'template id must be kebab-case');

/**
 * A questionnaire. Every item defined in `constructs` or `standaloneItems`
 * (items outside any construct, such as the free comment) is asked in exactly
 * one section.
 */
export const Template = z
  .strictObject({
    id: TemplateId,
    title: Localized,
    description: Localized,
    constructs: z.array(Construct),
    standaloneItems: z.array(Item),
    sections: z.array(TemplateSection).min(1),
    attributes: z.array(AttributeDefinition),
  })
  .superRefine((t, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const constructIds = new Set<string>();
    t.constructs.forEach((c, i) => {
      if (constructIds.has(c.id)) problem(['constructs', i, 'id'], `duplicate construct id ${c.id}`);
      constructIds.add(c.id);
    });
    const ownerOf = new Map<string, string | null>();
    const items = new Map<string, Item>();
    const define = (item: Item, owner: string | null, path: (string | number)[]) => {
      if (items.has(item.id)) problem(path, `duplicate item id ${item.id}`);
      items.set(item.id, item);
      ownerOf.set(item.id, owner);
    };
    t.constructs.forEach((c, i) => {
      c.items.forEach((item, j) => {
        define(item, c.id, ['constructs', i, 'items', j, 'id']);
      });
    });
    t.standaloneItems.forEach((item, j) => {
      define(item, null, ['standaloneItems', j, 'id']);
    });

    const sectionIds = new Set<string>();
    const asked = new Set<string>();
    const listedConstructs = new Set<string>();
    t.sections.forEach((s, i) => {
      if (sectionIds.has(s.id)) problem(['sections', i, 'id'], `duplicate section id ${s.id}`);
      sectionIds.add(s.id);
      for (const [k, cid] of (s.constructIds ?? []).entries()) {
        if (!constructIds.has(cid)) problem(['sections', i, 'constructIds', k], `unknown construct ${cid}`);
        if (listedConstructs.has(cid))
          problem(['sections', i, 'constructIds', k], `construct ${cid} listed twice`);
        listedConstructs.add(cid);
      }
      let sensitive = false;
      s.items.forEach((id, k) => {
        const item = items.get(id);
        if (!item) {
          problem(['sections', i, 'items', k], `unknown item ${id}`);
          return;
        }
        if (asked.has(id)) problem(['sections', i, 'items', k], `item ${id} asked twice`);
        asked.add(id);
        const owner = ownerOf.get(id);
        if (s.constructIds && owner && !s.constructIds.includes(owner)) {
          problem(['sections', i, 'items', k], `item ${id} belongs to ${owner}, not listed in this section`);
        }
        if (item.sensitive) sensitive = true;
      });
      if (sensitive && !s.sensitive)
        problem(['sections', i, 'sensitive'], 'a section with sensitive items must be marked sensitive');
    });
    for (const id of items.keys()) {
      if (!asked.has(id)) problem(['sections'], `item ${id} is defined but not asked in any section`);
    }
    const attributeIds = t.attributes.map((a) => a.id);
    if (new Set(attributeIds).size !== attributeIds.length) problem(['attributes'], 'duplicate attribute id');
  });
export type Template = z.infer<typeof Template>;

/**
 * A stored answer: a number (likert5, nps, number), a choice or text (single, text), or choices
 * (multi); {@link NOT_APPLICABLE} for 「該当しない」 on a likert5 item that offers it.
 */
export const AnswerValue = z.union([z.number(), z.string(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof AnswerValue>;
/** Cleaned answers keyed by item id; an unanswered question has no key. */
export const Answers = z.record(ItemId, AnswerValue);
export type Answers = z.infer<typeof Answers>;
