import { likertItem, option, singleItem } from '../builders';
import type { Construct } from '../schema';

export const recruitmentOnboarding: Construct = {
  id: 'recruitment_onboarding',
  pillarId: 'personnel',
  name: { ja: '多様な人材の受入れ', en: 'Recruitment and onboarding' },
  description: {
    ja: '新しく加わった職員や社会人経験者が職場に迎え入れられ、前職の経験や多様な背景が生かされているか。採用経路（任意回答）により、社会人採用者の実感を分けて見ることができる。',
    en: 'Whether newcomers and mid-career hires are welcomed, and prior experience and diverse backgrounds are put to use. The (optional) entry route lets mid-career hires’ views be read separately.',
  },
  priorities: ['midcareer'],
  initiatives: ['per-04', 'per-05', 'per-06', 'per-19', 'cul-15'],
  indicator: 'favourable',
  items: [
    singleItem(
      'rec.entry_route',
      {
        ja: 'あなたが採用されたときの経歴に最も近いものはどれですか',
        en: 'Which best describes your background when you were hired?',
      },
      [
        option(
          'new_graduate',
          '学校卒業後まもなく採用された',
          'Hired soon after finishing school or university',
        ),
        option(
          'private_sector',
          '民間企業などでの職務経験を経て採用された',
          'Hired after working in the private sector or similar',
        ),
        option(
          'public_sector',
          'ほかの自治体や官公庁での勤務を経て採用された',
          'Hired after working for another local or national government body',
        ),
        option('other', 'その他', 'Other'),
      ],
    ),
    likertItem('rec.onboarding_support', {
      ja: '新しく職場に加わった人が早く仕事に慣れるよう、職場で十分な支援が行われている',
      en: 'People who join my workplace get enough support to find their feet quickly.',
    }),
    // Split from rec.prior_experience_valued (FY2025 and before), which asked two things at once and
    // of everyone. Only those with experience outside local government can answer: the others choose
    // 該当しない, which scores as missing.
    likertItem(
      'rec.prior_experience_respected',
      {
        ja: '民間企業など市役所の外で積んだ経験が、この職場では尊重されている',
        en: 'Experience gained outside local government, such as in private companies, is respected here.',
      },
      { notApplicable: true },
    ),
    likertItem(
      'rec.prior_experience_used',
      {
        ja: '民間企業など市役所の外で積んだ経験を、いまの仕事で生かす機会がある',
        en: 'I have opportunities to use experience gained outside local government in my current work.',
      },
      { notApplicable: true },
    ),
    likertItem('rec.diverse_welcome', {
      ja: '経歴や年齢、障がいの有無などにかかわらず、さまざまな人が歓迎される職場だ',
      en: 'My workplace welcomes all kinds of people, whatever their background, age or disability.',
    }),
  ],
};
