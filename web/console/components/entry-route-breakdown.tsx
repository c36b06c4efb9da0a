import type { CampaignResults } from '../../../shared/api/results';
import type { Localized } from '../../../shared/i18n/localized';
import {
  ENTRY_ROUTE_GROUPS,
  type EntryRouteGroup,
  entryRouteLabel,
} from '../../../shared/results/entry-route';
import { useI18n } from '../lib/i18n';
import { type Bar, BarChart } from './charts';
import { Heatmap } from './heatmap';

/**
 * The entry-route breakdown (new graduates, mid-career hires, other; from the
 * answer to rec.entry_route, priority ④ 社会人採用): a bar per group on a
 * construct page, a heatmap row per group on the results page. Cells are as
 * the disclosure engine published them; a hidden one says only 非表示.
 */

const TEXT = {
  title: { ja: '採用経路別（自己申告）', en: 'By entry route (self-reported)' },
  note: {
    ja: '「あなたが採用されたときの経歴」への回答による区分です。「新卒採用」は学校卒業後まもなく、「社会人経験者採用」は民間企業や他の自治体・官公庁での勤務を経て採用された人です（任意回答。答えなかった人はどの区分にも入りません）。',
    en: 'Grouped by the answer to “your background when you were hired”: new graduates were hired soon after school or university, mid-career hires after working in the private sector or for another public body (optional; those who did not answer are in no group).',
  },
} satisfies Record<string, Localized>;

const groupsOf = (results: CampaignResults) =>
  [...(results.breakdowns.entryRoute ?? [])].sort(
    (a, b) =>
      ENTRY_ROUTE_GROUPS.indexOf(a.key as EntryRouteGroup) -
      ENTRY_ROUTE_GROUPS.indexOf(b.key as EntryRouteGroup),
  );

const labelOf = entryRouteLabel;

/** Whether any entry-route cell of the construct is hidden (the page then shows the legend). */
export function entryRouteHidden(results: CampaignResults, constructId: string): boolean {
  return (results.breakdowns.entryRoute ?? []).some(
    (g) => g.suppressed || g.constructs.find((c) => c.constructId === constructId)?.suppressed !== false,
  );
}

/** One construct's favourable share by entry route, as a bar chart figure. */
export function EntryRouteFigure({
  results,
  constructId,
}: {
  results: CampaignResults;
  constructId: string;
}) {
  const { t, l } = useI18n();
  const groups = groupsOf(results);
  if (results.breakdowns.entryRoute === undefined) return null;
  const bars: Bar[] = groups.map((g) => {
    const c = g.constructs.find((x) => x.constructId === constructId);
    const hidden = g.suppressed || !c || c.suppressed;
    return {
      key: g.key,
      label: l(labelOf(g.key)),
      value: hidden ? null : (c?.favourable ?? null),
      hidden,
      hiddenReason: g.suppressed ? g.hiddenReason : c?.hiddenReason,
    };
  });
  return (
    <figure className="chart entry-route">
      <figcaption>
        <strong>{l(TEXT.title)}</strong>
      </figcaption>
      {bars.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <BarChart
          bars={bars}
          title={`${l(TEXT.title)} — ${t('favourable')}`}
          axisLabel={t('axisFavourable')}
          labelWidth={230}
        />
      )}
      <p className="hint">{l(TEXT.note)}</p>
    </figure>
  );
}

/** Every construct by entry route, as a heatmap section of the results page. */
export function EntryRouteHeatmap({
  results,
  constructIds,
}: {
  results: CampaignResults;
  constructIds: string[];
}) {
  const { t, l } = useI18n();
  if (results.breakdowns.entryRoute === undefined) return null;
  const groups = groupsOf(results);
  return (
    <section aria-labelledby="heatmap-entryRoute" className="wide">
      <h2 id="heatmap-entryRoute">{l(TEXT.title)}</h2>
      {groups.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <Heatmap
          rows={groups.map((g) => ({
            key: g.key,
            label: l(labelOf(g.key)),
            n: g.n,
            suppressed: g.suppressed,
            hiddenReason: g.hiddenReason,
            constructs: g.constructs,
          }))}
          caption={l(TEXT.title)}
          rowHeader={l(TEXT.title)}
          constructIds={constructIds}
        />
      )}
      <p className="hint">{l(TEXT.note)}</p>
    </section>
  );
}
