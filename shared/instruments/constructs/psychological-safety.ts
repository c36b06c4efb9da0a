import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const psychologicalSafety: Construct = {
  id: 'psychological_safety',
  pillarId: 'culture',
  name: { ja: '心理的安全性', en: 'Psychological safety' },
  description: {
    ja: '職場で、ミスや異論、助けを求めることを安心して口にできるか。職場ミーティングや改善提案が機能するための土台となる。',
    en: 'Whether people feel safe to admit mistakes, voice different views and ask for help at work — the ground that workplace meetings and improvement proposals stand on.',
  },
  priorities: ['workstyle'],
  initiatives: ['cul-11', 'cul-12', 'cul-13', 'trn-07'],
  indicator: 'favourable',
  items: [
    likertItem(
      'psy.mistakes_held_against',
      {
        ja: 'この職場では、仕事でミスをすると、後々までそのことを持ち出される',
        en: 'In my workplace, a mistake I make tends to be brought up against me long afterwards.',
      },
      { reverse: true },
    ),
    likertItem('psy.raise_problems', {
      ja: 'この職場では、問題点や言いにくい課題についても率直に話し合える',
      en: 'In my workplace, we can talk frankly about problems, even awkward ones.',
    }),
    likertItem(
      'psy.reject_difference',
      {
        ja: 'この職場では、考え方や仕事の進め方が周りと違う人は受け入れられにくい',
        en: 'In my workplace, people whose views or ways of working differ from the rest tend not to be accepted.',
      },
      { reverse: true },
    ),
    likertItem('psy.safe_to_try', {
      ja: 'この職場では、うまくいくか分からない新しいやり方にも安心して挑戦できる',
      en: 'In my workplace, I feel safe trying a new approach even when I cannot be sure it will work.',
    }),
    likertItem(
      'psy.hard_to_ask_help',
      {
        ja: 'この職場では、同僚に手助けを頼みにくい',
        en: 'In my workplace, it is hard to ask colleagues for a hand.',
      },
      { reverse: true },
    ),
    likertItem('psy.no_undermining', {
      ja: 'この職場に、わざと私の仕事の足を引っ張るような人はいない',
      en: 'Nobody in my workplace would knowingly act to undercut my work.',
    }),
    likertItem('psy.skills_used', {
      ja: 'この職場では、私の知識や得意なことが認められ、仕事に生かされている',
      en: 'In my workplace, my knowledge and strengths are recognised and put to use.',
    }),
  ],
};
