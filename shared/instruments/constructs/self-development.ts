import { likertItem, multiItem, option } from '../builders';
import type { Construct } from '../schema';

/**
 * 自己啓発 (trn-01 … trn-04, and the supervisors' encouragement of cul-07): whether
 * staff know the support for studying on their own (self-study groups, the cost
 * of qualifications a post requires, part-time study leave), are backed in it,
 * and see it count in their postings; what they did, as a descriptive item.
 */
export const selfDevelopment: Construct = {
  id: 'self_development',
  pillarId: 'training',
  name: { ja: '自己啓発', en: 'Self-development' },
  description: {
    ja: '自己啓発を支える制度（自主研修への支援、必置資格の経費負担、修学部分休業など）が知られ、使え、上司に後押しされ、その成果が配置に生かされているか。',
    en: 'Whether the support for studying on one’s own (self-study groups, the cost of qualifications a post requires, part-time study leave) is known and usable, backed by supervisors, and whether what staff learn counts in their postings.',
  },
  priorities: ['career'],
  initiatives: ['trn-01', 'trn-02', 'trn-03', 'trn-04', 'cul-07'],
  indicator: 'favourable',
  items: [
    likertItem('sdv.support_known', {
      ja: '自己啓発を支援する市の制度（自主研修への支援、資格取得の経費負担、修学部分休業など）を知っている',
      en: 'I know the city’s schemes that support self-development (help for self-study groups, the cost of qualifications, part-time study leave and so on).',
    }),
    likertItem('sdv.supervisor_backs', {
      ja: '上司は、資格取得や自主的な学習など、自己啓発を後押ししてくれる',
      en: 'My supervisor backs my self-development, such as gaining qualifications or studying on my own.',
    }),
    // Only someone who has studied on their own can say whether it counted: 該当しない.
    likertItem(
      'sdv.valued_in_postings',
      {
        ja: '自己啓発で身につけた知識や資格は、配置や担当する業務に生かされている',
        en: 'The knowledge and qualifications I gained through self-development are put to use in my postings and duties.',
      },
      { notApplicable: true },
    ),
    multiItem(
      'sdv.activities',
      {
        ja: 'この1年間に取り組んだ自己啓発をすべて選んでください',
        en: 'Which kinds of self-development did you do in the past year? Choose all that apply.',
      },
      [
        option('qualification', '資格の取得・受験', 'Gaining or sitting for a qualification'),
        option('course', '通信教育・講座・セミナーの受講', 'Correspondence courses, classes or seminars'),
        option('study_group', '自主研修グループでの活動', 'A self-study group'),
        option('university', '大学・大学院などでの修学', 'Study at a university or graduate school'),
        option('self_study', '読書やオンライン教材などによる独学', 'Self-study (books, online material)'),
        option('none', '特にない', 'None', true),
      ],
    ),
  ],
};
