import { likertItem } from '../builders';
import type { Construct } from '../schema';

/** Optional: staff who attended no training in the year skip these. */
const optional = { required: false } as const;

export const trainingEffectiveness: Construct = {
  id: 'training_effectiveness',
  pillarId: 'training',
  name: { ja: '研修の効果', en: 'Training effectiveness' },
  description: {
    ja: 'この1年間に受けた研修が仕事や役割に合い、職場で実践・共有され、上司がそれを後押ししているか。研修を受けていない職員は回答しない。',
    en: 'Whether training taken in the past year fitted the job, is applied and shared at work, and is backed by supervisors. Staff who took no training skip it.',
  },
  priorities: ['career'],
  initiatives: ['trn-05', 'trn-09', 'trn-11', 'trn-12', 'cul-10'],
  indicator: 'favourable',
  items: [
    likertItem(
      'trn.relevant',
      {
        ja: 'この1年間に受けた研修の内容は、自分の仕事や役割に合っていた',
        en: 'The training I took in the past year suited my job and role.',
      },
      optional,
    ),
    likertItem(
      'trn.applied',
      {
        ja: '研修で学んだことを、実際の仕事で生かしている',
        en: 'I put what I learned in training to use in my actual work.',
      },
      optional,
    ),
    likertItem(
      'trn.supervisor_backs',
      {
        ja: '研修で学んだことを職場で実践できるよう、上司が後押ししてくれる',
        en: 'My supervisor helps me put what I learned in training into practice at work.',
      },
      optional,
    ),
    likertItem(
      'trn.shared_with_team',
      {
        ja: '研修で学んだことを、職場研修や報告などを通じて同僚と共有している',
        en: 'I pass on what I learned in training to colleagues, for example through workplace sessions or reports.',
      },
      optional,
    ),
  ],
};
