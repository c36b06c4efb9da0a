import { likertItem } from '../builders';
import type { Construct } from '../schema';

export const learningCulture: Construct = {
  id: 'learning_culture',
  pillarId: 'culture',
  name: { ja: '学び合う職場風土', en: 'Learning culture' },
  description: {
    ja: '仕事を通じた育成（OJT）、メンターによる支え、職場ミーティング、改善提案の受け止め、研修や自己啓発への後押しなど、職場全体で人を育てる風土。',
    en: 'A workplace that develops its people: on-the-job training, mentoring, workplace meetings, a hearing for improvement proposals, and encouragement to train and study.',
  },
  priorities: ['career', 'workstyle'],
  initiatives: ['cul-07', 'cul-11', 'cul-13', 'cul-14', 'cul-15', 'trn-11'],
  indicator: 'favourable',
  items: [
    likertItem('lrn.ojt', {
      ja: '職場では、仕事を通じて先輩や上司から必要な知識や技能を教わることができる',
      en: 'At work, I can pick up the knowledge and skills I need from senior colleagues and supervisors as we work.',
    }),
    likertItem('lrn.mentoring', {
      ja: 'メンター制度など、新しく入った職員を身近で支える仕組みがうまく機能している',
      en: 'Arrangements that give newcomers close support, such as mentoring, work well.',
    }),
    likertItem('lrn.meetings', {
      ja: '職場ミーティングが定期的に開かれ、業務の課題や進め方を話し合えている',
      en: 'Workplace meetings are held regularly and let us discuss problems and how we work.',
    }),
    likertItem('lrn.proposals_heard', {
      ja: '自分が出した改善の提案や意見は、職場できちんと受け止められている',
      en: 'The improvement ideas and opinions I put forward are taken seriously in my workplace.',
    }),
    likertItem('lrn.training_encouraged', {
      ja: '上司は、研修への参加や自己啓発を勧め、後押ししてくれる',
      en: 'My supervisor encourages and backs me in attending training and studying on my own.',
    }),
    likertItem('lrn.knowledge_shared', {
      ja: '職場では、仕事のノウハウや知識を互いに教え合っている',
      en: 'In my workplace, we teach each other know-how and share what we know.',
    }),
  ],
};
