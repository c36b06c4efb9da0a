import { useEffect, useMemo, useState } from 'react';
import type { Campaign, Invitation } from '../../../shared/api/campaign';
import type { StaffRow } from '../../../shared/api/organisation';
import { downloadText, ErrorBox, Loading, PageHeader } from '../components/common';
import { invitationPart, type Slip, type SlipPart, SlipSheets, slipsPerSheet } from '../components/slips';
import { api } from '../lib/api';
import { chosenYear, type FeedbackCodeRow, feedbackCodesCsv, feedbackYears } from '../lib/feedback';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';

/** The year's codes from the API: one per person, the same on every call. */
function fetchCodes(fiscalYear: number): Promise<FeedbackCodeRow[]> {
  return api.post<{ codes: FeedbackCodeRow[] }>('/api/feedback/codes', { fiscalYear }).then((r) => r.codes);
}

function YearSelect({ value, onChange }: { value: number; onChange(fy: number): void }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  return (
    <label className="field">
      <span>{t('codesYear')}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {feedbackYears(ref).map((y) => (
          <option key={y} value={y}>
            {yearLong(y, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Feedback codes (admin): issue the year's codes, download them for mail
 * merge, and go on to print QR slips. Issuing is an explicit act: it records
 * in the ledger that each person may redeem a code, and nothing else.
 */
export function FeedbackCodesPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const fy = chosenYear(ref, query.get('fy'));
  const staff = useResource<StaffRow[]>('/api/staff');
  const [codes, setCodes] = useState<FeedbackCodeRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const people = useMemo(() => new Map((staff.data ?? []).map((s) => [s.staffNo, s])), [staff.data]);

  const issue = () => {
    setBusy(true);
    setError(null);
    fetchCodes(fy)
      .then(setCodes)
      .catch((err: Error) => setError(err))
      .finally(() => setBusy(false));
  };

  const byUnit = new Map<string, number>();
  for (const c of codes ?? []) byUnit.set(c.unitCode, (byUnit.get(c.unitCode) ?? 0) + 1);
  const noEmail = (codes ?? []).filter((c) => !people.get(c.staffNo)?.email).length;
  const year = yearLong(fy, lang);

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/feedback">{t('navFeedback')}</Link> › {t('codesTitle')}
      </p>
      <PageHeader title={t('codesTitle')} />
      <p className="lead">{t('codesLead')}</p>
      <p className="hint">{t('codesPrivacy')}</p>
      <section className="panel narrow" aria-labelledby="codes-issue">
        <h2 id="codes-issue">{t('codesIssue')}</h2>
        <YearSelect value={fy} onChange={(y) => navigate(`/feedback/codes?fy=${y}`, { replace: true })} />
        <div className="form-actions">
          <button type="button" className="primary" onClick={issue} disabled={busy || !staff.data}>
            {busy ? t('creatingCodes') : t('createCodes', { year })}
          </button>
        </div>
      </section>
      {error ? <ErrorBox error={error} /> : null}
      {staff.error ? <ErrorBox error={staff.error} /> : null}
      {codes ? (
        <section className="panel" aria-labelledby="codes-ready">
          <h2 id="codes-ready">{t('codesReady')}</h2>
          <p role="status">
            {t('codesCreated', { year, n: count(codes.length, lang), units: byUnit.size })}{' '}
            {t('codesNoEmail', { n: count(noEmail, lang) })}
          </p>
          <p>{t('codesNext')}</p>
          <div className="button-row">
            <button
              type="button"
              onClick={() =>
                downloadText(`feedback-codes-FY${fy}.csv`, feedbackCodesCsv(codes, people, ref, fy, lang))
              }
            >
              {t('downloadCodesCsv')}
            </button>
            <Link className="button" to={`/feedback/codes/slips?fy=${fy}`}>
              {t('printCodeSlips')}
            </Link>
          </div>
          <p className="hint">{t('codesCsvNote')}</p>
          <details>
            <summary>{t('codesByUnit')}</summary>
            <table className="list compact">
              <caption className="sr-only">{t('codesByUnit')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('codesCount')}</th>
                </tr>
              </thead>
              <tbody>
                {ref.unitTree
                  .filter(({ unit }) => byUnit.has(unit.code))
                  .map(({ unit }) => (
                    <tr key={unit.code}>
                      <th scope="row">{ref.unitName(unit.code, lang)}</th>
                      <td className="num">{count(byUnit.get(unit.code), lang)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>
        </section>
      ) : null}
    </>
  );
}

/**
 * A4 slips for feedback codes, eight to a sheet; with a survey chosen, each
 * slip also carries that person's invitation (four to a sheet). The codes
 * travel in the links' fragments, never sent to a server when opened.
 */
export function FeedbackSlipsPage({ query }: { query: URLSearchParams }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const fy = chosenYear(ref, query.get('fy'));
  const staff = useResource<StaffRow[]>('/api/staff');
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  const [codes, setCodes] = useState<FeedbackCodeRow[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [who, setWho] = useState<'noEmail' | 'all'>('noEmail');
  const [unit, setUnit] = useState('');
  const [surveyId, setSurveyId] = useState('');
  const [invitations, setInvitations] = useState<Map<string, Invitation> | null>(null);

  useEffect(() => {
    let alive = true;
    fetchCodes(fy)
      .then((c) => alive && setCodes(c))
      .catch((err: Error) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [fy]);

  useEffect(() => {
    setInvitations(null);
    if (!surveyId) return;
    let alive = true;
    api
      .post<{ invitations: Invitation[] }>(`/api/campaigns/${surveyId}/invitations`)
      .then((r) => alive && setInvitations(new Map(r.invitations.map((i) => [i.staffNo, i]))))
      .catch((err: Error) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [surveyId]);

  const people = useMemo(() => new Map((staff.data ?? []).map((s) => [s.staffNo, s])), [staff.data]);
  const chosen = useMemo(
    () =>
      (codes ?? []).filter((c) => {
        if (unit && c.unitCode !== unit) return false;
        if (who === 'noEmail') return !people.get(c.staffNo)?.email;
        return true;
      }),
    [codes, unit, who, people],
  );
  // Surveys that can still be answered, the year's own first.
  const surveys = (campaigns.data ?? [])
    .filter((c) => c.status !== 'closed')
    .sort((a, b) => Number(b.fiscalYear === fy) - Number(a.fiscalYear === fy) || b.fiscalYear - a.fiscalYear);
  const survey = surveys.find((c) => c.id === surveyId);

  if (error) return <ErrorBox error={error} />;
  if (staff.error) return <ErrorBox error={staff.error} />;
  if (!codes || !staff.data || (survey && !invitations)) return <Loading label={t('preparingSlips')} />;

  const year = yearLong(fy, lang);
  const slips: Slip[] = chosen.map((c) => {
    const feedback: SlipPart = {
      key: `feedback-${fy}`,
      title: t('feedbackSlipTitle', { year }),
      meta: t('feedbackSlipMeta'),
      url: c.url,
      qrLabel: t('feedbackQrLabel'),
      codeLabel: t('feedbackCode'),
      code: c.code,
      help: t('feedbackSlipHelp'),
    };
    const inv = survey ? invitations?.get(c.staffNo) : undefined;
    return {
      key: c.staffNo,
      unitName: ref.unitName(c.unitCode, lang),
      personName: people.get(c.staffNo)?.name ?? '',
      staffNo: c.staffNo,
      parts: survey && inv ? [invitationPart(survey, inv, t, lang, l), feedback] : [feedback],
    };
  });
  const perSheet = slipsPerSheet(survey ? 2 : 1);
  const sheets = Math.ceil(slips.length / perSheet);

  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to="/feedback">{t('navFeedback')}</Link> ›{' '}
          <Link to={`/feedback/codes?fy=${fy}`}>{t('codesTitle')}</Link> › {t('codeSlipsTitle')}
        </p>
        <PageHeader title={t('codeSlipsTitle')}>
          <button
            type="button"
            className="primary"
            onClick={() => window.print()}
            disabled={slips.length === 0}
          >
            {t('printSlipsNow', { n: slips.length })}
          </button>
        </PageHeader>
        <p>{t('codeSlipsLead')}</p>
        <div className="filters">
          <YearSelect
            value={fy}
            onChange={(y) => navigate(`/feedback/codes/slips?fy=${y}`, { replace: true })}
          />
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
          <label className="field">
            <span>{t('slipsWithSurvey')}</span>
            <select value={surveyId} onChange={(e) => setSurveyId(e.target.value)}>
              <option value="">{t('slipsFeedbackOnly')}</option>
              {surveys.map((c) => (
                <option key={c.id} value={c.id}>
                  {l(c.title)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p role="status">{t('slipsCount', { n: count(slips.length, lang), sheets })}</p>
      </div>
      <SlipSheets slips={slips} perSheet={perSheet} />
    </>
  );
}
