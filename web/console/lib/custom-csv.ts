import type { CustomQuestion } from '../../../shared/api/custom-questions';
import type { CampaignResults } from '../../../shared/api/results';
import type { Lang } from '../../../shared/i18n/localized';
import type { CsvValue } from '../../../shared/text/csv';

/**
 * The results CSV's rows for custom questions (DESIGN §5), in its columns: overall only; the
 * "construct" columns name the question (an option of a choice question as `custom.q1=o1`, its share
 * in the percentage column); free-text answers are not exported, as comments are not. A hidden
 * question has no figure, only the marker and `few`.
 */
export function customItemRows(
  results: CampaignResults,
  questions: readonly CustomQuestion[],
  lang: Lang,
  hidden: { marker: string; few: string },
): CsvValue[][] {
  const defs = new Map(questions.map((q) => [q.id, q]));
  const pct = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1000) / 10);
  const round = (x: number | null | undefined) => (x == null ? null : Math.round(x * 100) / 100);
  const overall = lang === 'ja' ? '全体' : 'All respondents';
  const rows: CsvValue[][] = [];
  for (const item of results.customItems ?? []) {
    if (item.type === 'text') continue;
    const def = defs.get(item.itemId);
    const text = def ? def.text[lang] || def.text.ja : item.itemId;
    const row = (id: string, name: string, n: number | null, share: number | null, mean: number | null) => [
      'overall',
      '',
      overall,
      '',
      id,
      name,
      item.suppressed ? null : n,
      item.suppressed ? null : pct(share),
      null,
      null,
      item.suppressed ? null : round(mean),
      null,
      item.suppressed ? hidden.marker : '',
      item.suppressed ? hidden.few : '',
    ];
    if (item.options) {
      for (const o of item.options) {
        const label = def?.options?.find((x) => x.value === o.value)?.label;
        const name = `${text}: ${label ? label[lang] || label.ja : o.value}`;
        rows.push(row(`${item.itemId}=${o.value}`, name, item.n, o.share, null));
      }
    } else {
      rows.push(row(item.itemId, text, item.n, item.favourable ?? null, item.mean ?? null));
    }
  }
  return rows;
}
