import { likertItem } from '../builders';
import type { Construct } from '../schema';
import { harassmentExperienceItems } from './harassment-experience';

const sensitive = { sensitive: true, required: false } as const;

export const harassmentClimate: Construct = {
  id: 'harassment_climate',
  pillarId: 'environment',
  name: { ja: 'ハラスメントのない職場環境', en: 'Harassment climate' },
  description: {
    ja: '過去3年間と12か月間のハラスメントの経験（種類別）・見聞き、頻度、誰からか、相談の有無と相手、その後どうなったか、相談先の認知、相談への信頼、職場の許さない姿勢。回答はすべて任意で、結果は一定数以上の集団についてのみ表示する。',
    en: 'Harassment experienced in the past 3 years and 12 months (by kind) or witnessed, how often, who it came from, whether and whom the person consulted and what happened after, knowing where to turn, trust in the reporting process and whether the workplace tolerates it. All answers are optional; results are shown only for large enough groups.',
  },
  priorities: ['compliance'],
  initiatives: ['env-12', 'env-13', 'env-14'],
  sensitive: true,
  indicator: 'favourable',
  items: [
    ...harassmentExperienceItems,
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
    // Once one double-barrelled item ("looked into and acted on", issue 14): two questions now, the
    // second keeping the id, so its trend reads as what it now asks.
    likertItem(
      'har.report_investigated',
      {
        ja: 'ハラスメントを相談すれば、きちんと事実を確認してもらえると思う',
        en: 'I believe a harassment concern would be properly looked into.',
      },
      sensitive,
    ),
    likertItem(
      'har.report_acted_on',
      {
        ja: 'ハラスメントの事実が確認されれば、行為者への措置や再発防止などの対応がとられると思う',
        en: 'I believe that once harassment is established, action would be taken (with the person responsible, and to prevent it happening again).',
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
