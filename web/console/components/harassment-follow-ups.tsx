import type { CampaignResults } from '../../../shared/api/results';
import { EXPERIENCED_3Y_ITEM } from '../../../shared/instruments/constructs/harassment-experience';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { BarChart } from './charts';

/** The module's items besides the 12-month and witnessed charts: the 3 years and the follow-ups. */
const ITEMS = [EXPERIENCED_3Y_ITEM, 'har.frequency', 'har.source', 'har.consulted', 'har.outcome'];

/**
 * A closed campaign's harassment follow-ups on the results page (DESIGN §5):
 * experienced in the last 3 years, how often, from whom, whether and whom they
 * consulted, what happened after — each as the results publish it (only at
 * k_sensitive; a hidden one carries no share).
 */
export function HarassmentFollowUps({ results }: { results: CampaignResults }) {
  const { lang, l } = useI18n();
  const ref = useReference();
  const items = ITEMS.flatMap((id) => results.items.filter((i) => i.itemId === id));
  if (items.length === 0) return null;
  const axis = lang === 'ja' ? '回答者に占める割合' : 'Share of respondents';
  return (
    <div className="grid-2 harassment-follow-ups">
      {items.map((item) => {
        const def = ref.item(item.itemId);
        const text = l(def?.text) || item.itemId;
        return (
          <figure key={item.itemId} className="chart" data-item={item.itemId}>
            <figcaption>
              <strong>{text}</strong>
              {item.n != null ? ` (n=${item.n})` : ''}
            </figcaption>
            <BarChart
              bars={item.options.map((o) => ({
                key: o.value,
                label: l(def?.options?.find((x) => x.value === o.value)?.label) || o.value,
                value: item.suppressed ? null : o.share,
                hidden: item.suppressed,
              }))}
              title={text}
              axisLabel={axis}
              labelWidth={250}
            />
          </figure>
        );
      })}
    </div>
  );
}
