import type { Localized } from '../i18n/localized';
import { ATTRIBUTES } from './attributes';
import { FREE_COMMENT } from './comments';
import { CONSTRUCTS } from './constructs/index';
import {
  type AttributeDefinition,
  type Construct,
  type Item,
  Template,
  type TemplateSection,
} from './schema';

/** One section of a template to build: the constructs it asks, then any items outside constructs. */
export interface SectionSpec {
  id: string;
  title: Localized;
  description?: Localized;
  /** Constructs whose items the section asks, in this order (each construct's items in bank order). */
  constructIds?: readonly string[];
  /** Items that belong to no construct (e.g. the free comment), asked after the constructs' items. */
  extraItems?: readonly Item[];
}

export interface TemplateSpec {
  id: string;
  title: Localized;
  description: Localized;
  sections: readonly SectionSpec[];
  /** Self-reported attributes to ask; defaults to job level, age band and employment type. */
  attributes?: readonly AttributeDefinition[];
}

/**
 * Assembles a template from a construct bank (this one or a city's own) and a
 * section layout. A section is marked sensitive when it holds sensitive items.
 * Throws on an unknown construct id, and a ZodError when the result is not a
 * valid {@link Template} (e.g. a construct or item used twice).
 */
export function buildTemplate(constructs: readonly Construct[], spec: TemplateSpec): Template {
  const byId = new Map(constructs.map((c) => [c.id, c]));
  const used: Construct[] = [];
  const standaloneItems: Item[] = [];
  const sections = spec.sections.map((s): TemplateSection => {
    const sectionConstructs = (s.constructIds ?? []).map((id) => {
      const construct = byId.get(id);
      if (!construct) throw new Error(`template ${spec.id}: section ${s.id} names unknown construct ${id}`);
      return construct;
    });
    used.push(...sectionConstructs);
    standaloneItems.push(...(s.extraItems ?? []));
    const items = [...sectionConstructs.flatMap((c) => c.items), ...(s.extraItems ?? [])];
    return {
      id: s.id,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      ...(items.some((i) => i.sensitive) ? { sensitive: true } : {}),
      ...(s.constructIds ? { constructIds: [...s.constructIds] } : {}),
      items: items.map((i) => i.id),
    };
  });
  return Template.parse({
    id: spec.id,
    title: spec.title,
    description: spec.description,
    constructs: used,
    standaloneItems,
    sections,
    attributes: [...(spec.attributes ?? ATTRIBUTES)],
  });
}

/** Every item a template asks, in the order asked. */
export function itemsOfTemplate(template: Template): Item[] {
  const byId = new Map<string, Item>();
  for (const c of template.constructs) for (const item of c.items) byId.set(item.id, item);
  for (const item of template.standaloneItems) byId.set(item.id, item);
  return template.sections.flatMap((s) => s.items.flatMap((id) => byId.get(id) ?? []));
}

/** The construct an item belongs to, in the bank (or the given constructs / template); undefined for items outside constructs. */
export function constructOfItem(
  itemId: string,
  source: readonly Construct[] | Template = CONSTRUCTS,
): Construct | undefined {
  const constructs = Array.isArray(source)
    ? (source as readonly Construct[])
    : (source as Template).constructs;
  return constructs.find((c) => c.items.some((i) => i.id === itemId));
}

/** The city's yearly staff survey: every construct of the bank and a closing free comment. */
export const annualStaffSurvey: Template = /* @__PURE__ */ buildTemplate(CONSTRUCTS, {
  id: 'annual-staff-survey-v1',
  title: { ja: '職員意識調査（年次）', en: 'Annual staff survey' },
  description: {
    ja: 'この調査は、職員の皆さんが働く環境や人材育成の取組をどのように感じているかをお聞きし、取組の成果を確かめて改善につなげるためのものです。回答は無記名で、誰が回答したかを結び付けられない仕組みで集計し、一定数以上の回答が集まった単位についてのみ結果を表示します。',
    en: 'This survey asks how you experience your working environment and the organisation’s staff development efforts, so that their results can be checked and improved. It is anonymous: answers are collected in a way that cannot be linked to who gave them, and results are shown only for groups with enough responses.',
  },
  sections: [
    {
      id: 'engagement',
      title: { ja: '仕事と職場への思い', en: 'Your work and your workplace' },
      constructIds: ['engagement'],
    },
    {
      id: 'workplace',
      title: { ja: '職場の雰囲気と学び合い', en: 'Workplace climate and learning' },
      description: {
        ja: 'ここでいう「職場」とは、ふだん一緒に仕事をしている課や係などのまとまりを指します。',
        en: '“Workplace” here means the section or team you usually work with day to day.',
      },
      constructIds: ['psychological_safety', 'learning_culture', 'organisational_goals'],
    },
    {
      id: 'workstyle',
      title: { ja: '働き方と健康', en: 'How you work, and your health' },
      constructIds: ['workstyle', 'health', 'workplace_safety'],
    },
    {
      id: 'career',
      title: { ja: 'キャリア・人事評価・採用', en: 'Career, evaluation and recruitment' },
      constructIds: ['career', 'evaluation_fairness', 'recruitment_onboarding'],
    },
    {
      id: 'training',
      title: { ja: '研修・自己啓発とデジタル活用', en: 'Training, self-development and digital skills' },
      description: {
        ja: '研修に関する質問は、この1年間に研修（職場研修・外部研修を含む）を受けた方のみお答えください。受けていない方は、空欄のまま次の質問へ進んでください。',
        en: 'Please answer the questions on training only if you took part in training (in the workplace or outside) in the past year; otherwise leave them blank and move on.',
      },
      constructIds: ['training_effectiveness', 'self_development', 'digital_skills'],
    },
    {
      id: 'compliance',
      title: { ja: 'コンプライアンス', en: 'Compliance' },
      constructIds: ['compliance'],
    },
    {
      id: 'harassment',
      title: { ja: 'ハラスメント（すべて任意回答）', en: 'Harassment (all questions optional)' },
      description: {
        ja: 'ここからは、ハラスメントについておたずねします。すべて任意回答ですので、答えたくない質問は空欄のまま進んでください。この項目の結果は、ほかの項目よりも多くの回答が集まった集団についてのみ表示し、少人数の職場の結果は表示しません。回答中につらく感じたときは無理をせず、ハラスメント相談窓口や職員向けの相談窓口をご利用ください。',
        en: 'The next questions are about harassment. All of them are optional: leave blank anything you would rather not answer. Results for this part are shown only for groups larger than for the rest of the survey, never for small workplaces. If answering becomes distressing, please stop and consider contacting the harassment advice service or the staff support service.',
      },
      constructIds: ['harassment_climate'],
    },
    {
      id: 'comments',
      title: { ja: '自由意見', en: 'Your comments' },
      description: {
        ja: '任意回答です。氏名など、個人が特定される内容は書かないでください。メールアドレス・電話番号・職員番号は保存前に伏せ字にします。ご意見は、一定数以上の回答が集まった集団についてのみ、順不同・日付なしで表示します。',
        en: 'Optional. Please do not write names or anything else that identifies a person. E-mail addresses, phone numbers and staff numbers are masked before storage. Comments are shown only for groups with enough responses, in random order and without dates.',
      },
      extraItems: [FREE_COMMENT],
    },
  ],
});
