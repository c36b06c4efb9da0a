import type { Localized } from '../../i18n/localized';

/**
 * The initiatives of Aizuwakamatsu's plan that the staff survey deliberately
 * does not measure, each with the reason (docs/COVERAGE.md, generated from this
 * and the construct bank). Every other initiative is named by at least one
 * construct (`initiatives` in shared/instruments/constructs/); an initiative
 * here must not be, and each must be one of the plan's own (not a 再掲 row):
 * tests/shared/plan/coverage.test.ts checks both.
 */
export const aizuwakamatsuNotMeasured: Readonly<Record<string, Localized>> = {
  'per-02': {
    ja: '対象は学生で職員ではない。受け入れ人数（人事課の記録）で確かめる。',
    en: 'It concerns students, not staff; the number of interns hosted (HR’s records) shows it.',
  },
  'per-12': {
    ja: '対象は若手技術職に限られ、職種で分けると匿名性の基準（k人）に届かない。職員全体の異動・配置の受け止めは car.rotation_helps_growth で測り、対象者の配置実績は人事記録で確かめる。',
    en: 'It concerns young technical staff only: split out by job type, their answers would fall below the anonymity threshold k. How all staff see their postings is car.rotation_helps_growth; the group’s postings are in HR’s records.',
  },
  'per-15': {
    ja: '国等への長期派遣は毎年数人で、回答を分けて示せない。公募・応募・派遣の件数（人事記録）で確かめる。',
    en: 'Only a few staff a year are seconded to national bodies, too few to report their answers; the numbers advertised, applying and seconded (HR’s records) show it.',
  },
  'trn-13': {
    ja: '派遣研修の対象は毎年数人で、回答を分けて示せない。派遣件数と派遣後の報告で確かめる。',
    en: 'Only a few staff a year take part, too few to report their answers; the number sent and their reports afterwards show it.',
  },
  'trn-14': {
    ja: '民間企業等への派遣は毎年数人で、回答を分けて示せない。派遣件数と派遣先の見直し状況で確かめる。',
    en: 'Only a few staff a year are placed in companies, too few to report their answers; the number placed and the review of host companies show it.',
  },
  'trn-15': {
    ja: '人事課による研究の段階で、職員が経験するものがまだない。',
    en: 'It is still being studied by HR; there is nothing yet for staff to experience.',
  },
  'trn-16': {
    ja: '対象は民間企業等からの研修生で職員ではない。受け入れ人数で確かめる。',
    en: 'It concerns trainees from companies, not staff; the number hosted shows it.',
  },
  'cul-02': {
    ja: '成果は市民へのサービスに表れ、市民からの意見・苦情の件数と対応の記録（市民満足度の調査）で確かめる。職員の受け止めだけでは測れない。',
    en: 'Its outcome is the service citizens get, shown by the records of citizens’ comments and complaints and how they were handled (and citizens’ satisfaction surveys); staff perception alone cannot measure it.',
  },
  'cul-03': {
    ja: '事業ごとの取組で、ワークショップを開いた事業の数と内容で確かめる。',
    en: 'It is done project by project; the number of projects that held workshops, and what came of them, show it.',
  },
  'cul-04': {
    ja: '地域活動は職員の私生活に関わり、職場の調査で参加を尋ねることは適当でない。啓発の実施状況で確かめる。',
    en: 'Community activity belongs to staff’s private lives, which a workplace survey should not ask about; the awareness-raising done shows it.',
  },
  'cul-05': {
    ja: '地域活動は職員の私生活に関わり、職場の調査で尋ねることは適当でない。手引の周知の実施状況で確かめる。',
    en: 'Community activity belongs to staff’s private lives, which a workplace survey should not ask about; how the guide was made known shows it.',
  },
  'cul-06': {
    ja: '検討段階の取組で、開いたセミナー等の記録で確かめる。',
    en: 'It is still being considered; the records of seminars held will show it.',
  },
  'cul-18': {
    ja: '階層別研修の中の取組で、受講者だけが経験する。研修ごとの受講者アンケートで確かめる。',
    en: 'It happens inside the grade-based training courses, which only their participants attend; each course’s participant survey shows it.',
  },
};
