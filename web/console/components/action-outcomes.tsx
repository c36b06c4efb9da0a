import type { ActionOutcomes } from '../../../shared/api/actions';
import { pct, points, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { useResource } from '../lib/use-resource';
import { ACTION_STATUS_KEYS } from '../lib/messages-actions';
import { useHiddenWords } from './common';

/**
 * Next year's results beside last year's actions (issue 15): each approved
 * action with its construct's favourable share in that unit then and now,
 * as the API publishes them (null where either year's cell is hidden).
 */
export function ActionOutcomesPanel({ campaignId }: { campaignId: string }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const { label: hiddenLabel } = useHiddenWords(undefined);
  const outcomes = useResource<ActionOutcomes>(`/api/campaigns/${campaignId}/action-outcomes`);
  const data = outcomes.data;
  if (!data?.comparedWith || data.outcomes.length === 0) return null;
  return (
    <section aria-labelledby="outcomes-title" className="wide">
      <h2 id="outcomes-title">{t('outcomesTitle')}</h2>
      <p className="hint">{t('outcomesLead', { year: yearLong(data.comparedWith.fiscalYear, lang) })}</p>
      <div className="table-scroll">
        <table className="outcomes">
          <caption>{t('outcomesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actionUnit')}</th>
              <th scope="col">{t('actionTitleLabel')}</th>
              <th scope="col">{t('actionStatus')}</th>
              <th scope="col">{t('actionConstruct')}</th>
              <th scope="col">{t('outcomesBefore')}</th>
              <th scope="col">{t('outcomesAfter')}</th>
              <th scope="col">{t('outcomesChange')}</th>
            </tr>
          </thead>
          <tbody>
            {data.outcomes.map((o) => (
              <tr key={o.action.id} data-action={o.action.id}>
                <td>{ref.unitName(o.action.unitCode, lang)}</td>
                <th scope="row">{o.action.title}</th>
                <td>{t(ACTION_STATUS_KEYS[o.action.status])}</td>
                <td>
                  {o.action.constructId
                    ? ref.constructName(o.action.constructId, lang)
                    : t('outcomesNoConstruct')}
                </td>
                {o.hidden ? (
                  <td colSpan={3} className="cell-hidden">
                    {hiddenLabel}
                  </td>
                ) : (
                  <>
                    <td className="num">{o.before === null ? '—' : pct(o.before)}</td>
                    <td className="num">{o.after === null ? '—' : pct(o.after)}</td>
                    <td className="num">{o.delta === null ? '—' : points(o.delta)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
