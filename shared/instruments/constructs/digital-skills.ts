import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const digitalSkills: Construct = {
  id: 'digital_skills',
  pillarId: 'training',
  name: { ja: 'デジタル活用力', en: 'Digital skills' },
  description: {
    ja: 'デジタルツールを使いこなす自信、DXを学ぶ機会、デジタル技術による業務改善を提案できるか、困ったときの相談先。',
    en: 'Confidence with digital tools, chances to learn about digital transformation, ability to propose digital improvements, and knowing whom to ask.',
  },
  priorities: ['digital'],
  initiatives: ['trn-10', 'per-13'],
  indicator: 'favourable',
  items: [
    likertItem('dig.tools_confident', {
      ja: '業務で使うデジタルツール（表計算、電子申請、オンライン会議など）を使いこなせている',
      en: 'I am at ease with the digital tools my work involves (spreadsheets, online applications, web meetings and so on).',
    }),
    likertItem('dig.training_available', {
      ja: 'デジタル技術の活用（DX）について学べる研修や機会が十分にある',
      en: 'There are enough courses and other chances to learn how to use digital technology (DX).',
    }),
    likertItem('dig.can_propose', {
      ja: 'デジタル技術を使った業務の改善を、自分から提案できる',
      en: 'I could put forward my own ideas for improving work with digital technology.',
    }),
    likertItem('dig.knows_whom_to_ask', {
      ja: 'パソコンや業務システムで困ったとき、誰に相談すればよいか分かっている',
      en: 'I know whom to ask when I run into trouble with computers or business systems.',
    }),
  ],
};
