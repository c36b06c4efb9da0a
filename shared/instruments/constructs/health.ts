import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const health: Construct = {
  id: 'health',
  pillarId: 'environment',
  name: { ja: '心身の健康', en: 'Health and well-being' },
  description: {
    ja: '心身の不調を相談できる先があるか、ストレスに対処できているか、休息がとれているか、上司が部下の変化に気づいているか。',
    en: 'Whether staff have somewhere to turn when unwell, can cope with stress, get enough rest, and have supervisors who notice changes.',
  },
  priorities: ['workstyle'],
  initiatives: ['env-06', 'env-07', 'env-08', 'env-09', 'env-10', 'env-11'],
  indicator: 'favourable',
  items: [
    likertItem('hlt.can_consult', {
      ja: '心身の不調を感じたとき、職場の内外に気軽に相談できる先がある',
      en: 'If I felt unwell in body or mind, I have somewhere at work or outside it that I could easily turn to.',
    }),
    likertItem('hlt.stress_manageable', {
      ja: '仕事のストレスを、自分で対処できる程度に保てている',
      en: 'I can keep work stress at a level I can cope with.',
    }),
    likertItem('hlt.rest', {
      ja: '睡眠や休息を十分にとれている',
      en: 'I get enough sleep and rest.',
    }),
    // Formerly one item (hlt.manager_notices): noticing and speaking up are asked apart.
    likertItem('hlt.manager_notices_change', {
      ja: '上司は、部下の体調や様子の変化に気づいている',
      en: 'My supervisor notices when staff are unwell or do not seem themselves.',
    }),
    likertItem('hlt.manager_checks_in', {
      ja: '上司は、部下の様子が気になるときに声をかけている',
      en: 'My supervisor checks in with staff when they seem unwell or not themselves.',
    }),
  ],
};
