import type { CustomQuestion, CustomQuestionInput } from '../api/custom-questions';
import { CUSTOM_TEXT_MAX_LENGTH } from '../api/custom-questions';
import type { Item, Template, TemplateSection } from './schema';

/**
 * Custom questions in a campaign's survey (DESIGN §5): standalone items `custom.q<n>`, asked in
 * their own sections before the free comment (`custom`, and `custom_sensitive` introduced as
 * sensitive), never scored into a construct. Pure: the campaign service stores the result.
 */

export const CUSTOM_PREFIX = 'custom.';
const SECTION = 'custom';
const SENSITIVE_SECTION = 'custom_sensitive';

export function isCustomItemId(id: string): boolean {
  return id.startsWith(CUSTOM_PREFIX);
}

/** The id after the highest in use: custom.q1, custom.q2 … (ids of a draft: nothing is answered yet). */
export function nextCustomId(questions: readonly CustomQuestion[]): string {
  let max = 0;
  for (const q of questions) {
    const n = Number(q.id.slice(`${CUSTOM_PREFIX}q`.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return `${CUSTOM_PREFIX}q${max + 1}`;
}

/** A validated input as stored: choice values o1, o2 … in the order given. */
export function customQuestionOf(id: string, input: CustomQuestionInput): CustomQuestion {
  return {
    id,
    type: input.type,
    text: { ja: input.text.ja, en: input.text.en },
    required: input.required === true,
    sensitive: input.sensitive === true,
    ...(input.options
      ? { options: input.options.map((o, i) => ({ value: `o${i + 1}`, label: { ...o.label } })) }
      : {}),
    ...(input.type === 'number' ? { min: input.min!, max: input.max! } : {}),
    ...(input.constructId !== undefined ? { constructId: input.constructId } : {}),
    ...(input.initiativeId !== undefined ? { initiativeId: input.initiativeId } : {}),
  };
}

function itemOf(q: CustomQuestion): Item {
  return {
    id: q.id,
    type: q.type,
    text: q.text,
    required: q.required,
    scored: false,
    ...(q.sensitive ? { sensitive: true } : {}),
    ...(q.options ? { options: q.options } : {}),
    ...(q.type === 'number' ? { min: q.min!, max: q.max! } : {}),
    ...(q.type === 'text' ? { maxLength: CUSTOM_TEXT_MAX_LENGTH } : {}),
  };
}

/** The template without any custom questions: what the campaign's own template snapshot was. */
export function withoutCustomQuestions(template: Template): Template {
  return {
    ...template,
    standaloneItems: template.standaloneItems.filter((i) => !isCustomItemId(i.id)),
    sections: template.sections.filter((s) => s.id !== SECTION && s.id !== SENSITIVE_SECTION),
  };
}

/**
 * The template with these custom questions (any earlier ones replaced): plain questions in one
 * section, sensitive ones in another, both before the section that asks the free comment (or last).
 */
export function withCustomQuestions(template: Template, questions: readonly CustomQuestion[]): Template {
  const base = withoutCustomQuestions(template);
  if (questions.length === 0) return base;
  const plain = questions.filter((q) => !q.sensitive);
  const sensitive = questions.filter((q) => q.sensitive);
  const sections: TemplateSection[] = [];
  if (plain.length > 0) {
    sections.push({
      id: SECTION,
      title: { ja: 'この調査の追加設問', en: 'Questions added for this survey' },
      description: {
        ja: '人事課がこの調査のために加えた設問です。',
        en: 'Questions HR added for this survey.',
      },
      items: plain.map((q) => q.id),
    });
  }
  if (sensitive.length > 0) {
    sections.push({
      id: SENSITIVE_SECTION,
      title: { ja: 'この調査の追加設問（配慮を要する内容）', en: 'Added questions (sensitive)' },
      description: {
        ja: '配慮を要する内容の設問です。回答は、より多くの人数の集計でのみ示されます。答えたくない設問は空欄のままにできます。',
        en: 'These questions touch on sensitive matters. Their answers are shown only for larger groups. You may leave any of them blank.',
      },
      sensitive: true,
      items: sensitive.map((q) => q.id),
    });
  }
  const freeText = new Set(base.standaloneItems.filter((i) => i.type === 'text').map((i) => i.id));
  const at = base.sections.findIndex((s) => s.items.some((id) => freeText.has(id)));
  const out = [...base.sections];
  out.splice(at === -1 ? out.length : at, 0, ...sections);
  return {
    ...base,
    standaloneItems: [...base.standaloneItems, ...questions.map(itemOf)],
    sections: out,
  };
}
