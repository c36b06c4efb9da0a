import { useEffect, useMemo, useState } from 'react';
import type { Campaign } from '../../../shared/api/campaign';
import type { CodeSlip, DeliveryResult } from '../../../shared/api/delivery';
import { ConfirmDialog, ErrorBox, Loading, PageHeader } from '../components/common';
import {
  byUnit,
  invitationPart,
  ReprintForm,
  type Slip,
  type SlipPart,
  SlipSheets,
  sheetsOf,
  slipsPerSheet,
} from '../components/slips';
import { api } from '../lib/api';
import { chosenYear, feedbackYears } from '../lib/feedback';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';

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
 * Feedback codes (the custodian's, DESIGN §3, A5): the system e-mails each
 * person their code for the year, and paper slips are printed for those
 * without e-mail. The page sees counts only; every delivery is audited.
 */
export function FeedbackCodesPage({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const fy = chosenYear(ref, query.get('fy'));
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DeliveryResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const year = yearLong(fy, lang);

  const send = () => {
    setBusy(true);
    setError(null);
    api
      .post<DeliveryResult>('/api/feedback/codes/deliver', { fiscalYear: fy })
      .then(setResult)
      .catch((err: Error) => setError(err))
      .finally(() => {
        setBusy(false);
        setConfirm(false);
      });
  };

  return (
    <>
      <PageHeader title={t('codesTitle')} />
      <p className="lead">{t('codesLead')}</p>
      <p className="hint">{t('codesPrivacy')}</p>
      <section className="panel narrow" aria-labelledby="codes-issue">
        <h2 id="codes-issue">{t('codesIssue')}</h2>
        <YearSelect value={fy} onChange={(y) => navigate(`/feedback/codes?fy=${y}`, { replace: true })} />
        <div className="button-row">
          <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy}>
            {busy ? t('sendingMail') : t('sendCodesMail', { year })}
          </button>
          <Link className="button" to={`/feedback/codes/slips?fy=${fy}`}>
            {t('printCodePaper')}
          </Link>
        </div>
        {result ? (
          <p className="notice" role="status">
            {t('deliveredNotice', {
              sent: count(result.sent, lang),
              without: count(result.withoutEmail, lang),
            })}
          </p>
        ) : null}
        <p className="hint">{t('reprintNote')}</p>
      </section>
      {error ? <ErrorBox error={error} /> : null}
      <ConfirmDialog
        open={confirm}
        title={t('confirmSendCodesTitle')}
        confirmLabel={t('confirmSend')}
        cancelLabel={t('cancel')}
        busy={busy}
        onCancel={() => setConfirm(false)}
        onConfirm={send}
      >
        <p>{t('confirmSendCodesBody', { year })}</p>
      </ConfirmDialog>
    </>
  );
}

/**
 * A4 slips for feedback codes, eight to a sheet and a new sheet for each unit:
 * for staff without e-mail, or reprinted for given staff numbers. With a survey chosen, each slip also
 * carries that person's invitation (four to a sheet). The codes travel in the
 * links' fragments, never sent to a server when opened.
 */
export function FeedbackSlipsPage({ query }: { query: URLSearchParams }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const fy = chosenYear(ref, query.get('fy'));
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  const [codes, setCodes] = useState<CodeSlip[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [who, setWho] = useState<'noEmail' | 'reprint'>('noEmail');
  /** The staff numbers being reprinted; none: those without e-mail. */
  const [reprint, setReprint] = useState<string[] | undefined>(undefined);
  const [unit, setUnit] = useState('');
  const [surveyId, setSurveyId] = useState('');
  const [invitations, setInvitations] = useState<Map<string, CodeSlip> | null>(null);

  useEffect(() => {
    let alive = true;
    setCodes(null);
    setError(null);
    api
      .post<{ slips: CodeSlip[] }>('/api/feedback/codes/slips', {
        fiscalYear: fy,
        ...(reprint ? { staffNos: reprint } : {}),
      })
      .then((r) => alive && setCodes(r.slips))
      .catch((err: Error) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [fy, reprint]);

  useEffect(() => {
    setInvitations(null);
    if (!surveyId) return;
    let alive = true;
    api
      .post<{ slips: CodeSlip[] }>(
        `/api/campaigns/${surveyId}/invitations/slips`,
        reprint ? { staffNos: reprint } : undefined,
      )
      .then((r) => alive && setInvitations(new Map(r.slips.map((i) => [i.staffNo, i]))))
      .catch((err: Error) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [surveyId, reprint]);

  const chosen = useMemo(() => (codes ?? []).filter((c) => !unit || c.unitCode === unit), [codes, unit]);
  // Surveys that can still be answered, the year's own first.
  const surveys = (campaigns.data ?? [])
    .filter((c) => c.status !== 'closed')
    .sort((a, b) => Number(b.fiscalYear === fy) - Number(a.fiscalYear === fy) || b.fiscalYear - a.fiscalYear);
  const survey = surveys.find((c) => c.id === surveyId);

  const year = yearLong(fy, lang);
  const slips: Slip[] = byUnit(
    chosen.map((c) => {
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
        unitCode: c.unitCode,
        unitName: ref.unitName(c.unitCode, lang),
        personName: c.name,
        staffNo: c.staffNo,
        parts: survey && inv ? [invitationPart(survey, inv, t, lang, l), feedback] : [feedback],
      };
    }),
    ref,
  );
  // By unit, a new sheet for each: a sheet is handed out in one unit.
  const sheets = sheetsOf(slips, slipsPerSheet(survey ? 2 : 1));
  const ready = codes && (!survey || invitations);

  return (
    <>
      <div className="no-print">
        <p className="breadcrumb">
          <Link to={`/feedback/codes?fy=${fy}`}>{t('codesTitle')}</Link> › {t('codeSlipsTitle')}
        </p>
        <PageHeader title={t('codeSlipsTitle')}>
          <button
            type="button"
            className="primary"
            onClick={() => window.print()}
            disabled={!ready || slips.length === 0}
          >
            {t('printSlipsNow', { n: ready ? slips.length : 0 })}
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
              <input
                type="radio"
                name="who"
                checked={who === 'noEmail'}
                onChange={() => {
                  setWho('noEmail');
                  setReprint(undefined);
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
        {who === 'reprint' ? <ReprintForm onReprint={setReprint} /> : null}
        <p className="hint">{t('reprintNote')}</p>
        {error ? <ErrorBox error={error} /> : null}
        {ready ? (
          <p role="status">{t('slipsCount', { n: count(slips.length, lang), sheets: sheets.length })}</p>
        ) : error ? null : (
          <Loading label={t('preparingSlips')} />
        )}
      </div>
      {ready ? <SlipSheets sheets={sheets} /> : null}
    </>
  );
}
