import { useEffect, useMemo, useState } from 'react';
import type { Campaign, Invitation } from '../../../shared/api/campaign';
import type { StaffRow } from '../../../shared/api/organisation';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { invitationPart, type Slip, SlipSheets, slipsPerSheet } from '../components/slips';
import { api } from '../lib/api';
import { count } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';

const PER_SHEET = slipsPerSheet(1);

/**
 * Printable A4 invitation slips (8 per sheet) with a QR code of the link and
 * the code in readable groups, for staff without e-mail. The code travels in
 * the link's fragment, so it is never sent to a server when the link is opened.
 */
export function SlipsPage({ id }: { id: string }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const campaign = useResource<Campaign>(`/api/campaigns/${id}`);
  const staff = useResource<StaffRow[]>('/api/staff');
  const [invitations, setInvitations] = useState<Invitation[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [who, setWho] = useState<'noEmail' | 'all'>('noEmail');
  const [unit, setUnit] = useState('');

  useEffect(() => {
    let alive = true;
    api
      .post<{ invitations: Invitation[] }>(`/api/campaigns/${id}/invitations`)
      .then((r) => alive && setInvitations(r.invitations))
      .catch((err: Error) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [id]);

  const people = useMemo(() => new Map((staff.data ?? []).map((s) => [s.staffNo, s])), [staff.data]);
  const chosen = useMemo(
    () =>
      (invitations ?? []).filter((inv) => {
        if (unit && inv.unitCode !== unit) return false;
        if (who === 'noEmail') return !people.get(inv.staffNo)?.email;
        return true;
      }),
    [invitations, unit, who, people],
  );
  const sheetCount = Math.ceil(chosen.length / PER_SHEET);

  if (campaign.error) return <ErrorBox error={campaign.error} />;
  if (error) return <ErrorBox error={error} />;
  if (!campaign.data || !invitations || !staff.data) return <Loading label={t('preparingSlips')} />;
  const c = campaign.data;
  const slips: Slip[] = chosen.map((inv) => ({
    key: inv.staffNo,
    unitName: ref.unitName(inv.unitCode, lang),
    personName: people.get(inv.staffNo)?.name ?? '',
    staffNo: inv.staffNo,
    parts: [invitationPart(c, inv, t, lang, l)],
  }));

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
              <input type="radio" name="who" checked={who === 'noEmail'} onChange={() => setWho('noEmail')} />{' '}
              {t('slipsNoEmail')}
            </label>
            <label>
              <input type="radio" name="who" checked={who === 'all'} onChange={() => setWho('all')} />{' '}
              {t('slipsAll')}
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
        <p role="status">{t('slipsCount', { n: count(chosen.length, lang), sheets: sheetCount })}</p>
      </div>
      <SlipSheets slips={slips} perSheet={PER_SHEET} />
    </>
  );
}
