/**
 * 会津若松市人材育成推進プラン（令和5年度～令和9年度）— Aizuwakamatsu City's
 * HR development plan for FY2023–FY2027, encoded from the plan's text
 * (kept byte for byte in tests/shared/plan/fixtures/aizuwakamatsu-hr-development-plan-r5-r9.txt).
 *
 * The rows below are the four tables of 「5 取組内容」, cell for cell: blank
 * 中項目/小項目 cells, 区分, the status words and ⇒ as printed, and the 再掲
 * markers, which the loader turns into `refersTo` links. Japanese is verbatim;
 * the English is this project's own translation.
 */
import type { Plan } from '../schema';
import { type PlanSource, planFromSource, type SourceRow } from '../source';

/** 【人事管理】 per-01 … per-19 */
// biome-ignore format: one line per table row, as the plan prints it
const personnelRows: SourceRow[] = [
  ['職員採用', '職員採用のための効果的な情報発信', 'ホームページの採用情報の充実及び就職セミナー等への参加', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-01
  ['', '', 'インターンシップの積極的な受け入れ', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-02
  ['', '能力と意欲を重視した採用の実施', 'コミュニケーション能力及び公務に対する意欲を重視した採用', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-03
  ['', '多様な人材の確保', '再任用職員・任期付職員の活用', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-04
  ['', '', '民間経験者枠の検討による社会人採用の強化', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // per-05
  ['', '', '障がい者の法定雇用率の遵守', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-06
  ['人事評価制度', '人事評価制度の適切な運用', '新規採用職員等への制度の適切な理解のための研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-07
  ['', '', '人事評価制度の運用見直しによる改善', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // per-08
  ['', '評価結果の適切な運用', '人事評価結果の分析及び研修企画等への活用', '新規', '研究', '⇒', '活用', '⇒', '⇒'], // per-09
  ['', '評価者研修の充実', '評価者の評価スキル向上及び評価の目線あわせのための研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-10
  ['配置管理', '経歴管理（ジョブ・ローテーション）の推進', 'ジョブ・ローテーションの適切な運用', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-11
  ['', '', '若手技術職の多様な業務・職場経験に配慮した配置管理の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-12
  ['', '特定の行政分野・職務内容に精通した職員の育成', '特定の行政分野・職務内容に精通した職員の育成', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-13
  ['', '自己申告制度の充実', '自己分析・健康管理への活用に向けた自己申告書充実の検討', '継続', '検討', '⇒', '⇒', '⇒', '⇒'], // per-14
  ['', '庁内公募制の推進', '国等への長期派遣者の公募の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-15
  ['', 'キャリア形成支援', '若手職員のキャリア形成を支援するための研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-16
  ['', '', '若手職員のキャリア形成を支援することができる管理監督職の育成', '新規', '研究', '検討', '実施', '⇒', '⇒'], // per-17
  ['昇任管理', '適正な昇任管理の推進', '人事評価結果を活用した適正な昇任管理の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-18
  ['女性職員の活躍推進', '子育て・女性活躍特定事業主行動計画の推進', '子育て・女性職員活躍特定事業主行動計画に定める各取組の推進（女性職員の管理監督者への登用の促進及び職員のワーク・ライフ・バランスの推進）', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // per-19
];

/** 【職員研修】 trn-01 … trn-16 */
// biome-ignore format: one line per table row, as the plan prints it
const trainingRows: SourceRow[] = [
  ['自己啓発', '自己啓発支援制度の充実', '自主研修活動への支援制度の再編', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // trn-01
  ['', '', '業務上必置資格に係る経費負担の整理', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // trn-02
  ['', '自己啓発の結果の活用', '自己啓発状況の把握及び配置管理への配慮', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-03
  ['', '自己啓発等休業制度等の導入検討', '修学部分休業制度の運用開始', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-04
  ['研修所研修', '階層別研修の充実', '庁内及びふくしま自治研修センターでの階層別研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-05
  ['', '', 'コンプライアンス意識を啓発するための研修や不祥事を発生させない組織づくりのための研修等の強化', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-06
  ['', '', '管理監督者に対する働き方改革を実践するためのマネジメントスキル向上に向けた研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-07
  ['', '', '高齢期職員に対する研修の充実', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // trn-08
  ['', '専門研修・特別研修の推進', '専門の外部研修機関等研修への計画的派遣', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-09
  ['', '', '庁内 dX を推進するデジタル人材育成に向けた研修等の実施', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-10
  ['', '所属長による研修受講勧奨', '階層別研修における所属長からの受講勧奨の徹底', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-11
  ['', '研修成果の組織への還元', '専門の外部研修機関等の研修受講後の職場研修実施の徹底', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-12
  ['派遣研修', '国・地方自治体への派遣研修', '原則公募による国等への派遣研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // trn-13
  ['', '民間企業等への派遣研修', '民間企業等への派遣研修の実施及び派遣先・派遣対象者等の見直しの検討', '継続', '検討', '⇒', '⇒', '⇒', '⇒'], // trn-14
  ['', '', '民間企業等への長期派遣研修の研究', '新規', '研究', '⇒', '⇒', '⇒', '⇒'], // trn-15
  ['', '民間企業等からの研修生の受入れ拡大', '民間企業等からの研修生の受入れ手法の拡大', '新規', '検討', '⇒', '⇒', '⇒', '⇒'], // trn-16
];

/** 【組織文化】 cul-01 … cul-21 */
// biome-ignore format: one line per table row, as the plan prints it
const cultureRows: SourceRow[] = [
  ['市民主体意識の徹底', '市民サービス向上のための全庁的な運動の推進', 'サービス向上運動の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-01
  ['', '市民からの評価の収集及び検証の推進', '市民から寄せられた意見、苦情等の各職場へのフィードバック', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-02
  ['', '', 'ワークショップ等を活用した市民からの意見を踏まえた事業推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-03
  ['', '地域活動等への参加の促進', '地域活動等への参加の意識啓発の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-04
  ['', '', '地域貢献活動の手引を活用した基準等の周知', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-05
  // The seed text drops this row's empty 中項目 cell and shifts it one column left;
  // it belongs under 市民主体意識の徹底 like the rows above it.
  ['', '市民、民間企業等との交流機会の検討', '市民、民間企業等との協働によるセミナー等の検討', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // cul-06
  ['学習的職場風土づくり', '管理監督者による職場環境づくりの推進', '自己啓発及び各種研修受講の勧奨', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-07
  ['', '', '各職場での職員間の業務配分の点検及び業務平準化の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-08
  ['', '職場研修（OJT）の推進', '専門の外部研修機関等の研修受講後の職場研修実施の徹底（再掲）', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-09
  ['', '', '各職場の課題解決のための職場研修実施に対する経費の支援', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-10
  ['', '職場ミーティングの定着促進', '管理監督者の階層別研修等での職場ミーティング実施徹底の周知', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-11
  ['', '', '職場ミーティングによる業務改革・職場改善の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-12
  ['', '職員提案制度の推進及び充実', '職員からのボトムアップによる改善提案収集の仕組み整備', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-13
  ['', 'メンター制度の適切な運用', 'メンターへの指導スキル向上研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-14
  ['', '', '新規採用職員同士及びメンター同士の意見交換の実施', '新規', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-15
  ['目標管理型の組織運営', '各職場における組織目標に基づく業務遂行の徹底', '所属長による組織目標の設定及び所属内への周知', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-16
  ['', '人事評価制度の業績評価を活用した組織運営', '組織目標を踏まえた業績評価の目標設定及び当該目標を念頭においた業務遂行', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-17
  ['他部門間交流の推進', '他部門（職場）間の交流の推進', '各種階層別研修での業務内容、課題等の意見交換の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-18
  ['働き方改革の推進', '働き方に対する意識改革の推進', '管理監督者に対する働き方改革を実践するためのマネジメントスキル向上に向けた研修の実施【再掲】', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-19
  ['', '仕事の生産性の向上を図るための取組の検討及び推進', '職場ミーティングによる業務改革・職場改善の推進【再掲】', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // cul-20
  ['', '柔軟な働き方の検討及び推進', 'フレックスタイム及びテレワークの本格導入', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // cul-21
];

/** 【働きやすい環境づくり】 env-01 … env-17 */
// biome-ignore format: one line per table row, as the plan prints it
const environmentRows: SourceRow[] = [
  ['ワーク・ライフ・バランス', '長時間労働の縮減の推進', '業務及び事業の統廃合や手法の見直しを進めるための全庁的な仕組みの検討', '新規', '検討', '実施', '⇒', '⇒', '⇒'], // env-01
  ['', '', '職場ミーティングによる業務改革・職場改善の推進【再掲】', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-02
  ['', '', '時間外勤務時間の平準化の観点からの人事配置及び業務分担の見直しの実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-03
  ['', '子育て支援（子育て・女性活躍推進に関する特定事業主行動計画の推進）', '特定事業主行動計画に定める取組（妊娠中及び出産後における女性職員への配慮、男性職員の子育てに係る休暇等の取得促進）の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-04
  ['', '介護が必要な職員への支援', '介護休暇等を取得しやすい組織風土の醸成及び各種休暇制度の周知', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-05
  ['健康管理・メンタルヘルス', '健康相談・指導体制の充実', '保健指導の担当職員及び臨床心理士による健康相談・指導の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-06
  ['', '', '長時間の時間外勤務を行った職員への健康管理医等による面接指導の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-07
  ['', 'メンタルヘルス不調の未然防止', 'メンタルヘルス不調未然防止のための研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-08
  ['', '', 'ストレスチェックの実施及びその結果高ストレスと判定された職員への健康管理医による面談の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-09
  ['', '職場での健康管理・メンタルヘルス支援体制の整備', '管理監督者を対象とする部下職員のストレス性疾患等の予防及び早期発見・早期対応に関する研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-10
  ['', '', '外部の専門機関が提供する職員支援サービスの運用によるメンタルヘルス対策の強化', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-11
  ['ハラスメント防止', 'ハラスメント防止に対する理解の促進', 'ハラスメント防止に向けた理解促進のための研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-12
  ['', '', 'ハラスメント防止に向けた規程及び手引きの周知徹底', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-13
  ['', 'ハラスメント相談体制の整備・周知', 'ハラスメント相談体制等の整備及び周知', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-14
  ['労働安全管理', '作業環境管理・作業管理体制の整備', '各職場の作業環境の把握・改善のための安全衛生委員会による定期的な職場巡視の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-15
  ['', '', '各職場の安全な作業環境整備のための3S（整理・整頓・清潔）による取組の推進', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-16
  ['', '職場安全教育の推進', 'チェーンソー作業、刈払機作業、除雪作業等の危険作業に関する労働安全研修の実施', '継続', '実施', '⇒', '⇒', '⇒', '⇒'], // env-17
];

// biome-ignore format: one line per phrase
const english: Record<string, string> = {
  '職員採用': 'Recruitment',
  '職員採用のための効果的な情報発信': 'Effective outreach for recruitment',
  'ホームページの採用情報の充実及び就職セミナー等への参加': 'Richer recruitment information on the city website, and taking part in job fairs and similar events',
  'インターンシップの積極的な受け入れ': 'Actively hosting interns',
  '能力と意欲を重視した採用の実施': 'Hiring that values ability and motivation',
  'コミュニケーション能力及び公務に対する意欲を重視した採用': 'Hiring that weighs communication skills and commitment to public service',
  '多様な人材の確保': 'Securing a diverse workforce',
  '再任用職員・任期付職員の活用': 'Making use of re-employed and fixed-term staff',
  '民間経験者枠の検討による社会人採用の強化': 'Stronger mid-career hiring through a track for applicants with private-sector experience',
  '障がい者の法定雇用率の遵守': 'Meeting the statutory employment rate for people with disabilities',
  '人事評価制度': 'Performance evaluation',
  '人事評価制度の適切な運用': 'Sound operation of the performance evaluation system',
  '新規採用職員等への制度の適切な理解のための研修の実施': 'Training so that new recruits and others understand the system properly',
  '人事評価制度の運用見直しによる改善': 'Improving the system by reviewing how it is run',
  '評価結果の適切な運用': 'Sound use of evaluation results',
  '人事評価結果の分析及び研修企画等への活用': 'Analysing evaluation results and using them to plan training and more',
  '評価者研修の充実': 'Better training for evaluators',
  '評価者の評価スキル向上及び評価の目線あわせのための研修の実施': 'Training to improve evaluators\' skills and align their standards',
  '配置管理': 'Staff placement',
  '経歴管理（ジョブ・ローテーション）の推進': 'Career-path management (job rotation)',
  'ジョブ・ローテーションの適切な運用': 'Sound operation of job rotation',
  '若手技術職の多様な業務・職場経験に配慮した配置管理の推進': 'Placing young technical staff so that they gain varied work and workplace experience',
  '特定の行政分野・職務内容に精通した職員の育成': 'Developing staff with deep expertise in particular fields of administration or duties',
  '自己申告制度の充実': 'A better self-report system',
  '自己分析・健康管理への活用に向けた自己申告書充実の検討': 'Considering a richer self-report form that staff can use for self-analysis and health management',
  '庁内公募制の推進': 'Internal open calls',
  '国等への長期派遣者の公募の実施': 'Open internal calls for long-term secondments to the national government and other bodies',
  'キャリア形成支援': 'Career development support',
  '若手職員のキャリア形成を支援するための研修の実施': 'Training that supports young staff in shaping their careers',
  '若手職員のキャリア形成を支援することができる管理監督職の育成': 'Developing managers and supervisors who can support young staff in shaping their careers',
  '昇任管理': 'Promotion',
  '適正な昇任管理の推進': 'Fair promotion management',
  '人事評価結果を活用した適正な昇任管理の推進': 'Fair promotion decisions that draw on evaluation results',
  '女性職員の活躍推進': 'Advancing women on the staff',
  '子育て・女性活躍特定事業主行動計画の推進': 'Carrying out the employer action plan on child-rearing support and women\'s advancement',
  '子育て・女性職員活躍特定事業主行動計画に定める各取組の推進（女性職員の管理監督者への登用の促進及び職員のワーク・ライフ・バランスの推進）': 'Carrying out each measure of the employer action plan on child-rearing support and women\'s advancement (appointing more women as managers and supervisors, and work–life balance for all staff)',
  '自己啓発': 'Self-development',
  '自己啓発支援制度の充実': 'Better support for self-development',
  '自主研修活動への支援制度の再編': 'Reorganising support for staff-led study activities',
  '業務上必置資格に係る経費負担の整理': 'Settling who pays for qualifications the job requires',
  '自己啓発の結果の活用': 'Making use of self-development',
  '自己啓発状況の把握及び配置管理への配慮': 'Keeping track of staff self-development and taking it into account in placement',
  '自己啓発等休業制度等の導入検討': 'Considering leave schemes for self-development',
  '修学部分休業制度の運用開始': 'Starting partial leave for study',
  '研修所研修': 'Institutional training',
  '階層別研修の充実': 'Better grade-based training',
  '庁内及びふくしま自治研修センターでの階層別研修の実施': 'Grade-based training in-house and at the Fukushima local government training centre',
  'コンプライアンス意識を啓発するための研修や不祥事を発生させない組織づくりのための研修等の強化': 'More training to raise compliance awareness and to build an organisation in which misconduct does not happen',
  '管理監督者に対する働き方改革を実践するためのマネジメントスキル向上に向けた研修の実施': 'Training for managers and supervisors in the management skills needed to put work-style reform into practice',
  '高齢期職員に対する研修の充実': 'Better training for older staff',
  '専門研修・特別研修の推進': 'Specialist and special training',
  '専門の外部研修機関等研修への計画的派遣': 'Sending staff to specialist external training institutions according to plan',
  '庁内 dX を推進するデジタル人材育成に向けた研修等の実施': 'Training to develop the digital talent that drives digital transformation (dX) within the city office',
  '所属長による研修受講勧奨': 'Heads of section encouraging training',
  '階層別研修における所属長からの受講勧奨の徹底': 'Making sure heads of section encourage their staff to attend grade-based training',
  '研修成果の組織への還元': 'Bringing what is learned back to the organisation',
  '専門の外部研修機関等の研修受講後の職場研修実施の徹底': 'Making sure staff who attend specialist external training pass it on through workplace training',
  '派遣研修': 'Secondments',
  '国・地方自治体への派遣研修': 'Secondments to the national government and other local governments',
  '原則公募による国等への派遣研修の実施': 'Secondments to the national government and other bodies, filled by open internal call as a rule',
  '民間企業等への派遣研修': 'Secondments to private companies and other organisations',
  '民間企業等への派遣研修の実施及び派遣先・派遣対象者等の見直しの検討': 'Secondments to private companies, and considering a review of host organisations and eligible staff',
  '民間企業等への長期派遣研修の研究': 'Researching long-term secondments to private companies',
  '民間企業等からの研修生の受入れ拡大': 'Hosting more trainees from private companies and other organisations',
  '民間企業等からの研修生の受入れ手法の拡大': 'More ways of hosting trainees from private companies and other organisations',
  '市民主体意識の徹底': 'A citizen-first mindset throughout',
  '市民サービス向上のための全庁的な運動の推進': 'A city-wide campaign to improve service to citizens',
  'サービス向上運動の実施': 'Running the service improvement campaign',
  '市民からの評価の収集及び検証の推進': 'Gathering and reviewing citizens\' assessments',
  '市民から寄せられた意見、苦情等の各職場へのフィードバック': 'Feeding citizens\' opinions, complaints and the like back to each workplace',
  'ワークショップ等を活用した市民からの意見を踏まえた事業推進': 'Running projects informed by citizens\' views gathered in workshops and similar settings',
  '地域活動等への参加の促進': 'Encouraging participation in community activities',
  '地域活動等への参加の意識啓発の推進': 'Raising awareness of taking part in community activities',
  '地域貢献活動の手引を活用した基準等の周知': 'Making the rules known through the guide to community contribution activities',
  '市民、民間企業等との交流機会の検討': 'Considering opportunities to meet citizens, private companies and others',
  '市民、民間企業等との協働によるセミナー等の検討': 'Considering seminars and similar events held jointly with citizens, private companies and others',
  '学習的職場風土づくり': 'A workplace culture of learning',
  '管理監督者による職場環境づくりの推進': 'Managers and supervisors shaping the workplace environment',
  '自己啓発及び各種研修受講の勧奨': 'Encouraging self-development and attendance at training',
  '各職場での職員間の業務配分の点検及び業務平準化の推進': 'Checking how work is shared among staff in each workplace, and evening out workloads',
  '職場研修（OJT）の推進': 'On-the-job training (OJT)',
  '各職場の課題解決のための職場研修実施に対する経費の支援': 'Funding workplace training that tackles each workplace\'s own issues',
  '職場ミーティングの定着促進': 'Making workplace meetings a habit',
  '管理監督者の階層別研修等での職場ミーティング実施徹底の周知': 'Using grade-based training for managers and supervisors to make sure workplace meetings are held',
  '職場ミーティングによる業務改革・職場改善の推進': 'Reforming work and improving workplaces through workplace meetings',
  '職員提案制度の推進及び充実': 'Promoting and strengthening the staff suggestion scheme',
  '職員からのボトムアップによる改善提案収集の仕組み整備': 'A system for collecting bottom-up improvement proposals from staff',
  'メンター制度の適切な運用': 'Sound operation of the mentoring scheme',
  'メンターへの指導スキル向上研修の実施': 'Training mentors in coaching skills',
  '新規採用職員同士及びメンター同士の意見交換の実施': 'Exchanges of views among new recruits and among mentors',
  '目標管理型の組織運営': 'Management by objectives',
  '各職場における組織目標に基づく業務遂行の徹底': 'Making sure each workplace works towards its organisational goals',
  '所属長による組織目標の設定及び所属内への周知': 'Heads of section setting organisational goals and making them known in the section',
  '人事評価制度の業績評価を活用した組織運営': 'Running the organisation with the performance appraisal of the evaluation system',
  '組織目標を踏まえた業績評価の目標設定及び当該目標を念頭においた業務遂行': 'Setting appraisal targets that reflect organisational goals, and working with those targets in mind',
  '他部門間交流の推進': 'Exchange across departments',
  '他部門（職場）間の交流の推進': 'Exchange between departments (workplaces)',
  '各種階層別研修での業務内容、課題等の意見交換の実施': 'Exchanging views on work, issues and the like in grade-based training',
  '働き方改革の推進': 'Work-style reform',
  '働き方に対する意識改革の推進': 'Changing attitudes to the way we work',
  '仕事の生産性の向上を図るための取組の検討及び推進': 'Considering and pursuing measures to raise productivity',
  '柔軟な働き方の検討及び推進': 'Considering and promoting flexible working',
  'フレックスタイム及びテレワークの本格導入': 'Full introduction of flextime and telework',
  'ワーク・ライフ・バランス': 'Work–life balance',
  '長時間労働の縮減の推進': 'Reducing long working hours',
  '業務及び事業の統廃合や手法の見直しを進めるための全庁的な仕組みの検討': 'Considering a city-wide mechanism for merging or ending tasks and programmes and rethinking how they are done',
  '時間外勤務時間の平準化の観点からの人事配置及び業務分担の見直しの実施': 'Reviewing staffing and the division of work to even out overtime',
  '子育て支援（子育て・女性活躍推進に関する特定事業主行動計画の推進）': 'Child-rearing support (carrying out the employer action plan on child-rearing support and women\'s advancement)',
  '特定事業主行動計画に定める取組（妊娠中及び出産後における女性職員への配慮、男性職員の子育てに係る休暇等の取得促進）の推進': 'Carrying out the measures of the employer action plan (care for women staff during pregnancy and after childbirth; encouraging men on the staff to take childcare leave)',
  '介護が必要な職員への支援': 'Support for staff who care for family members',
  '介護休暇等を取得しやすい組織風土の醸成及び各種休暇制度の周知': 'A culture in which carer\'s leave is easy to take, and making the leave schemes known',
  '健康管理・メンタルヘルス': 'Health and mental health',
  '健康相談・指導体制の充実': 'Better health consultation and guidance',
  '保健指導の担当職員及び臨床心理士による健康相談・指導の実施': 'Health consultation and guidance by health-guidance staff and clinical psychologists',
  '長時間の時間外勤務を行った職員への健康管理医等による面接指導の実施': 'Interviews by the occupational physician or others for staff who have worked long overtime',
  'メンタルヘルス不調の未然防止': 'Preventing mental ill-health',
  'メンタルヘルス不調未然防止のための研修の実施': 'Training to prevent mental ill-health',
  'ストレスチェックの実施及びその結果高ストレスと判定された職員への健康管理医による面談の実施': 'Stress checks, and interviews by the occupational physician for staff found to be under high stress',
  '職場での健康管理・メンタルヘルス支援体制の整備': 'Health and mental-health support in the workplace',
  '管理監督者を対象とする部下職員のストレス性疾患等の予防及び早期発見・早期対応に関する研修の実施': 'Training for managers and supervisors in preventing, spotting and responding early to stress-related illness among their staff',
  '外部の専門機関が提供する職員支援サービスの運用によるメンタルヘルス対策の強化': 'Stronger mental-health care through an employee assistance service run by an external specialist',
  'ハラスメント防止': 'Harassment prevention',
  'ハラスメント防止に対する理解の促進': 'Better understanding of harassment prevention',
  'ハラスメント防止に向けた理解促進のための研修の実施': 'Training to deepen understanding of harassment prevention',
  'ハラスメント防止に向けた規程及び手引きの周知徹底': 'Making the harassment-prevention rules and guide known to everyone',
  'ハラスメント相談体制の整備・周知': 'Setting up and publicising harassment consultation',
  'ハラスメント相談体制等の整備及び周知': 'Setting up and publicising the harassment consultation system and related arrangements',
  '労働安全管理': 'Occupational safety',
  '作業環境管理・作業管理体制の整備': 'Managing working environments and work practices',
  '各職場の作業環境の把握・改善のための安全衛生委員会による定期的な職場巡視の実施': 'Regular workplace inspections by the health and safety committee to assess and improve each workplace\'s working environment',
  '各職場の安全な作業環境整備のための3S（整理・整頓・清潔）による取組の推進': 'The 3S (sort, set in order, keep clean) for a safe working environment in every workplace',
  '職場安全教育の推進': 'Workplace safety education',
  'チェーンソー作業、刈払機作業、除雪作業等の危険作業に関する労働安全研修の実施': 'Occupational safety training for hazardous work such as chainsaws, brush cutters and snow clearing',
};

const source: PlanSource = {
  id: 'aizuwakamatsu-fy2023-2027',
  city: { ja: '会津若松市', en: 'Aizuwakamatsu City' },
  title: {
    ja: '会津若松市人材育成推進プラン（令和5年度～令和9年度）',
    en: 'Aizuwakamatsu City Human Resources Development Plan (FY2023–FY2027)',
  },
  fiscalYears: { from: 2023, to: 2027 },
  priorities: [
    {
      id: 'workstyle',
      number: 1,
      name: { ja: '働き方改革の推進', en: 'Promoting work-style reform' },
      summary: {
        ja: '令和3年2月に策定した「働き方改革の指針」に則り、ワークとライフの相乗効果によって職員が高い創造性と生産性を発揮できるよう働き方改革を進め、職場内のコミュニケーションを密にして組織力を強化します。',
        en: 'Following the work-style reform guidelines adopted in February 2021, the city reforms how it works so that work and life reinforce each other and staff can be highly creative and productive, and strengthens the organisation through closer communication in the workplace.',
      },
    },
    {
      id: 'compliance',
      number: 2,
      name: { ja: 'コンプライアンス意識の啓発・強化', en: 'Raising and strengthening compliance awareness' },
      summary: {
        ja: '令和4年11月に公表した元職員による公金詐取事件を受け、職員の不祥事根絶を目指して、コンプライアンス意識の啓発・強化を図り、不祥事を発生させない組織づくりを進めます。',
        en: 'In response to the fraudulent taking of public funds by a former employee, made public in November 2022, the city aims to eradicate staff misconduct by raising and strengthening compliance awareness and building an organisation in which misconduct does not happen.',
      },
    },
    {
      id: 'career',
      number: 3,
      name: { ja: 'キャリア開発の支援による人材育成', en: 'Developing people by supporting their careers' },
      summary: {
        ja: '65歳までの定年引上げにより、職員として勤務する期間が長くなることで、職員一人ひとりが主体的に自身のキャリアを形成していく必要性が高まることから、各階層に合わせたキャリア開発を支援することで、個人の成長と組織の成長が調和できる職場づくりを進めます。',
        en: 'As the retirement age rises to 65 and careers grow longer, each employee needs more than ever to shape their own career; by supporting career development suited to each grade, the city builds workplaces where individual and organisational growth go hand in hand.',
      },
    },
    {
      id: 'midcareer',
      number: 4,
      name: { ja: '社会人採用の強化', en: 'Strengthening mid-career recruitment' },
      summary: {
        ja: '少子高齢化の急速な進行によって厳しさが増す職員採用の改善を図り、合わせて本市職員の年齢構成の偏りを解消するとともに、多様な人材の採用によって複雑・高度化する行政課題の解決の一助とすることを旨として、社会人採用を強化します。',
        en: 'The city strengthens mid-career recruitment to improve hiring, which grows harder as the population rapidly ages and shrinks, to even out the age profile of its staff, and to help solve increasingly complex administrative problems by hiring people with diverse backgrounds.',
      },
    },
    {
      id: 'digital',
      number: 5,
      name: { ja: 'デジタル人材の育成', en: 'Developing digital talent' },
      summary: {
        // Verbatim, including the plan's own wording 「取り組めます」.
        ja: '社会の急速なデジタル化の進展を踏まえて、市として推進している「スマートシティ会津若松」や庁内dXの各種取組みを担うデジタル人材の育成に取り組めます。',
        en: 'In view of the rapid digitalisation of society, the city develops the digital talent to carry its "Smart City Aizuwakamatsu" initiative and the digital transformation (dX) of the city office.',
      },
    },
  ],
  tables: [
    {
      pillarId: 'personnel',
      heading: { ja: '人事管理', en: 'Personnel management' },
      idPrefix: 'per',
      rows: personnelRows,
    },
    {
      pillarId: 'training',
      heading: { ja: '職員研修', en: 'Staff training' },
      idPrefix: 'trn',
      rows: trainingRows,
    },
    {
      pillarId: 'culture',
      heading: { ja: '組織文化', en: 'Organisational culture' },
      idPrefix: 'cul',
      rows: cultureRows,
    },
    {
      pillarId: 'environment',
      heading: { ja: '働きやすい環境づくり', en: 'A good place to work' },
      idPrefix: 'env',
      rows: environmentRows,
    },
  ],
  english,
};

/** The plan, built and checked by the same loader any city's plan goes through. */
export const aizuwakamatsuPlan: Plan = planFromSource(source);
