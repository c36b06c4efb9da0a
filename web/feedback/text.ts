import type { FeedbackKind, FeedbackStatus } from '../../shared/api/feedback';
import type { PillarId } from '../../shared/plan/ids';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import type { Lang } from '../common/lang';

/** Every word the staff feedback pages show, in plain Japanese and English. */

export const KINDS = ['proposal', 'concern', 'question'] as const satisfies readonly FeedbackKind[];
export const PILLARS = [
  'personnel',
  'training',
  'culture',
  'environment',
] as const satisfies readonly PillarId[];
export const STATUSES = [
  'received',
  'reviewing',
  'adopted',
  'declined',
  'done',
] as const satisfies readonly FeedbackStatus[];

export const TITLE_MAX = 120;
export const BODY_MAX = 4000;
export const NAME_MAX = 60;

const ja = {
  app: '声 koe 職員提案・意見箱',
  switchTo: 'English',
  loading: '読み込んでいます…',
  sep: ' ・ ',
  labelled: (label: string, value: string) => `${label}：${value}`,
  fiscalYear: (fy: number) => fiscalYearLabel(fy, 'ja'),
  day: (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  },

  navLabel: 'メニュー',
  navHome: 'トップ',
  navNew: '投稿する',
  navPosts: 'わたしの投稿',
  navBoard: '掲示板',

  entryTitle: 'コードの入力',
  entryLead:
    '人事課から届いた「職員提案・意見箱」のリンクを開いた方は、入力は不要です。紙で受け取った方は、そこに書かれたコードを入力してください。別の端末で作った引き継ぎコード（20文字）もここに入力します。',
  entryBadLink: 'リンクの形が正しくありません。途中で切れていないか確認するか、コードを入力してください。',
  entryCode: 'コード',
  entryCodeHint: '英数字26文字。ハイフンや空白、小文字・全角で入力しても構いません。',
  entryBadCode: (n: number) =>
    `コードは英数字26文字、引き継ぎコードは20文字です（いま${n}文字）。もう一度確認してください。`,
  entryNoBox:
    'この引き継ぎコードの内容は見つかりません。使えるのは作ってから24時間、1回だけです。元の端末で作り直してください。',
  entryNetwork: '通信できませんでした。接続を確かめて、もう一度「次へ」を押してください。',
  entryGo: '次へ',
  entryChecking: '確認しています…',
  entryBoard: '掲示板は、コードがなくても読めます。',
  toBoard: '掲示板を見る',

  introTitle: '職員提案・意見箱',
  introUnit: '所属のグループ',
  introPurposeTitle: 'いつでも人事課に届けられます',
  introPurpose: (plan?: string) =>
    `職場の困りごと、仕事や制度をよくするための提案、人事制度への質問を、年間を通じていつでも送れます。人事課が内容を確認して返信し、受付・検討中・採用・見送り・対応済の状況をお知らせします。${plan ? `「${plan}」の取組の一つです。` : ''}`,
  anonTitle: '匿名のしくみ',
  anonSteps: (n: number) => [
    `下の「今年度の投稿を始める」を押すと、このブラウザが${n}個の「トークン」（ランダムな文字列）を作ります。今年度は${n}回まで新しく投稿できます。`,
    'トークンは中身が見えないように包んで（ブラインド化して）サーバーに送られます。サーバーはコードを確かめ、中身を見ないまま署名します。コードが使えるのは1回だけです。',
    '投稿するたびにトークンを1個使います。投稿に付くのはトークンと署名だけで、コードは付きません。署名が本物かどうかはだれでも確かめられますが、どのコードに渡したトークンかはだれにも分かりません。',
    '使ったトークンは、その投稿の「受付証」になります。人事課からの返信を読んだり、投稿に書き足したりするときに使います。',
  ],
  anonHiddenTitle: '人事課に見えないもの',
  anonHidden: [
    '氏名・職員番号',
    '所属（投稿に残るのは、10人以上の職員からなる「グループ」のどれかということだけです。件数は1日1回の集計で、10件以上ある場合だけ表れます）',
    '使った端末・ブラウザやIPアドレス',
    '投稿した時刻（記録するのは日付だけです）',
  ],
  anonKnown:
    '人事課には、どの投稿があなたのものかも、あなたがコードを使ったかどうかも、記録からは分かりません（コードを使ったかどうかの記録は、署名の鍵がないと読めない形で残ります）。本文に書かれたメールアドレス・電話番号・職員番号は、保存する前に伏せ字になります。',
  anonName:
    '名前を出すのは、投稿するときに自分で「名前を出して投稿する」を選んだ場合だけです。その投稿だけに名前が付き、ほかの投稿は匿名のままです。',
  anonDevice:
    'トークンと受付証は、このブラウザの中にだけ保存されます。サーバーは持っていないので作り直せませんが、ホーム画面の「引き継ぎコード」で別の端末へ移せます。端末をなくすと、残りのトークンと受付証も失われます。',
  redeem: '今年度の投稿を始める',
  redeemResume: '投稿の準備を続ける',
  redeeming: '投稿の準備をしています…',

  homeTitle: '職員提案・意見箱',
  tokensLeft: (n: number, of: number) => `残りのトークン：${n}個（全${of}個）`,
  tokensHint: '新しく投稿するときに1個使います。返信を読むとき、投稿に書き足すときは使いません。',
  tokensNone:
    'トークンをすべて使いました。今年度はこれ以上新しく投稿できませんが、これまでの投稿の返信を読んだり、書き足したりはできます。',
  homeNew: '新しく投稿する',
  homePosts: (n: number) => `わたしの投稿（${n}件）`,
  homeHow: '匿名のしくみを読む',
  homeReady: (n: number) => `トークンを${n}個受け取りました。`,
  forgetTitle: '共用のパソコンをお使いの方へ',
  forgetLead:
    'このブラウザには、トークンと受付証が保存されています。消去すると、この端末からは投稿も返信の確認もできなくなります（送った投稿は消えません）。',
  forget: 'この端末から消去',
  forgetConfirm: '本当に消去する',
  forgotten: 'この端末からトークンと受付証を消去しました。ブラウザのタブを閉じてください。',

  kinds: {
    proposal: { label: '提案', hint: '仕事や職場をよくするアイデア' },
    concern: { label: '困りごと', hint: '職場で困っていること・気になること' },
    question: { label: '質問', hint: '人事制度や取組についての質問' },
  } satisfies Record<FeedbackKind, { label: string; hint: string }>,
  pillars: {
    personnel: '人事（採用・配置・評価など）',
    training: '研修・学び',
    culture: '職場の雰囲気・風通し',
    environment: '働き方・働きやすさ',
  } satisfies Record<PillarId, string>,
  statuses: {
    received: '受付',
    reviewing: '検討中',
    adopted: '採用',
    declined: '見送り',
    done: '対応済',
  } satisfies Record<FeedbackStatus, string>,

  newTitle: '新しく投稿する',
  newLead: (n: number) => `トークンを1個使って投稿します（残り${n}個）。`,
  kindLegend: '種類',
  pillarLegend: 'どの分野の話ですか？（わからなければ人事課が選びます）',
  pillarUnsure: 'わからない／人事課に任せる',
  titleLabel: '件名',
  bodyLabel: '内容',
  bodyHint:
    '具体的に書くと検討しやすくなります。自分や他の人が特定される内容（氏名など）は書かないでください。Enterキーでは送信されません。',
  count: (n: number, max: number) => `${n} / ${max}文字`,
  namedLabel: '名前を出して投稿する（任意）',
  namedHint:
    '選ぶと、この投稿は匿名ではなくなります。入力した名前が人事課に表示され、掲示板に公開された場合はほかの職員にも表示されます。ほかの投稿は匿名のままです。',
  nameLabel: '表示する名前',
  nameWarning: 'この投稿は名前付きで送られます（匿名ではありません）。',
  sendAnonymous: '匿名で投稿する',
  sendNamed: '名前を出して投稿する',
  sending: '送信しています…',
  draftKept: '書きかけの内容は、このブラウザに保存されています。',
  errorPrefix: 'エラー：',
  fixErrors: (n: number) => `入力を確認してください（${n}件）。`,
  errKind: '種類を選んでください。',
  errTitle: '件名を入力してください。',
  errBody: '内容を入力してください。',
  errName: '表示する名前を入力するか、「名前を出して投稿する」の選択を外してください。',
  errTooLong: (max: number) => `${max}文字以内にしてください。`,

  sentTitle: '投稿を受け付けました',
  sentLead:
    '人事課が内容を確認して返信します。返信と状況（受付・検討中・採用・見送り・対応済）は「わたしの投稿」で確認できます。',
  sentReceipt: 'この投稿の受付証は、このブラウザに保存しました。',
  threadPending:
    '受付済み：投稿は、ほかの投稿とまとめて順番を混ぜ、決まった時刻（毎日0時）に保存されます。人事課が読めるのはそのあとです。投稿した時刻や順番から、だれの投稿かが分からないようにするためです。',
  sentRecovered: '前回の送信は届いていました。同じ投稿を二重に送ってはいません。',
  openThread: 'この投稿を見る',
  backHome: 'トップへ戻る',

  postsTitle: 'わたしの投稿',
  postsLead: 'このブラウザから送った投稿です。受付証を使って、人事課からの返信と状況を読み込みます。',
  postsNone: 'まだ投稿はありません。',
  postsStale: '最新の状況を読み込めませんでした。表示しているのは前回確認したときの状況です。',
  status: '状況',
  posted: '投稿日',
  newReplies: (n: number) => `新しい返信 ${n}件`,
  replies: (n: number) => `人事課からの返信 ${n}件`,

  threadLoading: '投稿を読み込んでいます…',
  threadPublished: 'この投稿は掲示板に公開されています。',
  threadUnpublished: 'この投稿は掲示板には公開されていません。',
  threadMine: 'あなたの投稿',
  threadMessages: 'やりとり',
  threadNone: 'まだ返信はありません。返信があると、ここに表示されます。',
  fromMe: 'あなた',
  fromHr: '人事課',
  publicReply: '掲示板にも公開',
  privateReply: 'あなただけに表示',
  addLabel: 'この投稿に書き足す',
  addHint: 'やりとりとして人事課に送られます。トークンは使いません。Enterキーでは送信されません。',
  addSend: '書き足して送る',
  added: '送りました。',
  backPosts: 'わたしの投稿に戻る',

  boardTitle: '掲示板',
  boardLead:
    '人事課が公開した投稿と、その回答です。投稿者の名前は、本人が名前を出して投稿した場合だけ表示されます。',
  boardFilter: '絞り込み',
  boardPillar: '分野',
  boardStatus: '状況',
  boardAll: 'すべて',
  boardCount: (n: number) => `${n}件の投稿`,
  boardNone: '該当する投稿はありません。',
  boardAnonymous: '匿名',
  boardBy: '投稿者',
  boardAnswers: '人事課の回答',
  boardNoAnswer: 'まだ回答はありません。',
  boardWrite: 'コードをお持ちの方は、ここから投稿できます',

  retry: 'もう一度試す',
  enterCode: 'コードを入力する',
  problems: {
    unknown_code: {
      title: 'このリンクは使えません',
      body: 'コードが見つかりませんでした。リンクが途中で切れていないか、コードの入力に誤りがないか確認してください。',
    },
    code_used: {
      title: 'このコードは、別の端末かブラウザで使われています',
      body: 'トークンは、コードを使った端末のブラウザの中にだけ作られます。匿名性を守るため、サーバーはトークンを知らず、作り直すことはできません。最初に使った端末とブラウザで同じリンクを開くか、その端末のホーム画面で「引き継ぎコード」を作り、この端末のこのページで入力してください。心当たりがない場合は人事課にご相談ください。',
    },
    feedback_not_open: {
      title: 'まだ受付の準備ができていません',
      body: 'あなたの所属では、今年度の受付の準備がまだ整っていません。時間をおいてもう一度開くか、人事課にお問い合わせください。',
    },
    bad_signature: {
      title: 'トークンを確認できませんでした',
      body: 'このブラウザに保存されたトークンの署名を確認できませんでした。書いた内容はこの端末に残っています。時間をおいてもう一度お試しください。解決しない場合は人事課にご相談ください（投稿の内容やトークンを伝える必要はありません）。',
    },
    no_tokens: {
      title: 'トークンが残っていません',
      body: '今年度のトークンはすべて使いました。新しい投稿はできませんが、これまでの投稿への書き足しはできます。書いた内容はこの端末に残っています。',
    },
    invalid: {
      title: '送信できない内容がありました',
      body: '件名は120文字以内、内容は4,000文字以内で入力してから、もう一度送信してください。',
    },
    not_found: {
      title: 'この投稿が見つかりませんでした',
      body: 'このブラウザに保存された受付証と合う投稿がありませんでした。「わたしの投稿」から開き直してください。',
    },
    old_browser: {
      title: 'このブラウザでは使えません',
      body: 'トークンを作るための機能がこのブラウザにありません。新しいブラウザで開くか、リンクが https で始まっているか確認してください。',
    },
    network: {
      title: '通信できませんでした',
      body: 'インターネットへの接続を確認して、もう一度お試しください。書いた内容とトークンはこの端末に保存されています。',
    },
    unavailable: {
      title: 'ただいま混み合っています',
      body: 'しばらく待ってから、もう一度お試しください。書いた内容とトークンはこの端末に保存されています。',
    },
    other: {
      title: '問題が発生しました',
      body: '時間をおいてもう一度お試しください。書いた内容とトークンはこの端末に保存されています。',
    },
  },
  noStorage:
    'このブラウザにはトークンを保存できません（プライベートブラウズなど）。タブを閉じるとトークンと受付証が失われます。',
};

export type Strings = typeof ja;
export type ProblemCode = keyof Strings['problems'];

const en: Strings = {
  app: 'koe Staff feedback',
  switchTo: '日本語',
  loading: 'Loading…',
  sep: ' · ',
  labelled: (label: string, value: string) => `${label}: ${value}`,
  fiscalYear: (fy: number) => fiscalYearLabel(fy, 'en'),
  day: (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    const months = 'January February March April May June July August September October November December';
    return `${d} ${months.split(' ')[(m ?? 1) - 1]} ${y}`;
  },

  navLabel: 'Menu',
  navHome: 'Home',
  navNew: 'Write',
  navPosts: 'My posts',
  navBoard: 'Board',

  entryTitle: 'Enter your code',
  entryLead:
    'If you opened the staff feedback link HR sent you, there is nothing to type. If you received the code on paper, enter it here. A transfer code (20 characters) made on another device goes here too.',
  entryBadLink: 'This link is not complete. Check that it was not cut off, or enter your code.',
  entryCode: 'Code',
  entryCodeHint: '26 letters and digits. Hyphens, spaces, lower case and full-width characters are fine.',
  entryBadCode: (n: number) =>
    `A code has 26 letters and digits, a transfer code 20 (you entered ${n}). Please check it.`,
  entryNoBox:
    'Nothing waits for this transfer code. A code works once, for 24 hours after it was made: make a new one on the other device.',
  entryNetwork: 'Could not connect. Check the connection and press “Continue” again.',
  entryGo: 'Continue',
  entryChecking: 'Checking…',
  entryBoard: 'You can read the board without a code.',
  toBoard: 'Read the board',

  introTitle: 'Staff feedback',
  introUnit: 'Your group',
  introPurposeTitle: 'Reach HR at any time',
  introPurpose: (plan?: string) =>
    `All year round you can tell HR about a problem at work, propose an improvement, or ask about HR policies. HR reads every post, replies, and shows its status: received, under review, adopted, not adopted or done.${plan ? ` It is part of “${plan}”.` : ''}`,
  anonTitle: 'How your anonymity is protected',
  anonSteps: (n: number) => [
    `When you press “Start posting this year” below, your browser makes ${n} tokens (random strings): you can make up to ${n} new posts this year.`,
    'They are sent to the server wrapped so that they cannot be read (blinded). The server checks your code and signs them without ever seeing them. A code works only once.',
    'Each post spends one token. A post carries only the token and its signature, never your code. Anyone can check that the signature is genuine, but nobody can tell which code the token was given to.',
    'A spent token becomes that post’s receipt. You use it to read HR’s replies and to add to your post.',
  ],
  anonHiddenTitle: 'What HR never sees',
  anonHidden: [
    'Your name or staff number',
    'Your unit (a post keeps only which group of at least 10 staff it came from; counts are summarised once a day and shown only from 10 posts)',
    'Your device, browser or IP address',
    'The time you posted (only the date is kept)',
  ],
  anonKnown:
    'HR can tell neither which posts are yours nor, from the records, whether you used your code (that a code was used is kept in a form only the signing key can read). E-mail addresses, phone numbers and staff numbers in your text are masked before they are stored.',
  anonName:
    'Your name appears only if you choose “Post under my name” when writing. It is added to that post only; your other posts stay anonymous.',
  anonDevice:
    'Your tokens and receipts are kept only in this browser. The server does not have them, so they cannot be made again, but a transfer code (on the home screen) moves them to another device. Losing the device loses the tokens left and the receipts.',
  redeem: 'Start posting this year',
  redeemResume: 'Continue getting ready to post',
  redeeming: 'Getting ready to post…',

  homeTitle: 'Staff feedback',
  tokensLeft: (n: number, of: number) => `Tokens left: ${n} of ${of}`,
  tokensHint: 'Writing a new post spends one. Reading replies and adding to your posts spend none.',
  tokensNone:
    'You have used all your tokens. You cannot write new posts this year, but you can still read replies and add to your posts.',
  homeNew: 'Write a new post',
  homePosts: (n: number) => `My posts (${n})`,
  homeHow: 'How your anonymity is protected',
  homeReady: (n: number) => `You now have ${n} tokens.`,
  forgetTitle: 'On a shared computer?',
  forgetLead:
    'This browser keeps your tokens and receipts. If you remove them, you can no longer post or read replies from this device (your posts are kept).',
  forget: 'Remove from this device',
  forgetConfirm: 'Yes, remove them',
  forgotten: 'Your tokens and receipts were removed from this device. You can close this tab.',

  kinds: {
    proposal: { label: 'Proposal', hint: 'An idea to improve work or the workplace' },
    concern: { label: 'Concern', hint: 'A problem at work, or something that worries you' },
    question: { label: 'Question', hint: 'A question about HR policies or initiatives' },
  },
  pillars: {
    personnel: 'HR (hiring, placement, appraisal…)',
    training: 'Training and learning',
    culture: 'Atmosphere and openness at work',
    environment: 'Ways of working, working conditions',
  },
  statuses: {
    received: 'Received',
    reviewing: 'Under review',
    adopted: 'Adopted',
    declined: 'Not adopted',
    done: 'Done',
  },

  newTitle: 'Write a new post',
  newLead: (n: number) => `Posting spends one token (${n} left).`,
  kindLegend: 'Kind',
  pillarLegend: 'What area is it about? (If you are not sure, HR will choose)',
  pillarUnsure: 'Not sure / leave it to HR',
  titleLabel: 'Title',
  bodyLabel: 'Your post',
  bodyHint:
    'Concrete posts are easier to act on. Please do not write anything that identifies you or others (such as names). The Enter key does not send.',
  count: (n: number, max: number) => `${n} / ${max} characters`,
  namedLabel: 'Post under my name (optional)',
  namedHint:
    'If you choose this, this post is no longer anonymous: HR sees the name you enter, and so do other staff if the post is published on the board. Your other posts stay anonymous.',
  nameLabel: 'Name to show',
  nameWarning: 'This post will be sent with your name (not anonymous).',
  sendAnonymous: 'Post anonymously',
  sendNamed: 'Post under my name',
  sending: 'Sending…',
  draftKept: 'What you are writing is kept in this browser.',
  errorPrefix: 'Error: ',
  fixErrors: (n: number) => `Please check your entries (${n}).`,
  errKind: 'Choose a kind.',
  errTitle: 'Enter a title.',
  errBody: 'Write your post.',
  errName: 'Enter the name to show, or clear “Post under my name”.',
  errTooLong: (max: number) => `Use at most ${max} characters.`,

  sentTitle: 'Your post was received',
  sentLead:
    'HR will read it and reply. Find replies and the status (received, under review, adopted, not adopted, done) under “My posts”.',
  sentReceipt: 'The receipt for this post is kept in this browser.',
  threadPending:
    'Received: posts are stored together with others, in a shuffled order, at a fixed time (every midnight). HR can read yours after that. This keeps the time and order of posting from telling who wrote it.',
  sentRecovered: 'Your earlier attempt had arrived. The post was not sent twice.',
  openThread: 'Open this post',
  backHome: 'Back to home',

  postsTitle: 'My posts',
  postsLead: 'Posts sent from this browser. Their receipts are used to load HR’s replies and the status.',
  postsNone: 'No posts yet.',
  postsStale: 'The latest status could not be loaded. What you see is the status when you last checked.',
  status: 'Status',
  posted: 'Posted',
  newReplies: (n: number) => `${n} new ${n === 1 ? 'reply' : 'replies'}`,
  replies: (n: number) => `${n} ${n === 1 ? 'reply' : 'replies'} from HR`,

  threadLoading: 'Loading your post…',
  threadPublished: 'This post is published on the board.',
  threadUnpublished: 'This post is not published on the board.',
  threadMine: 'Your post',
  threadMessages: 'Conversation',
  threadNone: 'No replies yet. They will appear here.',
  fromMe: 'You',
  fromHr: 'HR',
  publicReply: 'also on the board',
  privateReply: 'only to you',
  addLabel: 'Add to this post',
  addHint: 'Sent to HR as part of this conversation. No token is spent. The Enter key does not send.',
  addSend: 'Send',
  added: 'Sent.',
  backPosts: 'Back to my posts',

  boardTitle: 'Board',
  boardLead:
    'Posts HR has published, with HR’s answers. A poster’s name is shown only when they chose to post under their name.',
  boardFilter: 'Filter',
  boardPillar: 'Area',
  boardStatus: 'Status',
  boardAll: 'All',
  boardCount: (n: number) => `${n} ${n === 1 ? 'post' : 'posts'}`,
  boardNone: 'No posts match.',
  boardAnonymous: 'Anonymous',
  boardBy: 'Posted by',
  boardAnswers: 'HR’s answer',
  boardNoAnswer: 'No answer yet.',
  boardWrite: 'Have a code? Write a post here',

  retry: 'Try again',
  enterCode: 'Enter a code',
  problems: {
    unknown_code: {
      title: 'This link does not work',
      body: 'The code was not found. Check that the link was not cut off, or that the code was typed correctly.',
    },
    code_used: {
      title: 'This code was already used on another device or browser',
      body: 'Tokens are made only inside the browser where the code was used. To protect anonymity the server never knows them, so they cannot be made again. Open the same link on the device and browser you used first, or make a transfer code on that device’s home screen and type it into this page here. If you did not use this code, please contact HR.',
    },
    feedback_not_open: {
      title: 'Not ready yet',
      body: 'Feedback for your unit is not set up for this fiscal year yet. Please try again later, or contact HR.',
    },
    bad_signature: {
      title: 'Your token could not be verified',
      body: 'The signature of the token kept in this browser could not be verified. What you wrote is still on this device. Please try again later; if it keeps happening, contact HR (you never need to tell them your post or token).',
    },
    no_tokens: {
      title: 'No tokens left',
      body: 'You have used all your tokens for this year. You cannot write new posts, but you can still add to your posts. What you wrote is still on this device.',
    },
    invalid: {
      title: 'The post could not be sent',
      body: 'Keep the title within 120 characters and the post within 4,000, then send again.',
    },
    not_found: {
      title: 'This post was not found',
      body: 'No post matches the receipt kept in this browser. Please open it again from “My posts”.',
    },
    old_browser: {
      title: 'This browser cannot be used',
      body: 'This browser lacks what is needed to make tokens. Please use a newer browser, and check that the link starts with https.',
    },
    network: {
      title: 'Could not connect',
      body: 'Check your internet connection and try again. What you wrote and your tokens are kept on this device.',
    },
    unavailable: {
      title: 'The service is busy',
      body: 'Please wait a moment and try again. What you wrote and your tokens are kept on this device.',
    },
    other: {
      title: 'Something went wrong',
      body: 'Please try again later. What you wrote and your tokens are kept on this device.',
    },
  },
  noStorage:
    'This browser cannot keep your tokens (private browsing?). If you close this tab, your tokens and receipts are lost.',
};

export const strings = (lang: Lang): Strings => (lang === 'en' ? en : ja);

/** What went wrong with a request, in the words above. `missing` names what a 404 means here. */
export function problemOf(
  res: { status: number; code: string },
  missing: ProblemCode = 'unknown_code',
): ProblemCode {
  if (res.status === 0) return 'network';
  if (res.status === 404) return missing;
  if (res.status === 401) return 'bad_signature';
  if (res.status === 400) return 'invalid';
  if (res.status === 429 || res.status >= 502) return 'unavailable';
  if (res.code === 'code_used' || res.code === 'feedback_not_open') return res.code;
  return 'other';
}
