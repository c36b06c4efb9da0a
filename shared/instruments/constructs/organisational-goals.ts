import { likertItem } from '../builders';
import type { Construct } from '../schema';

/**
 * 目標管理型の組織運営 (cul-16, cul-17): whether the head of a section sets its
 * goals and makes them known, and whether staff work with them in mind. Staff
 * perception is the outcome the plan's initiative aims at.
 */
export const organisationalGoals: Construct = {
  id: 'organisational_goals',
  pillarId: 'culture',
  name: { ja: '組織目標の共有', en: 'Shared organisational goals' },
  description: {
    ja: '所属長が所属の組織目標を示して職員に伝え、職員がそれを理解し、自分の業務の目標や進め方に結び付けているか。',
    en: 'Whether section heads set and communicate their section’s goals, and whether staff understand them and tie their own work and objectives to them.',
  },
  priorities: ['workstyle'],
  initiatives: ['cul-16', 'cul-17'],
  indicator: 'favourable',
  items: [
    likertItem('org.goals_communicated', {
      ja: '所属長は、今年度の所属の組織目標を職員に示し、説明している',
      en: 'My section head has set out and explained this year’s goals for our section.',
    }),
    likertItem('org.goals_understood', {
      ja: '自分の所属の今年度の組織目標を理解している',
      en: 'I understand this year’s goals for my section.',
    }),
    likertItem('org.goals_guide_work', {
      ja: '自分の業務の目標や進め方は、所属の組織目標を踏まえて決めている',
      en: 'I set my own work objectives and plan my work with the section’s goals in mind.',
    }),
  ],
};
