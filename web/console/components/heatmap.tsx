import type { ReactNode } from 'react';
import type { ConstructCell, HiddenReason } from '../../../shared/api/results';
import { pct, points } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { HiddenLegendItems, HiddenNote, useHiddenWords } from './common';

export interface HeatmapRow {
  key: string;
  label: ReactNode;
  /** Indentation in a unit tree. */
  depth?: number;
  n: number | null;
  suppressed: boolean;
  /** Why the row is hidden (few when not said). */
  hiddenReason?: HiddenReason;
  /** A unit whose direct staff are counted with its key group's top unit. */
  inKeyGroup?: boolean;
  constructs: ConstructCell[];
  emphasis?: boolean;
}

/** Five shades of one hue; the value is always printed in the cell as well. */
export function shadeClass(value: number): string {
  if (value >= 0.8) return 'shade-4';
  if (value >= 0.6) return 'shade-3';
  if (value >= 0.4) return 'shade-2';
  if (value >= 0.2) return 'shade-1';
  return 'shade-0';
}

/**
 * Constructs (columns, grouped by pillar) × groups (rows): favourable % per
 * cell. A hidden cell is hatched and says 非表示; it is never shaded as a value.
 */
export function Heatmap({
  rows,
  caption,
  rowHeader,
  constructIds,
  changes,
}: {
  rows: HeatmapRow[];
  caption: string;
  rowHeader: string;
  constructIds: string[];
  /** Unit change (issue 15): per row key, per construct, the change from the previous campaign (null: not both shown). */
  changes?: { since: string; byRow: Map<string, Map<string, number | null>> };
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const byPillar = ref.pillarIds
    .map((p) => ({ pillarId: p, ids: constructIds.filter((id) => ref.construct(id)?.pillarId === p) }))
    .filter((g) => g.ids.length > 0);
  const ordered = byPillar.flatMap((g) => g.ids);
  const extra = constructIds.filter((id) => !ordered.includes(id));
  const columns = [...ordered, ...extra];
  return (
    // A wide heatmap scrolls sideways: keyboard users reach the scroll by focusing it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (axe scrollable-region-focusable).
    <section className="table-scroll" aria-label={caption} tabIndex={0}>
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col" className="row-head-title">
              {rowHeader}
            </th>
            <th rowSpan={2} scope="col">
              {t('respondents')}
            </th>
            {byPillar.map((g) => (
              <th key={g.pillarId} colSpan={g.ids.length} scope="colgroup" className="pillar-head">
                {ref.pillarName(g.pillarId, lang)}
              </th>
            ))}
            {extra.length > 0 ? <td colSpan={extra.length} /> : null}
          </tr>
          <tr>
            {columns.map((id) => (
              <th key={id} scope="col" className="construct-head">
                {ref.constructName(id, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const cells = new Map(row.constructs.map((c) => [c.constructId, c]));
            return (
              <tr key={row.key} className={row.emphasis ? 'emphasis' : undefined}>
                <th
                  scope="row"
                  className="row-head"
                  style={{ paddingInlineStart: `${0.5 + (row.depth ?? 0) * 1.2}em` }}
                >
                  {row.label}
                </th>
                <td className="n">
                  {row.suppressed ? (
                    <HiddenNote short reason={row.hiddenReason} inKeyGroup={row.inKeyGroup} />
                  ) : (
                    `n=${row.n ?? '—'}`
                  )}
                </td>
                {columns.map((id) => {
                  const cell = cells.get(id);
                  if (!cell || cell.suppressed || row.suppressed) {
                    const reason = row.suppressed ? row.hiddenReason : cell?.hiddenReason;
                    return (
                      <HiddenCell key={id} reason={reason} inKeyGroup={row.suppressed && row.inKeyGroup} />
                    );
                  }
                  if (cell.favourable === null) {
                    return (
                      <td key={id} className="cell cell-empty">
                        —
                      </td>
                    );
                  }
                  const change = changes?.byRow.get(row.key)?.get(id);
                  return (
                    <td key={id} className={`cell ${shadeClass(cell.favourable)}`}>
                      {pct(cell.favourable)}
                      {change !== undefined && change !== null ? (
                        <span
                          className="change"
                          title={t('unitChangeCell', { year: changes!.since, change: points(change) })}
                        >
                          {points(change)}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A hidden cell: hatched, never shaded as a value; its label says which reason, the hover says it in full. */
function HiddenCell({ reason, inKeyGroup }: { reason: HiddenReason | undefined; inKeyGroup?: boolean }) {
  const { label, why } = useHiddenWords(reason, inKeyGroup);
  return (
    <td className={`cell cell-hidden${reason === 'complementary' ? ' cell-complementary' : ''}`} title={why}>
      <span>{label}</span>
    </td>
  );
}

export function HeatmapLegend() {
  const { t } = useI18n();
  const bins = [
    ['shade-0', '0–19%'],
    ['shade-1', '20–39%'],
    ['shade-2', '40–59%'],
    ['shade-3', '60–79%'],
    ['shade-4', '80–100%'],
  ] as const;
  return (
    <div className="heatmap-legend">
      <span className="legend-title">{t('legendFavourable')}</span>
      <ul>
        {bins.map(([cls, label]) => (
          <li key={cls}>
            <span className={`swatch ${cls}`}>{label}</span>
          </li>
        ))}
        <HiddenLegendItems />
      </ul>
    </div>
  );
}
