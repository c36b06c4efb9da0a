import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const learningCulture: Construct = {
  id: 'learning_culture',
  pillarId: 'culture',
  name: { ja: '学び合う職場風土', en: 'Learning culture' },
  description: {
    ja: '仕事を通じた育成（OJT）、メンターによる支え、職場ミーティング、改善提案の受け止め、研修受講の勧めなど、職場全体で人を育てる風土。',
    en: 'A workplace that develops its people: on-the-job training, mentoring, workplace meetings, a hearing for improvement proposals, and encouragement to attend training.',
  },
  priorities: ['career', 'workstyle'],
  initiatives: ['cul-07', 'cul-11', 'cul-13', 'cul-14', 'cul-15', 'trn-11'],
  indicator: 'favourable',
  items: [
    likertItem('lrn.ojt', {
      ja: '職場では、仕事を通じて先輩や上司から必要な知識や技能を教わることができる',
      en: 'At work, I can pick up the knowledge and skills I need from senior colleagues and supervisors as we work.',
    }),
    // Not everyone works beside a newcomer or has put an idea forward: these offer 該当しない.
    likertItem(
      'lrn.mentoring',
      {
        ja: 'メンター制度など、新しく入った職員を身近で支える仕組みがうまく機能している',
        en: 'Arrangements that give newcomers close support, such as mentoring, work well.',
      },
      { notApplicable: true },
    ),
    // Formerly one item (lrn.meetings) asking two things: whether meetings are held and what they do.
    likertItem('lrn.meetings_held', {
      ja: '職場ミーティングが定期的に開かれている',
      en: 'Workplace meetings are held regularly.',
    }),
    likertItem('lrn.meetings_discuss', {
      ja: '職場ミーティングでは、業務の課題や進め方を率直に話し合えている',
      en: 'In workplace meetings, we can talk openly about problems and how we work.',
    }),
    likertItem(
      'lrn.proposals_heard',
      {
        ja: '自分が出した改善の提案や意見は、職場できちんと受け止められている',
        en: 'The improvement ideas and opinions I put forward are taken seriously in my workplace.',
      },
      { notApplicable: true },
    ),
    // Formerly lrn.training_encouraged (training and self-study together); self-study support is
    // now asked in the self-development construct (sdv.supervisor_backs).
    likertItem('lrn.training_recommended', {
      ja: '上司は、研修への参加を勧めてくれる',
      en: 'My supervisor encourages me to attend training.',
    }),
    likertItem('lrn.knowledge_shared', {
      ja: '職場では、仕事のノウハウや知識を互いに教え合っている',
      en: 'In my workplace, we teach each other know-how and share what we know.',
    }),
  ],
};
