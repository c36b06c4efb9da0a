import { multiItem, option, singleItem } from '../builders';
import type { Item, ItemOption } from '../schema';

/**
 * The harassment module's experience items (DESIGN §5): by kind — power,
 * sexual, pregnancy/childbirth/childcare/care, customer — experienced in the
 * last 3 years (the window of the national surveys, so the city can be set
 * beside them: shared/benchmarks/harassment-references.ts) and in the last 12
 * months, and witnessed; then, about what the person experienced, how often,
 * who it came from, whether and whom they consulted and what happened after.
 * Every item is sensitive and optional, and each offers 答えたくない.
 *
 * The follow-ups ask once about the person's experience as a whole (the most
 * serious one if there were several), not once per kind: four times five
 * questions would be more than anyone should be asked about this, and a
 * per-kind figure of so few answers could rarely be shown at k_sensitive.
 */

/** The kinds asked about, in the order the prevalence indicators list them. */
export const HARASSMENT_KIND_IDS = ['power', 'sexual', 'maternity', 'customer'] as const;
export type HarassmentKind = (typeof HARASSMENT_KIND_IDS)[number];

/** The 3-year item: the national surveys' window, the one compared with their rates. */
export const EXPERIENCED_3Y_ITEM = 'har.experienced_3y';
/** The 12-month item (kept under its id, so earlier years line up). */
export const EXPERIENCED_12M_ITEM = 'har.experienced';
export const WITNESSED_ITEM = 'har.witnessed';

/** "Rather not say": exclusive, and not counted in a prevalence's denominator. */
export const DECLINE = 'decline';
const decline = option(DECLINE, '答えたくない', 'I would rather not say', true);
/** The same choice in a single-choice item (exclusive by nature there). */
const declineOne = option(DECLINE, '答えたくない', 'I would rather not say');

/** Kinds of harassment asked about; "none" and "rather not say" cannot be combined with the others. */
export const HARASSMENT_KINDS: ItemOption[] = [
  option('power', 'パワー・ハラスメント', 'Power harassment (abuse of position)'),
  option('sexual', 'セクシュアル・ハラスメント', 'Sexual harassment'),
  option(
    'maternity',
    '妊娠・出産・育児・介護に関するハラスメント',
    'Harassment over pregnancy, childbirth, childcare or family care',
  ),
  option(
    'customer',
    'カスタマー・ハラスメント（住民や事業者などからの著しい迷惑行為）',
    'Customer harassment (serious abuse from residents, businesses or other members of the public)',
  ),
  option('none', 'いずれもない', 'None of these', true),
  decline,
];

const sensitive = { sensitive: true, required: false } as const;
const ifExperienced = {
  ja: '（過去3年間に受けたことがある方のみ。複数ある場合は、最も深刻だったものについて）',
  en: '(Only if you experienced any in the past 3 years; if more than one, about the most serious.)',
};

export const harassmentExperienceItems: Item[] = [
  multiItem(
    EXPERIENCED_3Y_ITEM,
    {
      ja: '過去3年間に、あなた自身が仕事に関して受けた（受けたと感じた）ハラスメントはありますか（あてはまるものをすべて選択）',
      en: 'In the past 3 years, have you yourself experienced (or felt you experienced) any of the following in connection with your work? (Select all that apply.)',
    },
    HARASSMENT_KINDS,
    sensitive,
  ),
  multiItem(
    EXPERIENCED_12M_ITEM,
    {
      ja: 'そのうち、この12か月間に受けたものはありますか（あてはまるものをすべて選択）',
      en: 'And in the past 12 months: have you experienced any of the following? (Select all that apply.)',
    },
    HARASSMENT_KINDS,
    sensitive,
  ),
  multiItem(
    WITNESSED_ITEM,
    {
      ja: 'この12か月間に、ほかの職員が受けているのを見たり聞いたりしたハラスメントはありますか（あてはまるものをすべて選択）',
      en: 'In the past 12 months, have you seen or heard of other staff experiencing any of the following? (Select all that apply.)',
    },
    HARASSMENT_KINDS,
    sensitive,
  ),
  singleItem(
    'har.frequency',
    {
      ja: `それはどのくらいの頻度でしたか${ifExperienced.ja}`,
      en: `How often did it happen? ${ifExperienced.en}`,
    },
    [
      option('once', '1回だけ', 'Once'),
      option('few', '数回', 'A few times'),
      option('monthly', '月に1回以上', 'At least once a month'),
      option('weekly', '週に1回以上', 'At least once a week'),
      declineOne,
    ],
    sensitive,
  ),
  multiItem(
    'har.source',
    {
      ja: `それは誰からでしたか（あてはまるものをすべて選択）${ifExperienced.ja}`,
      en: `Who did it come from? (Select all that apply.) ${ifExperienced.en}`,
    },
    [
      option(
        'executive',
        '幹部（特別職・部長級など）',
        'Senior officials (elected or appointed heads, directors)',
      ),
      option('manager', '上司（幹部以外）', 'A manager or supervisor (other than senior officials)'),
      option('colleague', '同僚', 'A colleague'),
      option('subordinate', '部下', 'Someone who reports to me'),
      option('councillor', '議員', 'A council member'),
      option('public', '住民・事業者など', 'Residents, businesses or other members of the public'),
      option('other', 'その他', 'Someone else'),
      decline,
    ],
    sensitive,
  ),
  multiItem(
    'har.consulted',
    {
      ja: `誰かに相談しましたか。相談した相手をすべて選んでください${ifExperienced.ja}`,
      en: `Did you talk to anyone about it? Select everyone you talked to. ${ifExperienced.en}`,
    },
    [
      option('manager', '上司', 'My manager'),
      option('colleague', '同僚', 'A colleague'),
      option('desk', '職場の相談窓口（人事課など）', "The organisation's advice service (HR and others)"),
      option('external', '外部の相談窓口（弁護士・労働組合など）', 'An outside service (lawyer, union…)'),
      option('family', '家族・友人', 'Family or friends'),
      option('other', 'その他', 'Someone else'),
      option('nobody', '誰にも相談しなかった', 'I did not talk to anyone', true),
      decline,
    ],
    sensitive,
  ),
  singleItem(
    'har.outcome',
    {
      ja: `相談したあと、どうなりましたか（最もあてはまるもの）${ifExperienced.ja}`,
      en: `After you talked to someone, what happened? (The closest one.) ${ifExperienced.en}`,
    },
    [
      option(
        'resolved',
        '事実が確認され、対応がとられて解決した',
        'It was looked into, acted on and resolved',
      ),
      option(
        'acted_unresolved',
        '対応はとられたが、解決していない',
        'It was acted on, but it is not resolved',
      ),
      option('not_acted', '事実確認はされたが、対応はなかった', 'It was looked into, but nothing was done'),
      option('nothing', '特に何もされなかった', 'Nothing was done'),
      option('worse', '相談したことで不利益な扱いを受けた', 'I was treated unfavourably for raising it'),
      option('pending', 'まだ対応中・わからない', 'Still in progress, or I do not know'),
      option('not_consulted', '相談しなかった', 'I did not talk to anyone'),
      declineOne,
    ],
    sensitive,
  ),
];
