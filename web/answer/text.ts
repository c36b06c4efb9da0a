import type { Lang } from '../common/lang';

/** Every word the respondent pages show, in plain Japanese and English. */
const ja = {
  app: '声 koe 職員アンケート',
  switchTo: 'English',
  loading: '読み込んでいます…',
  required: '必須',
  optional: '任意',

  entryTitle: '招待コードの入力',
  entryLead:
    '紙の案内票をお持ちの方は、票に書かれた招待コードを入力してください。QRコードを読み取った方や、メールのリンクを開いた方は入力は不要です。別の端末で作った引き継ぎコード（20文字）もここに入力します。',
  entryCode: '招待コード',
  entryCodeHint:
    '案内票の「招待コード」（英数字26文字）。ハイフンや空白、小文字・全角で入力しても構いません。例：ABCD-EFGH-JKMNP-QRST-VWXY-Z0123',
  entryBadCode: (n: number) =>
    `招待コードは英数字26文字、引き継ぎコードは20文字です（いま${n}文字）。もう一度確認してください。`,
  entryNoBox:
    'この引き継ぎコードの内容は見つかりません。使えるのは作ってから24時間、1回だけです。元の端末で作り直してください。',
  entryUnknownCode:
    'この招待コードで回答できる調査が見つかりません。案内票と見比べて、入力に誤りがないか確認してください（受付期間外の調査のコードも使えません）。',
  entryNetwork: '通信できませんでした。インターネットへの接続を確認して、もう一度「次へ」を押してください。',
  entryUnavailable: 'ただいま混み合っています。しばらく待ってから、もう一度「次へ」を押してください。',
  entryTyped: '入力したコード：',
  entryCount: (n: number) => `いま${n}文字`,
  entryChecking: '確認しています…',
  entryGo: '次へ',

  introFy: (fy: number) => `${fy}年度（令和${fy - 2018}年度）`,
  introUnit: '所属',
  introDeadline: (date: string) => `回答期限：${date}`,
  introPurposeTitle: 'この調査の目的',
  introPurpose: (plan?: string) =>
    `職場や人材育成の取組をどう感じているかをお聞きし、${plan ? `「${plan}」の` : '人材育成の'}成果を確かめて改善につなげる調査です。`,
  introTime: (min: number, n: number) =>
    `所要時間は約${min}分です（全${n}問）。途中で閉じても、このブラウザで続きから再開できます。`,
  promise: (k: number) =>
    `この調査は匿名です。名前や招待コードは回答といっしょに保存されず、人事課にも、だれが何と答えたかは分かりません。結果は${k}人以上の集団についてだけ表示されます。`,
  lostDevice:
    '端末をなくしたら：送信前なら、お手元の招待（QRコードかコード）で別の端末から回答できます。送信した回答はそのまま集計されます。変更するには、送信した端末か、そこで作った「引き継ぎコード」が必要です（人事課でも回答の照会や復元はできません）。',
  anonMore: '匿名のしくみ（詳しく）',
  anonTitle: '匿名性のしくみ',
  anonSteps: [
    '「送信する」を押すと、このブラウザが秘密の「トークン」（ランダムな文字列）を作ります。それまで招待は使われないので、読むのと答えるのは別の端末でも構いません。',
    'トークンは中身が見えないように包んだ（ブラインド化した）状態でサーバーに送られます。サーバーは招待コードを確認して署名しますが、トークンそのものは見ていません。',
    '回答はトークンと署名を付けて送ります。招待コードは送りません。署名は本物だと確かめられますが、どの招待に出した署名かは誰にも分かりません。',
  ],
  anonHrTitle: '人事課に見えること',
  anonHr: (k: number, ks: number) =>
    `集計結果は、回答者が${k}人以上の集団についてだけ表示されます。ハラスメントに関する質問と自由記述は、${ks}人以上の集団についてだけ表示されます。実施期間中に分かるのは回答率だけです。だれに招待を送り、だれがトークンを受け取ったかは実施期間中だけ記録され（時刻は記録しません）、締切のときに課ごとの人数だけを残して消去されます。その人が何と答えたかは、どこにも記録されません。回答といっしょに記録される所属は、${ks}人以上で1つの鍵を使う「グループ」だけです。職位・年齢・任用形態は、そのグループの名簿で${k}人以上に当てはまる組み合わせのときだけ記録され、それより少ないときは省いて記録します。招待コードを配る担当者は、集計結果を見ることができません。`,
  anonNeverTitle: '保存しないもの',
  anonNever: [
    '氏名・職員番号・メールアドレス',
    '招待コード',
    'IPアドレスや端末・ブラウザの情報',
    '回答した時刻（記録するのは日付だけです）',
  ],
  anonBatchTitle: '保存のしかた',
  anonBatch:
    '送信された回答は、すぐには書き込まれません。サーバーのメモリーで預かり、ほかの人の回答とまとめて順番を混ぜてから、決まった時刻（毎日0時、締切のとき）に保存します。保存される順番や時刻から、トークンを受け取った人と回答を結び付けられないようにするためです。届いていなければ、このブラウザが自動で送り直します。',
  anonDevice:
    '回答の途中経過とトークンは、このブラウザの中にだけ保存されます。共用の端末では、はじめに「共用の端末で回答する」を選ぶと、この端末には何も保存しません。送信後の控えは、残すことを選ばなければ、保存が確かめられた時点で消去します。',
  start: '回答をはじめる',
  resume: '続きから回答する',
  deviceQuestion: '共用の端末ですか？',
  deviceHint:
    '自分だけが使う端末なら「回答をはじめる」を、職場の共用パソコンなど、ほかの人も使う端末なら「共用の端末で回答する」を選んでください。共用の端末には回答を何も残しません（途中で閉じると、最初からになります）。',
  startShared: '共用の端末で回答する',
  sharedMode: '共用の端末モード：この端末には回答を何も残していません。閉じると入力した回答は消えます。',
  preparing: '準備しています…',

  progress: (i: number, n: number) => `${i} / ${n}`,
  progressLabel: '進み具合',
  next: '次へ',
  back: '戻る',
  toReview: '確認画面へ',
  toIntro: 'はじめの説明に戻る',
  resumed: '前回の続きから表示しています。',
  unsent: '変更した回答は、まだ送信されていません。確認画面から送信してください。',
  sensitiveNotice: (ks: number) =>
    `このページには、つらい経験に関わる質問があります。答えたくない質問は空欄のままで構いません。結果は${ks}人以上の集団についてだけ表示されます。`,
  npsLow: '0：全く勧めない',
  npsHigh: '10：強く勧める',
  range: (min: number, max: number) => `${min}〜${max}の整数`,
  count: (n: number, max: number) => `${n} / ${max}文字`,
  exclusiveHint: (label: string) => `「${label}」を選ぶと、ほかの選択はすべて外れます。`,
  errorPrefix: 'エラー：',
  fixErrors: (n: number) => `回答を確認してください（${n}件）。`,

  attrTitle: 'あなたについて（任意）',
  attrLead:
    '集計の区分に使います。答えたくない項目は「回答しない」のままにしてください。該当する人が少ない区分の結果は表示されません。',
  preferNot: '回答しない',

  reviewTitle: '回答の確認',
  reviewLead: '内容を確認して送信してください。送信後も締切までは変更できます。',
  edit: (title: string) => `「${title}」を修正`,
  unanswered: '未回答',
  submit: 'この内容で送信する',
  submitting: '送信しています…',

  receiptTitle: '回答を受け付けました',
  receiptReplaced: '回答の変更を受け付けました',
  receiptStoredTitle: '回答が保存されました',
  receiptPending:
    '受け付けました。回答は、ほかの人の回答とまとめて順番を混ぜ、決まった時刻（毎日0時、締切のとき）に保存されます。保存されるまで、このブラウザに回答の控えを残しておいてください。このページを開くたびに保存されたかを確かめ、届いていなければ自動で送り直します。そのため、回答が失われることはありません。',
  receiptStored: '保存されました。回答を変更できるように、このブラウザには控えが残っています。',
  receiptStoredCleared: '保存されました。この端末に残していた回答の控えは消去しました。',
  receiptClears: '保存を確かめたら、控えを残すことを選んだ場合を除き、この端末から自動で消去します。',
  keepTitle: '控えを残しますか',
  keepLead:
    'この端末に控え（受付番号と回答）を残すと、締切まで、同じリンクをこのブラウザで開いて回答を変更できます。残さない場合、変更するには、このページを閉じる前に「回答を変更する」を押すか、引き継ぎコードで移してください。',
  keep: 'この端末に控えを残す',
  kept: 'この端末に控えを残しました。',
  receiptShared:
    '共用の端末のため、この端末には何も残していません。このページを閉じると、この端末からは回答を変更できません。あとで変更するには、閉じる前に引き継ぎコードを作り、自分の端末に移してください。',
  receiptSharedPending:
    '受け付けました。回答は、ほかの人の回答とまとめて順番を混ぜ、決まった時刻（毎日0時、締切のとき）に保存されます。保存されるまでこのページを開いておくと、届いていなかった場合に自動で送り直します。',
  receiptSharedStored: '保存されました。',
  sharedEndTitle: '回答を終える',
  sharedEndLead: '次の人が使う前に、この画面の回答を消去してください。送信済みの回答は消えません。',
  sharedEnd: '画面の回答を消去して終える',
  sharedEndConfirm: '本当に消去する',
  receiptChecking: '保存されたか確かめています…',
  forgetPending:
    'まだ保存待ちです。いま消去すると、保存前にサーバーが止まった場合に回答が失われます。「保存されました」と表示されてから消去してください。',
  receiptLead: 'ご協力ありがとうございました。',
  receiptNumber: '受付番号',
  receiptNumberHint:
    '受付番号は、回答が届いたことの控えです。回答の内容やあなたの名前とは結びついていません。問い合わせの必要はありません。',
  receiptChange: (date: string) => `${date}は、同じリンクをこのブラウザで開くと回答を変更できます。`,
  change: '回答を変更する',
  forgetTitle: '共用のパソコンをお使いの方へ',
  forgetLead:
    'このブラウザには、あなたの回答とトークンが保存されています。消去すると、この端末からは回答を変更できなくなります（送信済みの回答は消えません）。',
  forget: 'この端末から消去',
  forgetConfirm: '本当に消去する',
  forgotten: 'この端末から回答とトークンを消去しました。ブラウザのタブを閉じてください。',

  retry: 'もう一度試す',
  enterCode: '招待コードを入力する',
  problems: {
    unknown_code: {
      title: 'このリンクは使えません',
      body: '招待コードが見つかりませんでした。リンクが途中で切れていないか、招待コードの入力に誤りがないか確認してください。',
    },
    code_used: {
      title: 'この招待の回答は、別の端末かブラウザから送信済みです',
      body: '1人1回答を守るため、送信は招待ごとに1回です。送信した回答を変えるには、送信した端末の受付画面で「引き継ぎコード」を作り、この端末の /answer/ で入力してください。この端末の回答は消えずに残っています。心当たりがない場合は人事課にご相談ください（回答の内容を伝える必要はありません）。',
    },
    campaign_not_open: {
      title: 'この調査はまだ始まっていません',
      body: '回答の受付が始まってから、もう一度このリンクを開いてください。',
    },
    campaign_closed: {
      title: 'この調査は締め切られました',
      body: '回答の受付と変更は終了しています。',
    },
    bad_signature: {
      title: '回答の証明を確認できませんでした',
      body: 'このブラウザに保存されたトークンの署名を、調査の鍵で確認できませんでした。回答はこの端末に残っています。時間をおいてもう一度お試しください。解決しない場合は人事課にご相談ください（回答の内容やトークンを伝える必要はありません）。',
    },
    network: {
      title: '通信できませんでした',
      body: 'インターネットへの接続を確認して、もう一度お試しください。入力した回答はこの端末に保存されています。',
    },
    unavailable: {
      title: 'ただいま混み合っています',
      body: 'しばらく待ってから、もう一度お試しください。入力した回答はこの端末に保存されています。',
    },
    invalid_answers: {
      title: '送信できなかった回答があります',
      body: '印の付いた質問を確認してから、もう一度送信してください。',
    },
    invalid_attributes: {
      title: '「あなたについて」の回答を確認してください',
      body: '選択肢にない回答が含まれていました。選び直してから、もう一度送信してください。',
    },
    key_not_listed: {
      title: 'この調査の鍵を確認できませんでした',
      body: 'あなたのグループの署名鍵が、公開されている鍵の一覧にない（または指紋が一致しない）ため、回答を始めません。鍵が一覧と違うと、あなたの回答が少人数のグループに分けられているおそれがあります。このページのアドレスと「鍵の一覧」を人事課以外の信頼できる人（職員団体など）と確認し、人事課にお問い合わせください。',
    },
    other: {
      title: '問題が発生しました',
      body: '時間をおいてもう一度お試しください。入力した回答はこの端末に保存されています。',
    },
  },
  receivedBefore: (receipt: string) => `あなたの回答は受け付け済みです（受付番号 ${receipt}）。`,
  noStorage:
    'このブラウザには回答を保存できません（プライベートブラウズなど）。回答を終えるまでタブを閉じないでください。',
};

export type Strings = typeof ja;
export type ProblemCode = keyof Strings['problems'];

const en: Strings = {
  app: 'koe staff survey',
  switchTo: '日本語',
  loading: 'Loading…',
  required: 'required',
  optional: 'optional',

  entryTitle: 'Enter your invitation code',
  entryLead:
    'If you have a printed invitation slip, enter the code on it. If you scanned the QR code or opened a link from an e-mail, there is nothing to type. A transfer code (20 characters) made on another device goes here too.',
  entryCode: 'Invitation code',
  entryCodeHint:
    'The “invitation code” on your slip (26 letters and digits). Hyphens, spaces, lower case and full-width characters are fine. Example: ABCD-EFGH-JKMNP-QRST-VWXY-Z0123',
  entryBadCode: (n: number) =>
    `An invitation code has 26 letters and digits, a transfer code 20 (you entered ${n}). Please check it.`,
  entryNoBox:
    'Nothing waits for this transfer code. A code works once, for 24 hours after it was made: make a new one on the other device.',
  entryUnknownCode:
    'No survey you can answer has this invitation code. Compare it with your slip and check for typing mistakes (codes of surveys that are not open cannot be used).',
  entryNetwork: 'Could not connect. Check your internet connection and press “Continue” again.',
  entryUnavailable: 'The service is busy. Please wait a moment and press “Continue” again.',
  entryTyped: 'You typed: ',
  entryCount: (n: number) => `${n} so far`,
  entryChecking: 'Checking…',
  entryGo: 'Continue',

  introFy: (fy: number) => `FY${fy}`,
  introUnit: 'Your unit',
  introDeadline: (date: string) => `Open ${date} (Japan time)`,
  introPurposeTitle: 'What this survey is for',
  introPurpose: (plan?: string) =>
    `It asks how you experience your workplace and staff development, so that the results of ${plan ? `“${plan}”` : 'staff development'} can be checked and improved.`,
  introTime: (min: number, n: number) =>
    `It takes about ${min} minutes (${n} questions). If you close the page, you can continue later in this browser.`,
  promise: (k: number) =>
    `This survey is anonymous. Your name and invitation code are not stored with your answers, and not even HR can tell who answered what. Results are shown only for groups of at least ${k} people.`,
  lostDevice:
    'If you lose this device: before sending, answer on another device with your invitation (QR code or code). Answers already sent are counted as they are; to change them you need the device you sent from, or a transfer code made on it (not even HR can look up or restore answers).',
  anonMore: 'How anonymity works (details)',
  anonTitle: 'How your anonymity is protected',
  anonSteps: [
    'When you press “Send”, your browser makes a secret token (a random string). Until then the invitation is not used, so you may read on one device and answer on another.',
    'The token is sent to the server wrapped so that it cannot be read (blinded). The server checks your invitation code and signs it without ever seeing the token.',
    'Your answers are sent with the token and its signature, and without your invitation code. Anyone can check that the signature is genuine, but nobody can tell which invitation it was given to.',
  ],
  anonHrTitle: 'What HR can see',
  anonHr: (k: number, ks: number) =>
    `Results are shown only for groups of at least ${k} respondents. Harassment questions and free comments are shown only for groups of at least ${ks}. While the survey is open, only the response rate is visible. Whom HR invited and who fetched a token is recorded only while the survey is open (never when), and at closing it is reduced to counts per unit and deleted. What anyone answered is never linked to them anywhere. The only unit stored with your answers is your key group, which shares one key among at least ${ks} people; your job level, age and employment type are stored only in a combination that at least ${k} people of the group's roster share, and left out otherwise. The staff who deliver invitation codes cannot see any results.`,
  anonNeverTitle: 'Never stored',
  anonNever: [
    'Your name, staff number or e-mail address',
    'Your invitation code',
    'Your IP address or anything about your device or browser',
    'The time you answered (only the date is kept)',
  ],
  anonBatchTitle: 'How answers are stored',
  anonBatch:
    'Answers you send are not written at once. The server holds them in memory and writes them together with others, in a shuffled order, at fixed times (every midnight, and when the survey closes), so that neither the order nor the time of writing can link a token that was fetched to an answer. If they did not arrive, this browser sends them again.',
  anonDevice:
    'Your answers in progress and your token are kept only in this browser. On a shared device, choose “Answer on a shared device” at the start and nothing is kept on it. After sending, the copy is removed once your answers are stored, unless you choose to keep it.',
  start: 'Start',
  resume: 'Continue where I stopped',
  deviceQuestion: 'Is this a shared device?',
  deviceHint:
    'On a device only you use, choose “Start”; on one other people also use, such as a shared office computer, choose “Answer on a shared device”: nothing of your answers is kept on it (if you close the page part-way, you start again).',
  startShared: 'Answer on a shared device',
  sharedMode:
    'Shared device: nothing of your answers is kept on this device. Closing the page loses what you entered.',
  preparing: 'Getting ready…',

  progress: (i: number, n: number) => `${i} of ${n}`,
  progressLabel: 'Progress',
  next: 'Next',
  back: 'Back',
  toReview: 'Go to review',
  toIntro: 'Back to the introduction',
  resumed: 'You are continuing where you stopped.',
  unsent: 'Your changes have not been sent yet. Send them from the review page.',
  sensitiveNotice: (ks: number) =>
    `This page asks about difficult experiences. You may leave any question you prefer not to answer blank. Results are shown only for groups of at least ${ks}.`,
  npsLow: '0: Not at all likely',
  npsHigh: '10: Extremely likely',
  range: (min: number, max: number) => `A whole number from ${min} to ${max}`,
  count: (n: number, max: number) => `${n} / ${max} characters`,
  exclusiveHint: (label: string) => `Choosing “${label}” clears the other choices.`,
  errorPrefix: 'Error: ',
  fixErrors: (n: number) => `Please check your answers (${n}).`,

  attrTitle: 'About you (optional)',
  attrLead:
    'Used only to break down the results. Leave “Prefer not to say” for anything you would rather not tell. Groups with few people are never shown.',
  preferNot: 'Prefer not to say',

  reviewTitle: 'Review your answers',
  reviewLead: 'Check your answers and send them. You can still change them until the closing date.',
  edit: (title: string) => `Change “${title}”`,
  unanswered: 'Not answered',
  submit: 'Send my answers',
  submitting: 'Sending…',

  receiptTitle: 'Your answers were received',
  receiptReplaced: 'Your changes were received',
  receiptStoredTitle: 'Your answers are stored',
  receiptPending:
    'Received. Your answers are stored together with others, in a shuffled order, at fixed times (every midnight, and when the survey closes). Until then, please keep this browser’s copy: each time you open this page it checks whether they are stored and sends them again if they did not arrive. That is how no answer is lost.',
  receiptStored: 'Stored. This browser still keeps a copy so that you can change your answers.',
  receiptStoredCleared: 'Stored. The copy of your answers this device kept has been removed.',
  receiptClears:
    'Once they are stored, the copy is removed from this device automatically, unless you choose to keep it.',
  keepTitle: 'Keep a copy?',
  keepLead:
    'If you keep a copy (the receipt and your answers) on this device, you can change your answers until the closing date by opening the same link in this browser. If you do not, to change them press “Change my answers” before closing this page, or move them with a transfer code.',
  keep: 'Keep a copy on this device',
  kept: 'A copy is kept on this device.',
  receiptShared:
    'This is a shared device, so nothing is kept on it. Once you close this page, you cannot change your answers from this device. To change them later, make a transfer code before closing and move them to your own device.',
  receiptSharedPending:
    'Received. Your answers are stored together with others, in a shuffled order, at fixed times (every midnight, and when the survey closes). If you keep this page open until then, it sends them again should they not have arrived.',
  receiptSharedStored: 'Stored.',
  sharedEndTitle: 'Finish',
  sharedEndLead:
    'Before the next person uses this device, clear your answers from the screen. The answers you sent are kept.',
  sharedEnd: 'Clear my answers from the screen and finish',
  sharedEndConfirm: 'Yes, clear them',
  receiptChecking: 'Checking whether your answers are stored…',
  forgetPending:
    'Not stored yet. If you remove the copy now and the server stops before the next batch, your answers are lost. Please wait until this page says they are stored.',
  receiptLead: 'Thank you for taking part.',
  receiptNumber: 'Receipt',
  receiptNumberHint:
    'The receipt number shows that your answers arrived. It is not linked to your answers or your name. You do not need to tell it to anyone.',
  receiptChange: (date: string) =>
    `You can change your answers ${date} (Japan time) by opening the same link in this browser.`,
  change: 'Change my answers',
  forgetTitle: 'On a shared computer?',
  forgetLead:
    'This browser keeps your answers and your token. If you remove them, you can no longer change your answers from this device (the answers you sent are kept).',
  forget: 'Remove from this device',
  forgetConfirm: 'Yes, remove them',
  forgotten: 'Your answers and token were removed from this device. You can close this tab.',

  retry: 'Try again',
  enterCode: 'Enter an invitation code',
  problems: {
    unknown_code: {
      title: 'This link does not work',
      body: 'The invitation code was not found. Check that the link was not cut off, or that the code was typed correctly.',
    },
    code_used: {
      title: 'Answers for this invitation were already sent from another device or browser',
      body: 'So that each person answers once, an invitation sends once. To change the answers you sent, make a transfer code on the receipt screen of the device you sent from and type it into /answer/ on this device. The answers on this device are kept. If you did not send this survey, please contact HR (you never need to tell them your answers).',
    },
    campaign_not_open: {
      title: 'This survey has not started yet',
      body: 'Please open this link again once the survey has opened.',
    },
    campaign_closed: {
      title: 'This survey has closed',
      body: 'Answers can no longer be sent or changed.',
    },
    bad_signature: {
      title: 'Your token could not be verified',
      body: 'The signature of the token kept in this browser could not be verified with the survey’s key. Your answers are still on this device. Please try again later; if it keeps happening, contact HR (you never need to tell them your answers or token).',
    },
    network: {
      title: 'Could not connect',
      body: 'Check your internet connection and try again. Your answers are kept on this device.',
    },
    unavailable: {
      title: 'The service is busy',
      body: 'Please wait a moment and try again. Your answers are kept on this device.',
    },
    invalid_answers: {
      title: 'Some answers could not be sent',
      body: 'Please check the marked questions and send again.',
    },
    invalid_attributes: {
      title: 'Please check “About you”',
      body: 'An answer was not one of the choices. Choose again and send again.',
    },
    key_not_listed: {
      title: 'The survey key could not be confirmed',
      body: 'The signing key of your group is not on the published list of keys (or its fingerprint differs), so answering does not start. A key that differs from the list could put your answers in a small group of their own. Check this page’s address and the list of keys with someone you trust outside HR (a staff union, for example), and ask HR.',
    },
    other: {
      title: 'Something went wrong',
      body: 'Please try again later. Your answers are kept on this device.',
    },
  },
  receivedBefore: (receipt: string) => `Your answers were received (receipt ${receipt}).`,
  noStorage:
    'This browser cannot keep your answers (private browsing?). Please keep this tab open until you have sent them.',
};

export const strings = (lang: Lang): Strings => (lang === 'en' ? en : ja);
