import { likertItem, numberItem, option, singleItem } from '../builders';
import type { Construct } from '../schema';

export const workstyle: Construct = {
  id: 'workstyle',
  pillarId: 'environment',
  name: { ja: '働き方改革', en: 'Work-style reform' },
  description: {
    ja: '時間外勤務や休暇取得の実態、柔軟な働き方の利用と希望、業務量の偏りや業務改善の実感、男性の育児休業や介護休暇の取りやすさ。',
    en: 'Overtime and leave actually taken, use of and wish for flexible working, whether workload is shared evenly and improvements really cut waste, and how easily men take childcare leave and staff take carer’s leave.',
  },
  priorities: ['workstyle'],
  initiatives: ['cul-08', 'cul-12', 'cul-21', 'env-01', 'env-03', 'env-04', 'env-05', 'trn-07'],
  indicator: 'favourable',
  items: [
    singleItem(
      'ws.overtime_band',
      {
        ja: '先月の時間外勤務（休日勤務を含む）は、おおよそ何時間でしたか',
        en: 'Roughly how many hours of overtime (including work on days off) did you do last month?',
      },
      [
        option('none', 'なし', 'None'),
        option('lt10', '10時間未満', 'Under 10 hours'),
        option('10to20', '10時間以上20時間未満', '10 to under 20 hours'),
        option('20to45', '20時間以上45時間未満', '20 to under 45 hours'),
        option('45to80', '45時間以上80時間未満', '45 to under 80 hours'),
        option('80plus', '80時間以上', '80 hours or more'),
      ],
    ),
    numberItem(
      'ws.leave_days',
      {
        ja: 'この12か月間に取得した年次休暇は、おおよそ何日ですか（半日や時間単位で取得した分は、合計して日数に換算してください）',
        en: 'About how many days of annual leave did you take in the past 12 months? (Add up half-days and hourly leave into days.)',
      },
      0,
      40,
    ),
    singleItem(
      'ws.flex_used',
      {
        ja: 'この6か月間に、フレックスタイム制度やテレワークを利用しましたか',
        en: 'In the past 6 months, have you used flexitime or telework?',
      },
      [
        option('both', '両方とも利用した', 'Both'),
        option('flex', 'フレックスタイム制度のみ利用した', 'Flexitime only'),
        option('telework', 'テレワークのみ利用した', 'Telework only'),
        option('neither', 'どちらも利用していない', 'Neither'),
        option('not_eligible', '業務の性質上、利用できない', 'Not available for my kind of work'),
      ],
    ),
    singleItem(
      'ws.flex_wish',
      {
        ja: '今後、フレックスタイム制度やテレワークを利用したいと思いますか',
        en: 'Would you like to use flexitime or telework in the future?',
      },
      [
        option('regularly', '日常的に利用したい', 'Yes, on a regular basis'),
        option('when_needed', '必要なときに利用したい', 'Yes, when I need to'),
        option('no', '利用したいと思わない', 'No'),
        option('unsure', 'わからない', 'Not sure'),
      ],
    ),
    likertItem('ws.workload_balanced', {
      ja: '係やチームの中で、業務量が偏りなく分担されている',
      en: 'Within my team, the workload is shared out fairly evenly.',
    }),
    likertItem('ws.work_life_balance', {
      ja: '仕事と私生活（家庭・育児・介護・地域活動など）を両立できている',
      en: 'I can balance work with my private life (family, childcare, caregiving, community activities and so on).',
    }),
    likertItem('ws.improvements_cut_waste', {
      ja: '職場ミーティングなどで決めた改善策によって、実際にむだな業務が減っている',
      en: 'Improvements agreed in workplace meetings and the like have actually cut unnecessary work.',
    }),
    // Split from ws.manager_adjusts_load (FY2025 and before), which asked two things at once.
    likertItem('ws.manager_knows_load', {
      ja: '上司は、部下一人ひとりの業務量や時間外勤務の状況を把握している',
      en: 'My supervisor knows how much work and overtime each of us has.',
    }),
    likertItem('ws.manager_rebalances_load', {
      ja: '業務量や時間外勤務が偏ったとき、上司は分担を見直している',
      en: 'When work or overtime piles up on some of us, my supervisor redistributes it.',
    }),
    // Plan initiative env-04 (men's childcare leave) and env-05 (carer's leave), as staff perceive them.
    likertItem('ws.men_childcare_leave', {
      ja: 'この職場では、男性職員も育児休業や育児に関する休暇を気兼ねなく取得できる',
      en: 'In my workplace, men can take childcare leave and childcare-related days off without feeling awkward.',
    }),
    likertItem('ws.carer_leave', {
      ja: '家族の介護が必要になったとき、この職場では介護休暇などを取得しやすい',
      en: 'If I needed to care for a family member, it would be easy to take carer’s leave or similar here.',
    }),
  ],
};
