import { likertItem } from '../builders';
import type { Construct } from '../schema';

/**
 * 労働安全管理 (env-15 … env-17): whether the workplace is kept safe (3S,
 * problems found on the health and safety committee's inspections put right),
 * and whether staff doing hazardous work are trained for it. Staff who do no
 * hazardous work answer 該当しない to that item.
 */
export const workplaceSafety: Construct = {
  id: 'workplace_safety',
  pillarId: 'environment',
  name: { ja: '職場の安全', en: 'Workplace safety' },
  description: {
    ja: '職場の作業環境が整理・整頓・清潔（3S）により安全に保たれ、危険な箇所が改善され、危険を伴う作業に必要な安全教育が行われているか。',
    en: 'Whether the workplace is kept safe through sort, set in order and keep clean (3S), hazards are put right, and staff doing hazardous work get the safety training it needs.',
  },
  priorities: ['workstyle'],
  initiatives: ['env-15', 'env-16', 'env-17'],
  indicator: 'favourable',
  items: [
    likertItem('saf.tidy_safe', {
      ja: '職場は整理・整頓・清潔が保たれ、通路や設備を含めて安全に働ける状態にある',
      en: 'My workplace is kept sorted, tidy and clean, and its passageways and equipment are safe to work with.',
    }),
    likertItem('saf.hazards_fixed', {
      ja: '職場の危険な箇所や作業環境の問題は、指摘されると改善されている',
      en: 'When hazards or problems with the working environment are pointed out, they are put right.',
    }),
    likertItem(
      'saf.hazardous_work_trained',
      {
        ja: '危険を伴う作業（チェーンソー・刈払機・除雪など）に必要な安全教育を受けている',
        en: 'I have had the safety training needed for the hazardous work I do (chainsaws, brush cutters, snow clearing and so on).',
      },
      { notApplicable: true },
    ),
  ],
};
