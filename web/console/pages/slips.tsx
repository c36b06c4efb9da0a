import { useEffect, useMemo, useState } from 'react';
import type { Campaign } from '../../../shared/api/campaign';
import type { CodeSlip } from '../../../shared/api/delivery';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import {
  byUnit,
  invitationPart,
  ReprintForm,
  type Slip,
  SlipSheets,
  sheetsOf,
  slipsPerSheet,
} from '../components/slips';
import { api } from '../lib/api';
import { count } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';

const PER_SHEET = slipsPerSheet(1);

/**
 * Printable A4 paper invitations (8 per sheet, a new sheet for each unit)
 * with a QR code of the link, the code in readable groups and the answer
 * page's short address to type it at: for staff without e-mail, or reprinted for
 * given staff numbers. The custodian's page (DESIGN §3, A5); each print and
 * reprint is audited by the API. The code travels in the link's fragment, so
 * it is never sent to a server when the link is opened.
 */
export function SlipsPage({ id }: { id: string }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const campaign = useResource<Campaign>(`/api/campaigns/${id}`);
  const [slips, setSlips] = useState<CodeSlip[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [who, setWho] = useState<'noEmail' | 'reprint'>('noEmail');
  const [unit, setUnit] = useState('');

  const load = (staffNos?: string[]) => {
    setError(null);
    setSlips(null);
    return api
      .post<{ slips: CodeSlip[] }>(
        `/api/campaigns/${id}/invitations/slips`,
        staffNos ? { staffNos } : undefined,
      )
      .then((r) => setSlips(r.slips))
      .catch((err: Error) => setError(err));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per campaign; `load` reads only `id`.
  useEffect(() => {
    load();
  }, [id]);

  const chosen = useMemo(() => (slips ?? []).filter((s) => !unit || s.unitCode === unit), [slips, unit]);

  if (campaign.error) return <ErrorBox error={campaign.error} />;
  if (!campaign.data) return <Loading label={t('preparingSlips')} />;
  const c = campaign.data;
  // By unit, a new sheet for each: a sheet is handed out in one unit.
  const printable: Slip[] = byUnit(
    chosen.map((s) => ({
      key: s.staffNo,
      unitCode: s.unitCode,
      unitName: ref.unitName(s.unitCode, lang),
      personName: s.name,
      staffNo: s.staffNo,
      parts: [invitationPart(c, s, t, lang, l)],
    })),
    ref,
  );
  const sheets = sheetsOf(printable, PER_SHEET);

  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to="/campaigns">{t('navCampaigns')}</Link> › <Link to={`/campaigns/${id}`}>{l(c.title)}</Link>{' '}
          › {t('slipsTitle')}
        </p>
        <PageHeader title={t('slipsTitle')}>
          <button
            type="button"
            className="primary"
            onClick={() => window.print()}
            disabled={chosen.length === 0}
          >
            {t('printSlipsNow', { n: chosen.length })}
          </button>
        </PageHeader>
        <p>{t('slipsLead')}</p>
        <div className="filters">
          <fieldset>
            <legend>{t('slipsWho')}</legend>
            <label>
              <input
                type="radio"
                name="who"
                checked={who === 'noEmail'}
                onChange={() => {
                  setWho('noEmail');
                  load();
                }}
              />{' '}
              {t('slipsNoEmail')}
            </label>
            <label>
              <input type="radio" name="who" checked={who === 'reprint'} onChange={() => setWho('reprint')} />{' '}
              {t('slipsReprint')}
            </label>
          </fieldset>
          <label className="field">
            <span>{t('unit')}</span>
            <select value={unit} onChange={(e) => setUnit(e.target.value)}>
              <option value="">{t('allUnits')}</option>
              {ref.unitTree.map(({ unit: u, depth }) => (
                <option key={u.code} value={u.code}>
                  {'　'.repeat(depth)}
                  {l(u.name)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {who === 'reprint' ? <ReprintForm onReprint={load} /> : null}
        <p className="hint">{t('reprintNote')}</p>
        {error ? <ErrorBox error={error} /> : null}
        {slips ? (
          <p role="status">{t('slipsCount', { n: count(chosen.length, lang), sheets: sheets.length })}</p>
        ) : error ? null : (
          <Loading label={t('preparingSlips')} />
        )}
      </div>
      <SlipSheets sheets={sheets} />
    </>
  );
}
