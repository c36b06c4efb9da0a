import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const compliance: Construct = {
  id: 'compliance',
  pillarId: 'training',
  name: { ja: 'コンプライアンス意識', en: 'Compliance awareness' },
  description: {
    ja: 'ルールの理解、不正に気づいたときに声を上げられるか、公金の取扱いを一人で完結させない確認の仕組み、不祥事から学ぶ組織の姿勢。コンプライアンス研修の成果を映す。',
    en: 'Understanding of the rules, readiness to report misconduct, checks that keep public money out of any one person’s sole hands, and whether the organisation learns from incidents — the outcome of compliance training.',
  },
  priorities: ['compliance'],
  initiatives: ['trn-06', 'trn-05'],
  indicator: 'favourable',
  items: [
    likertItem('cmp.rules_understood', {
      ja: '自分の業務に関係する法令や規則、服務上のルールを理解している',
      en: 'I understand the laws, regulations and rules of conduct that apply to my work.',
    }),
    likertItem('cmp.can_report', {
      ja: '職場で不正や不適切な行為に気づいたら、ためらわずに上司や通報窓口に伝えることができる',
      en: 'If I noticed wrongdoing or improper conduct at work, I could tell my supervisor or a reporting channel without hesitating.',
    }),
    // Many staff never handle public money: 該当しない.
    likertItem(
      'cmp.public_money_checks',
      {
        ja: '公金の取扱いが一人だけで完結せず、上司などによる確認が実際に機能している',
        en: 'Handling of public money never rests with one person alone; checks by supervisors and others work in practice.',
      },
      { notApplicable: true },
    ),
    // Formerly one item (cmp.learns_from_incidents): looking into causes, and acting on the lessons.
    likertItem('cmp.incident_causes_reviewed', {
      ja: '不祥事やミスが起きたとき、組織としてその原因を振り返っている',
      en: 'When misconduct or errors occur, the organisation looks into why they happened.',
    }),
    likertItem('cmp.incident_lessons_applied', {
      ja: '不祥事やミスから得た教訓は、再発防止の取組に生かされている',
      en: 'Lessons from misconduct and errors are put to use in preventing a repeat.',
    }),
    likertItem('cmp.training_applied', {
      ja: 'コンプライアンス研修で学んだことが、日々の業務での判断に役立っている',
      en: 'What I learned in compliance training helps me make the right calls in my daily work.',
    }),
  ],
};
