import type { InitiativeProgress } from '../../../shared/api/actions';
import { ACTUAL_STATUS_LABELS } from '../../../shared/plan/progress';
import { resolveInitiative } from '../../../shared/plan/query';
import { KIND_LABELS, STATUS_LABELS, yearsOf } from '../../../shared/plan/schema';
import { yearHeading } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';

/**
 * Plan initiatives as a table: place, title, 新規/継続 and the status for
 * each fiscal year (実施/検討/研究/活用), optionally with the constructs that
 * inform each one.
 */
export function InitiativeTable({
  ids,
  caption,
  showPillar = false,
  showConstructs = false,
  highlightYear,
  progress,
}: {
  ids: string[];
  caption: string;
  showPillar?: boolean;
  showConstructs?: boolean;
  highlightYear?: number;
  /** The plan's progress (issue 15) by `<initiativeId>#<fiscalYear>`: the actual status under the planned one. */
  progress?: Map<string, InitiativeProgress>;
}) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const years = yearsOf(ref.plan.fiscalYears);
  const rows = ids.flatMap((id) => {
    const r = resolveInitiative(ref.plan, id);
    return r ? [r] : [];
  });
  // A re-listed row names the pillar it comes from, never its internal id.
  const relistedFrom = (id: string) => {
    const target = resolveInitiative(ref.plan, id);
    return target ? ref.pillarName(target.pillarId, lang) : '';
  };
  return (
    <div className="table-scroll">
      <table className="initiatives">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {showPillar ? <th scope="col">{t('pillar')}</th> : null}
            <th scope="col">{t('initiativeArea')}</th>
            <th scope="col">{t('initiativeTitle')}</th>
            <th scope="col">{t('initiativeKind')}</th>
            {years.map((y) => {
              const h = yearHeading(y, lang);
              return (
                <th key={y} scope="col" className={y === highlightYear ? 'year-col current' : 'year-col'}>
                  {h.main}
                  <span className="sub">{h.sub}</span>
                </th>
              );
            })}
            {showConstructs ? <th scope="col">{t('informedBy')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const constructs = showConstructs ? ref.constructsInforming(row.id) : [];
            const behind = years.some((y) => progress?.get(`${row.id}#${y}`)?.behind);
            return (
              <tr key={row.id} data-initiative={row.id} data-behind={behind ? 'true' : undefined}>
                {showPillar ? <td>{ref.pillarName(row.pillarId, lang)}</td> : null}
                <td>
                  {l(row.middle)}
                  <span className="sub">{l(row.small)}</span>
                </td>
                <th scope="row" className="initiative-title">
                  {l(row.title)}
                  {row.refersTo ? (
                    <span className="relisted" data-refers-to={row.refersTo}>
                      {t('relisted', { pillar: relistedFrom(row.refersTo) })}
                    </span>
                  ) : null}
                </th>
                <td>
                  <span className={`kind kind-${row.kind}`}>{l(KIND_LABELS[row.kind])}</span>
                </td>
                {years.map((y) => {
                  const status = row.statuses[y];
                  return (
                    <td
                      key={y}
                      className={`status ${status ? `status-${status}` : ''} ${y === highlightYear ? 'current' : ''}`}
                    >
                      {status ? l(STATUS_LABELS[status]) : '—'}
                      <ActualStatusNote record={progress?.get(`${row.id}#${y}`)} />
                    </td>
                  );
                })}
                {showConstructs ? (
                  <td>
                    {constructs.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain">
                        {constructs.map((c) => (
                          <li key={c.id}>
                            <Link to={`/constructs/${c.id}`}>{l(c.name)}</Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What actually happened in a year, under the planned status; flagged when behind it. */
function ActualStatusNote({ record }: { record: InitiativeProgress | undefined }) {
  const { t, l } = useI18n();
  if (!record) return null;
  return (
    <span className="actual">
      {t('progressActual')}: {l(ACTUAL_STATUS_LABELS[record.status])}
      {record.behind ? <strong className="behind"> {t('progressBehind')}</strong> : null}
      {record.note ? <span className="sub">{record.note}</span> : null}
      {record.link ? (
        <a href={record.link} rel="noopener noreferrer" target="_blank" className="sub">
          {record.link}
        </a>
      ) : null}
    </span>
  );
}
