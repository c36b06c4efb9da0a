import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const evaluationFairness: Construct = {
  id: 'evaluation_fairness',
  pillarId: 'personnel',
  name: { ja: '人事評価の納得感', en: 'Evaluation fairness' },
  description: {
    ja: '人事評価の基準が分かり、面談での助言が役立ち、評価が公正で、結果が能力開発に生かされていると感じられるか。',
    en: 'Whether staff understand the evaluation criteria, find the feedback useful, see the evaluation as fair and see the results used for their development.',
  },
  priorities: ['career'],
  initiatives: ['per-07', 'per-08', 'per-09', 'per-10', 'per-18', 'cul-17'],
  indicator: 'favourable',
  items: [
    likertItem('eva.criteria_clear', {
      ja: '人事評価で自分に何が求められ、どのような基準で評価されるのかが分かっている',
      en: 'I know what the performance evaluation expects of me and the standards I am judged by.',
    }),
    likertItem('eva.feedback_useful', {
      ja: '評価面談で上司から受けた助言は、仕事の改善に役立っている',
      en: 'The advice I get from my supervisor in evaluation interviews helps me improve my work.',
    }),
    likertItem('eva.fair', {
      ja: '自分に対する人事評価は、公正に行われていると感じる',
      en: 'I feel my own evaluation is carried out fairly.',
    }),
    likertItem('eva.used_for_development', {
      ja: '人事評価の結果が、研修や配置など、自分の能力開発に生かされている',
      en: 'Evaluation results are used for my development, for example in training and postings.',
    }),
  ],
};
