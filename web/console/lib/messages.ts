import type { PAGE_MESSAGES } from './messages-pages';

/**
 * The console's own words: [Japanese, English]. Names of units, constructs,
 * items and plan rows come from the API in both languages.
 *
 * This file holds the words of the first page only — the shell, sign-in and
 * the dashboard with its panels — because it ships in the entry chunk
 * (docs/DESIGN.md §7: the first page ≤ 110 KB gzipped JS). Every other
 * page's words are in messages-pages.ts, loaded with the first such page
 * (lib/i18n.tsx). A key used by a file the first page loads must be here:
 * tests/web/console-messages.test.ts checks it.
 */
export const MESSAGES = {
  // Shell
  consoleName: ['人事コンソール', 'HR console'],
  skipToContent: ['本文へ移動', 'Skip to content'],
  mainNav: ['メインメニュー', 'Main menu'],
  navDashboard: ['ダッシュボード', 'Dashboard'],
  navCampaigns: ['調査', 'Surveys'],
  navRoster: ['職員名簿', 'Roster'],
  navPlan: ['プランの取組', 'Plan'],
  navTargets: ['目標値', 'Targets'],
  navReport: ['年次報告書', 'Annual report'],
  navUsers: ['アカウント', 'Accounts'],
  signOut: ['サインアウト', 'Sign out'],
  footer: [
    '回答は暗号技術により個人と結びつかない形で保存されています。少人数の集団の結果は表示しません。',
    'Answers are stored so that cryptography keeps them apart from who gave them. Results of small groups are never shown.',
  ],
  loading: ['読み込んでいます…', 'Loading…'],
  loadingPage: ['ページを読み込んでいます…', 'Loading the page…'],
  pageLoadFailed: [
    'ページを読み込めませんでした。ネットワークを確認して、再読み込みしてください。',
    'The page could not be loaded. Check the network and reload.',
  ],
  reloadPage: ['再読み込み', 'Reload'],
  loadingReference: ['組織とプランを読み込んでいます…', 'Loading the organisation and the plan…'],
  demoPreparing: ['デモデータを準備しています…', 'Preparing demo data…'],
  demoPreparingLead: [
    '初回の起動では、架空の市役所の4年度分の調査を実際の回答手順で作成します。準備ができるとダッシュボードが表示されます。',
    'On the first start, koe makes four fiscal years of surveys of a made-up city hall, answered the way staff answer. The dashboard appears when it is ready.',
  ],
  demoStageOrganisation: ['組織と名簿を作成しています', 'Creating the organisation and the roster'],
  demoStageAnswers: ['{year}の回答: {done} / {total} 件', 'Answers for {year}: {done} of {total}'],
  demoStageFeedback: ['職員の声（提案・相談）を作成しています', 'Adding staff feedback'],
  demoYears: ['{done} / {total} 年度完了', '{done} of {total} fiscal years done'],
  notFound: ['ページが見つかりません', 'Page not found'],
  backToDashboard: ['ダッシュボードへ戻る', 'Back to the dashboard'],
  errorTitle: ['エラーが発生しました', 'Something went wrong'],
  errorForbiddenTitle: ['このページは表示できません', 'You cannot open this page'],
  errorForbidden: [
    'このアカウントの権限では表示できません。',
    'Your account does not have permission for this.',
  ],
  errorNotFound: ['見つかりませんでした。', 'It was not found.'],
  errorResultsWhileOpen: [
    '調査の実施中は結果を表示しません（回答状況のみ表示します）。締め切ると集計されます。',
    'Results are not shown while a survey is open (only participation is). They are computed when it closes.',
  ],
  errorResultsPending: [
    '結果を集計しています。しばらくしてから再度開いてください。',
    'Results are still being computed. Please open this page again shortly.',
  ],
  print: ['印刷', 'Print'],
  exportCsv: ['CSVで書き出す', 'Export CSV'],
  // Roles and accounts
  roleAdmin: ['管理者', 'Administrator'],
  roleAnalyst: ['分析担当', 'Analyst'],
  roleManager: ['所属長', 'Manager'],
  roleCustodian: ['コード管理者', 'Code custodian'],
  roleAuditor: ['監査担当', 'Auditor'],
  // Audit log
  navAudit: ['監査ログ', 'Audit log'],
  navSettings: ['設定', 'Settings'],
  settingsTitle: ['設定', 'Settings'],
  email: ['メールアドレス', 'E-mail address'],
  password: ['パスワード', 'Password'],
  role: ['役割', 'Role'],
  // Sign-in
  signInTitle: ['人事コンソールにサインイン', 'Sign in to the HR console'],
  signInLead: [
    '人事課・コード管理者・分析担当・所属長・監査担当のアカウントでサインインします。',
    'Sign in with your HR, custodian, analyst, manager or auditor account.',
  ],
  signIn: ['サインイン', 'Sign in'],
  signingIn: ['サインインしています…', 'Signing in…'],
  signInFailed: [
    'メールアドレスまたはパスワードが違うか、アカウントがロックされています。',
    'Wrong e-mail or password, or the account is locked.',
  ],
  signInLocked: [
    'サインインの失敗が続いたため、しばらくロックされています。時間をおいてください。',
    'Too many failed sign-ins; the account is locked for a while. Please try again later.',
  ],
  signInError: [
    'サインインできませんでした。時間をおいて再度お試しください。',
    'Could not sign in. Please try again later.',
  ],
  sessionExpired: [
    'セッションの有効期限が切れました。もう一度サインインしてください。',
    'Your session has ended. Please sign in again.',
  ],

  // Dashboard
  dashboardTitle: ['柱別の指標（令和5〜9年度）', 'Indicators by pillar'],
  dashboardOrganisation: [
    '全庁の回答から、各指標の「好意的な回答」（5段階の4・5）の割合を年度ごとに示します。',
    'For the whole organisation: the share of favourable answers (4 or 5 on a five-point scale) for each indicator, by fiscal year.',
  ],
  dashboardSubtree: [
    '{unit}とその下の組織の回答から、各指標の「好意的な回答」の割合を年度ごとに示します。',
    'For {unit} and the units under it: the share of favourable answers for each indicator, by fiscal year.',
  ],
  respondentsByYear: ['年度ごとの回答者数', 'Respondents by fiscal year'],
  respondentsN: ['回答 {n}人', '{n} respondents'],
  lastBackup: ['最終バックアップ：{at}（{size}、暗号化済み）', 'Last backup: {at} ({size}, encrypted)'],
  lastBackupNever: [
    '最終バックアップ：まだありません（npm run backup で作成できます）',
    'Last backup: none yet (npm run backup makes one)',
  ],
  viewResultsOf: ['{year}の結果', 'Results {year}'],
  surveyInProgress: ['調査実施中', 'Survey open'],
  matrixCaption: [
    '{pillar}の指標：年度ごとの好意的回答率、前年度からの変化、目標と推移',
    '{pillar}: favourable share per fiscal year, change, target and trend',
  ],
  indicator: ['指標', 'Indicator'],
  trend: ['推移', 'Trend'],
  trendOf: ['{name}の推移', 'Trend of {name}'],
  legend: ['凡例', 'Legend'],
  legendValue: ['数値＝好意的回答率', 'Figure = favourable share'],
  legendDelta: [
    '前年度からの上昇／低下（ポイント）。調査のなかった年度をはさむときは比べた年度を「FY2023比」のように示します',
    'rise / fall from the previous year (points); after a year without a survey, the year compared with is named (“vs FY2023”)',
  ],
  legendSignificant: [
    '＝統計的に有意な変化（多重比較を補正：偽発見率 {fdr}%）',
    '= statistically significant change (corrected for many tests: false discovery rate {fdr}%)',
  ],
  vsFy: ['{fy}比', 'vs {fy}'],
  significanceNote: [
    '「有意」の判定について：このページでは {m} 件の前年度比較を同時に検定しているため、偶然の「有意」が紛れ込まないよう、Benjamini–Hochberg 法で補正した値（q 値）が偽発見率 {fdr}% 以内のものだけを「有意」としています（補正前の p 値は CSV と API にあります）。好意的回答率は2つの割合の z 検定、平均値の指標は Welch の t 検定です。',
    'About “significant”: this page tests {m} year-over-year changes at once, so that chance findings do not slip in, a change is marked significant only when its Benjamini–Hochberg adjusted value (q) keeps the false discovery rate within {fdr}% (the raw p-values are in the CSV and the API). Favourable shares use the two-proportion z-test; mean-type indicators use Welch’s t-test.',
  ],
  pillarSummary: [
    '柱の総合（各指標の好意的回答率の平均）',
    'Pillar summary (mean of its indicators’ favourable shares)',
  ],
  pillarSummaryOf: ['{pillar}の総合の推移', 'Trend of the {pillar} summary'],
  pillarSummaryCi: ['95%区間 {lo}〜{hi}', '95% interval {lo}–{hi}'],
  helpPillarSummarySummary: ['「柱の総合」とは', 'What the pillar summary is'],
  helpPillarSummary: [
    'この柱に属する指標それぞれの好意的回答率を単純に平均した値です（指標ごとの重みは同じ）。幅は、同じ人の回答どうしの関係も含めて回答者単位で計算した95%区間です。どれか一つの指標が非表示の年度は、総合も非表示になります。議会・市民への報告用の1つの数字です。',
    'The plain average of the favourable shares of this pillar’s indicators (each weighted equally). The range is its 95% interval, worked out per respondent so that one person’s related answers are taken into account. In a year where any of its indicators is hidden, the summary is hidden too. One figure for council and public reports.',
  ],
  legendTargetCell: ['目標＝その年度の目標値（✓達成）', 'Target = the year’s target (✓ met)'],
  legendNoSurvey: ['＝調査なし', '= no survey that year'],
  legendHidden: ['＝回答者が少ないため非表示', '= hidden: too few respondents'],
  significant: ['有意', 'significant'],
  up: ['上昇', 'up'],
  down: ['低下', 'down'],
  flat: ['変化なし', 'no change'],
  target: ['目標', 'Target'],
  targetMet: ['達成', 'met'],
  targetNotMet: ['未達', 'not met'],
  noSurvey: ['調査なし', 'no survey'],
  noData: ['データなし', 'no data'],

  // Charts
  axisFavourable: ['好意的回答率', 'Favourable share'],
  axisFiscalYear: ['年度', 'Fiscal year'],
  legendActual: ['実績（好意的回答率）', 'Actual (favourable share)'],
  legendTarget: ['目標値', 'Target'],
  legendFavourable: ['好意的回答率：', 'Favourable share:'],
  distributionDesc: [
    '1＝そう思わない 〜 5＝そう思う。数値は回答の割合（%）。',
    '1 = disagree … 5 = agree. Figures are shares of answers (%).',
  ],

  // Construct detail
  constructDetail: ['指標の詳細', 'Indicator detail'],
  pillar: ['柱', 'Pillar'],
  favourable: ['好意的回答率', 'Favourable'],
  mean: ['平均（1〜5）', 'Mean (1–5)'],
  respondents: ['回答者数', 'Respondents'],
  // Plain-words help beside statistical terms (a <details> each, never a hover-only tooltip).
  helpSignificantSummary: ['「有意」とは', 'What “significant” means'],
  helpSignificant: [
    '前年度からの変化が、偶然のばらつきでは説明しにくい大きさであることを示します（統計的検定）。たくさんの変化を同時に調べると偶然「有意」になるものが出るため、Benjamini–Hochberg 法で補正し、誤って「有意」とするものの割合（偽発見率）を5%以内に抑えています。「有意」のない変化は偶然の範囲かもしれません。変化が大きい・重要だという意味ではありません。',
    'The change from the previous year is larger than chance variation would easily explain (a statistical test). Testing many changes at once makes some look significant by chance, so the tests are corrected with the Benjamini–Hochberg method, keeping the share of false “significant” flags (the false discovery rate) within 5%. A change without “significant” may be chance. It does not mean the change is large or important.',
  ],
  byUnit: ['所属別の結果', 'By unit'],
  newCampaign: ['新しい調査を作成', 'Create a survey'],
  fiscalYear: ['年度', 'Fiscal year'],
  status: ['状態', 'Status'],
  statusDraft: ['準備中', 'Draft'],
  statusOpen: ['実施中', 'Open'],
  statusClosed: ['締切済み', 'Closed'],
  campaignDetail: ['調査の詳細', 'Survey'],
  custodianTitle: ['コードの配付', 'Code delivery'],
  custodianLead: [
    'このアカウントは招待コードと提案コードの配付を担当します。システムが本人あてにメールで送り、メールのない職員には紙の招待状を印刷します。結果・指標・投稿は閲覧できません。',
    'This account delivers invitation and feedback codes: the system e-mails each person, and paper invitations are printed for staff without e-mail. It cannot read results, indicators or posts.',
  ],
  custodianNoSurveys: ['配付できる調査はありません。', 'No survey to deliver codes for.'],
  unit: ['所属', 'Unit'],
  unitCode: ['所属コード', 'Unit code'],
  // Slips
  slipsTitle: ['案内票の印刷', 'Invitation slips'],
  // Results
  resultsTitle: ['結果', 'Results'],
  overall: ['全体', 'All respondents'],
  hidden: ['非表示', 'Hidden'],
  hiddenTooltip: [
    '回答者が少なく、個人が特定されるおそれがあるため表示しません',
    'too few respondents to show without risk of identifying someone',
  ],
  hiddenComplementary: ['非表示＊', 'Hidden*'],
  hiddenComplementaryTooltip: [
    '回答者数は足りていますが、差し引きで少人数の集団の値が推測されるのを防ぐため表示しません',
    'enough respondents, but hidden so that a small group’s figures cannot be worked out by subtraction',
  ],
  hiddenKeyGroupTooltip: [
    'この所属の直属職員は少ないため、その回答は上位の集計（部局や全庁）に含めており、この行は表示しません',
    'this unit’s direct staff are few, so their answers are counted with a larger group (its department or the whole organisation) and this row is not shown',
  ],
  legendHiddenFew: ['＝回答者が少ないため非表示', '= hidden: too few respondents'],
  legendHiddenComplementary: [
    '＝差し引きで推測されるのを防ぐため非表示',
    '= hidden so that a small group cannot be worked out by subtraction',
  ],
  hiddenExplainTitle: ['非表示のセルについて', 'About hidden cells'],
  hiddenExplain: [
    '回答者が{k}人未満の集団の値は、個人が特定されないよう表示しません。値も人数も出しません。',
    'Groups with fewer than {k} respondents are hidden so that nobody can be identified: neither the value nor the count is shown.',
  ],
  hiddenExplainComplement: [
    'また、上位の所属から表示中の値を差し引くと少人数の値が分かってしまう場合は、失われる情報が最も少ないセルを合わせて非表示にしています（「非表示＊」）。部や課の直属職員が少ない場合は、まずその部・課の合計の行を非表示にし、配下の課・係は表示します。所属別の非表示の理由は、参加状況で人数が分かるため表示しています。属性別（自己申告）のセルは人数が公開されていないため、理由を区別せず「非表示」と表示します。',
    'Where a hidden value could be worked out by subtracting the visible ones from a larger group, the cell that loses least is hidden too (“Hidden*”). When a department or division has few direct staff, its own total row is hidden first and the units under it stay visible. Units show why they are hidden, since participation already shows their counts; cells by self-reported attribute, whose counts are not public, all just say “Hidden”.',
  ],
  hiddenExplainSensitive: [
    'ハラスメントの設問と自由記述は、{ks}人以上の集団についてのみ表示します。',
    'Harassment questions and comments are shown only for groups of {ks} or more.',
  ],
  checking: ['確認しています…', 'Checking…'],
  // Feedback (職員提案・意見箱): navigation and shared words
  navFeedback: ['職員提案', 'Staff feedback'],
  navFeedbackCodes: ['提案コード', 'Feedback codes'],
  kindProposal: ['提案', 'Proposal'],
  kindConcern: ['困りごと', 'Concern'],
  kindQuestion: ['質問', 'Question'],
  fbReceived: ['受付', 'Received'],
  fbReviewing: ['検討中', 'Under review'],
  fbAdopted: ['採用', 'Adopted'],
  fbDeclined: ['見送り', 'Declined'],
  fbDone: ['対応済', 'Done'],
  kind: ['種類', 'Kind'],
  postsN: ['{n}件', '{n} post(s)'],

  // Feedback codes
  codesTitle: ['職員提案コードの配付', 'Feedback codes'],
  // Feedback slips
  codeSlipsTitle: ['職員提案コードの案内票', 'Feedback code slips'],
  // Triage board
  feedbackTitle: ['職員提案・意見の対応', 'Staff feedback'],
  // One post
  postDetail: ['投稿の詳細', 'Post'],
  // Dashboard: feedback indicators
  fbIndicatorsTitle: ['職員提案・意見箱', 'Staff feedback box'],
  fbIndicatorsLead: [
    '職員提案・意見箱への投稿件数（柱別）、採用率（採用 ÷ 採用・見送りの判断済み）、投稿から人事課の最初の返信までの日数（中央値）を年度ごとに示します。',
    'Posts to the staff feedback box by pillar, the adoption rate (adopted ÷ decided) and the median days from a post to HR’s first reply, by fiscal year.',
  ],
  fbMatrixCaption: [
    '職員提案：柱別の投稿件数・採用率・最初の返信までの日数',
    'Staff feedback: posts, adoption rate and days to first reply, by pillar',
  ],
  fbAllPillars: ['全体', 'All pillars'],
  fbAdoptionOf: ['採用率 {rate}（{n}件）', 'adopted {rate} ({n})'],
  fbMedianReply: ['初回返信 {d}日', 'first reply {d} d'],
  fbNoDecision: ['採用率 —', 'adopted —'],
  fbNoReply: ['初回返信 —', 'first reply —'],
  fbLegend: [
    '上段＝投稿件数、中段＝採用率（採用件数）、下段＝最初の返信までの日数（中央値）。— ＝その年度の投稿なし。',
    'Top: posts; middle: adoption rate (adopted); bottom: median days to the first reply. — = no posts that year.',
  ],
  fbNoPosts: ['投稿なし', 'no posts'],
  fbUnitsCaption: [
    '所属別の投稿件数（部局ごと、その下の組織を含む）',
    'Posts by unit (each department with the units under it)',
  ],
  fbUnitsHidden: [
    '投稿が{k}件未満の所属は、投稿者が推測されないよう件数を表示しません（非表示）。件数は1日1回、前日までの投稿で集計します。投稿は10人以上の職員からなるグループごとに、その上位の所属で数えます。',
    'A unit with fewer than {k} posts is hidden so that its posters cannot be guessed. Counts are made once a day, from the posts up to the day before; a post counts at the top unit of its group of at least 10 staff.',
  ],
  fbOpenBoard: ['投稿の一覧を開く', 'Open the posts'],
  overdueTitle: ['期限を過ぎているものがあります', 'Something is overdue'],
  overdueNotClosed: [
    '「{title}」は回答期限（{deadline}）を過ぎても受付中です。自動の締切が動いていない可能性があります。',
    '"{title}" is still taking answers, though it was open only {deadline} (Japan time). The automatic close may not be running.',
  ],
  overdueCloseAction: ['調査のページで締め切ってください。', 'Close it on the survey page.'],
  overdueResults: [
    '「{title}」は締め切りましたが、{minutes}分以上たっても結果が集計されていません。',
    '"{title}" is closed, but its results are still not computed after {minutes} minutes.',
  ],
  overdueOpen: ['調査のページを開く', 'Open the survey page'],
  // Action plans and the plan's progress (issue 15) as the menu and the dashboard show them
  navActions: ['アクションプラン', 'Action plans'],
  progressBehind: ['遅れ', 'Behind'],
  indicatorInitiatives: ['関係する取組と進捗', 'Related initiatives and progress'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES | keyof typeof PAGE_MESSAGES;
