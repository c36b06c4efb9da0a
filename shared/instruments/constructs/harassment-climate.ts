import { likertItem, multiItem, option } from '../builders';
import type { Construct, ItemOption } from '../schema';

/** Kinds of harassment asked about; "none" cannot be combined with the others. */
const HARASSMENT_KINDS: ItemOption[] = [
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
];

const sensitive = { sensitive: true, required: false } as const;

export const harassmentClimate: Construct = {
  id: 'harassment_climate',
  pillarId: 'environment',
  name: { ja: 'ハラスメントのない職場環境', en: 'Harassment climate' },
  description: {
    ja: 'この12か月間のハラスメントの経験・見聞き（種類別）と、相談先の認知、相談への信頼、職場の許さない姿勢。回答はすべて任意で、結果は一定数以上の集団についてのみ表示する。',
    en: 'Harassment experienced or witnessed in the past 12 months (by kind), knowing where to turn, trust in the reporting process and whether the workplace tolerates it. All answers are optional; results are shown only for large enough groups.',
  },
  priorities: ['compliance'],
  initiatives: ['env-12', 'env-13', 'env-14'],
  sensitive: true,
  indicator: 'favourable',
  items: [
    multiItem(
      'har.experienced',
      {
        ja: 'この12か月間に、あなた自身が仕事に関して受けたハラスメントはありますか（あてはまるものをすべて選択）',
        en: 'In the past 12 months, have you yourself experienced any of the following in connection with your work? (Select all that apply.)',
      },
      HARASSMENT_KINDS,
      sensitive,
    ),
    multiItem(
      'har.witnessed',
      {
        ja: 'この12か月間に、ほかの職員が受けているのを見たり聞いたりしたハラスメントはありますか（あてはまるものをすべて選択）',
        en: 'In the past 12 months, have you seen or heard of other staff experiencing any of the following? (Select all that apply.)',
      },
      HARASSMENT_KINDS,
      sensitive,
    ),
    likertItem(
      'har.knows_where_to_consult',
      {
        ja: 'ハラスメントを受けたり見聞きしたりしたとき、どこに相談すればよいか知っている',
        en: 'I know where to turn if I experience or witness harassment.',
      },
      sensitive,
    ),
    likertItem(
      'har.knows_rules',
      {
        ja: 'ハラスメント防止に関する規程や手引きの内容を理解している',
        en: 'I understand the rules and guidance on preventing harassment.',
      },
      sensitive,
    ),
    likertItem(
      'har.report_safe',
      {
        ja: 'ハラスメントを相談しても、そのことで不利益な扱いを受けることはないと思う',
        en: 'I believe I would not be treated unfavourably for raising a harassment concern.',
      },
      sensitive,
    ),
    likertItem(
      'har.report_acted_on',
      {
        ja: 'ハラスメントを相談すれば、きちんと事実を確認し、対応してもらえると思う',
        en: 'I believe a harassment concern would be properly looked into and acted on.',
      },
      sensitive,
    ),
    likertItem(
      'har.not_tolerated',
      {
        ja: 'この職場では、ハラスメントにあたる言動が見過ごされることはない',
        en: 'In my workplace, behaviour that amounts to harassment is not allowed to pass.',
      },
      sensitive,
    ),
  ],
};
