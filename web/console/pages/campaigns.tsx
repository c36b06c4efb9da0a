import { type FormEvent, useId, useState } from 'react';
import type { Campaign, CampaignCreate, CampaignKind } from '../../../shared/api/campaign';
import { minutesFor } from '../../../shared/instruments/minutes';
import type { Template } from '../../../shared/instruments/schema';
import { ErrorBox, Loading, PageHeader, StatusBadge } from '../components/common';
import { CampaignKindChoice, CampaignKindFact } from '../components/custom-questions';
import { ApiError, api } from '../lib/api';
import { deadlineDay, deadlineLabel, endOfJstDay } from '../../../shared/time/deadline';
import { dateOnly, isoFromJstInput, jstInputValue, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link, navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

export function CampaignsPage() {
  const { t, lang, l } = useI18n();
  const { user } = useSession();
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  return (
    <>
      <PageHeader title={t('campaignsTitle')}>
        {can.runCampaigns(user.role) ? (
          <Link to="/campaigns/new" className="button primary">
            {t('newCampaign')}
          </Link>
        ) : null}
      </PageHeader>
      <p className="lead">{t('campaignsLead')}</p>
      {campaigns.error ? <ErrorBox error={campaigns.error} /> : null}
      {!campaigns.data ? (
        <Loading />
      ) : campaigns.data.length === 0 ? (
        <p>{t('noCampaigns')}</p>
      ) : (
        <div className="table-scroll">
          <table className="list">
            <caption className="sr-only">{t('campaignsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fiscalYear')}</th>
                <th scope="col">{t('campaignTitle')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('period')}</th>
                <th scope="col">{t('minGroupSize')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.map((c) => (
                <tr key={c.id}>
                  <td>{yearLong(c.fiscalYear, lang)}</td>
                  <th scope="row">
                    <Link to={`/campaigns/${c.id}`}>{l(c.title)}</Link>
                  </th>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>
                    {dateOnly(c.opensAt, lang)} – {dateOnly(c.closesAt, lang)}
                  </td>
                  <td className="num">{c.minGroupSize}</td>
                  <td>
                    {c.status === 'closed' && can.readResults(user.role) ? (
                      <Link to={`/campaigns/${c.id}/results`}>{t('viewResults')}</Link>
                    ) : (
                      <Link to={`/campaigns/${c.id}`}>{t('details')}</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const STEPS = ['stepTemplate', 'stepYear', 'stepDates', 'stepGroupSize', 'stepConfirm'] as const;

/**
 * Opens tomorrow at 9:00 and closes three weeks later. The closing field is a
 * day, and a day picked as a deadline means its end: answers are taken until
 * 23:59:59 Japan time (endOfJstDay), never until the midnight it starts with.
 */
function defaultDates(): { opensAt: string; closesAt: string } {
  const now = Date.now();
  const open = new Date(now + 86_400_000);
  const day = jstInputValue(open.toISOString()).slice(0, 10);
  const close = new Date(Date.parse(`${day}T12:00:00+09:00`) + 21 * 86_400_000);
  return { opensAt: `${day}T09:00`, closesAt: deadlineDay(close) };
}

/** The closing day as typed (YYYY-MM-DD) → the end of that day in Japan time; null while incomplete. */
function closesAtOf(day: string): string | null {
  try {
    return endOfJstDay(day);
  } catch {
    return null;
  }
}

/** Create a campaign in five short steps: template, fiscal year, dates, minimum group size, confirm. */
export function CampaignWizardPage() {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const formId = useId();
  const [step, setStep] = useState(0);
  const [templateId, setTemplateId] = useState(ref.templates[0]?.id ?? '');
  const currentFy = (() => {
    const now = new Date(Date.now() + 9 * 3600_000);
    return now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  })();
  const [fiscalYear, setFiscalYear] = useState(currentFy);
  const [titleJa, setTitleJa] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [dates, setDates] = useState(defaultDates);
  const [k, setK] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = useResource<Campaign[]>('/api/campaigns');
  const sameYear = (existing.data ?? []).filter((c) => c.fiscalYear === fiscalYear);
  // At most one annual campaign per fiscal year (DESIGN §5): another survey of the year is a pulse one.
  const annualTaken = sameYear.some((c) => c.kind === 'annual');
  const [chosenKind, setKind] = useState<CampaignKind | null>(null);
  const kind: CampaignKind = annualTaken ? 'pulse' : (chosenKind ?? 'annual');
  const template = ref.templates.find((x) => x.id === templateId);
  const years = Array.from(
    { length: ref.plan.fiscalYears.to - ref.plan.fiscalYears.from + 3 },
    (_, i) => ref.plan.fiscalYears.from - 1 + i,
  );

  const validate = (s: number): string | null => {
    if (s === 0 && !template) return t('errChooseTemplate');
    if (s === 2) {
      const closesAt = closesAtOf(dates.closesAt);
      if (!dates.opensAt || !closesAt) return t('errDatesRequired');
      if (Date.parse(closesAt) <= Date.parse(isoFromJstInput(dates.opensAt))) return t('errClosesAfterOpens');
    }
    if (s === 3) {
      const n = Number(k);
      if (!Number.isInteger(n) || n < 5 || n > 100) return t('errGroupSize');
    }
    return null;
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    const problem = validate(step);
    setError(problem);
    if (problem) return;
    if (step < STEPS.length - 1) {
      setStep(step + 1);
      return;
    }
    const body: CampaignCreate = {
      templateId,
      fiscalYear,
      opensAt: isoFromJstInput(dates.opensAt),
      closesAt: endOfJstDay(dates.closesAt),
      minGroupSize: Number(k),
      kind,
      ...(titleJa.trim()
        ? { title: { ja: titleJa.trim(), ...(titleEn.trim() ? { en: titleEn.trim() } : {}) } }
        : {}),
    };
    setBusy(true);
    api
      .post<Campaign>('/api/campaigns', body)
      .then((created) => navigate(`/campaigns/${created.id}`))
      .catch((err: Error) => {
        setBusy(false);
        setError(err instanceof ApiError ? err.message : String(err));
      });
  };

  const defaultTitle = template ? `${yearLong(fiscalYear, 'ja')} ${template.title.ja}` : '';

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/campaigns">{t('navCampaigns')}</Link> › {t('newCampaign')}
      </p>
      <PageHeader title={t('newCampaign')} />
      <ol className="steps" aria-label={t('steps')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            aria-current={i === step ? 'step' : undefined}
            className={i < step ? 'done' : undefined}
          >
            <span className="step-no">{i + 1}</span> {t(s)}
          </li>
        ))}
      </ol>
      <form id={formId} onSubmit={next} className="wizard" noValidate>
        <fieldset>
          <legend>
            {t('stepOf', { n: step + 1, total: STEPS.length })}: {t(STEPS[step]!)}
          </legend>
          {step === 0 ? (
            <div className="choices">
              {ref.templates.map((tp: Template) => (
                <label key={tp.id} className="choice">
                  <input
                    type="radio"
                    name="template"
                    value={tp.id}
                    checked={templateId === tp.id}
                    onChange={() => setTemplateId(tp.id)}
                  />
                  <span>
                    <strong>{l(tp.title)}</strong>
                    <span className="sub">{l(tp.description)}</span>
                    <span className="sub">
                      {t('templateSize', {
                        constructs: tp.constructs.length,
                        items:
                          tp.constructs.reduce((n, c) => n + c.items.length, 0) + tp.standaloneItems.length,
                        minutes: minutesFor([
                          ...tp.constructs.flatMap((c) => c.items),
                          ...tp.standaloneItems,
                        ]),
                      })}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          ) : null}
          {step === 1 ? (
            <>
              <label className="field">
                <span>{t('fiscalYear')}</span>
                <select value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {yearLong(y, lang)}
                    </option>
                  ))}
                </select>
              </label>
              <CampaignKindChoice value={kind} onChange={setKind} annualTaken={annualTaken} />
              {sameYear.length > 0 ? (
                <p className="note" role="status">
                  {t('yearHasCampaign', { titles: sameYear.map((c) => l(c.title)).join('、') })}
                </p>
              ) : null}
              <label className="field">
                <span>{t('titleJa')}</span>
                <input
                  value={titleJa}
                  onChange={(e) => setTitleJa(e.target.value)}
                  placeholder={defaultTitle}
                  maxLength={200}
                />
                <span className="hint">{t('titleHint')}</span>
              </label>
              <label className="field">
                <span>{t('titleEn')}</span>
                <input
                  value={titleEn}
                  onChange={(e) => setTitleEn(e.target.value)}
                  maxLength={200}
                  lang="en"
                />
              </label>
            </>
          ) : null}
          {step === 2 ? (
            <>
              <label className="field">
                <span>{t('opensAt')}</span>
                <input
                  type="datetime-local"
                  value={dates.opensAt}
                  onChange={(e) => setDates({ ...dates, opensAt: e.target.value })}
                  required
                  aria-invalid={error !== null}
                />
              </label>
              <label className="field">
                <span>{t('closesAt')}</span>
                <input
                  type="date"
                  value={dates.closesAt}
                  onChange={(e) => setDates({ ...dates, closesAt: e.target.value })}
                  required
                  aria-invalid={error !== null}
                />
              </label>
              <p className="hint">{t('datesHint')}</p>
            </>
          ) : null}
          {step === 3 ? (
            <>
              <label className="field">
                <span>{t('minGroupSize')}</span>
                <input
                  type="number"
                  min={3}
                  max={100}
                  step={1}
                  value={k}
                  onChange={(e) => setK(e.target.value)}
                  aria-invalid={error !== null}
                  aria-describedby={`${formId}-k`}
                />
              </label>
              <p className="hint" id={`${formId}-k`}>
                {t('groupSizeHint')}
              </p>
            </>
          ) : null}
          {step === 4 ? (
            <dl className="facts summary">
              <div>
                <dt>{t('template')}</dt>
                <dd>{template ? l(template.title) : '—'}</dd>
              </div>
              <div>
                <dt>{t('fiscalYear')}</dt>
                <dd>{yearLong(fiscalYear, lang)}</dd>
              </div>
              <CampaignKindFact kind={kind} />
              <div>
                <dt>{t('campaignTitle')}</dt>
                <dd>{titleJa.trim() || defaultTitle}</dd>
              </div>
              <div>
                <dt>{t('period')}</dt>
                <dd>
                  {dates.opensAt.replace('T', ' ')} –{' '}
                  {closesAtOf(dates.closesAt)
                    ? deadlineLabel(closesAtOf(dates.closesAt)!, lang, { year: true })
                    : '—'}{' '}
                  {t('jst')}
                </dd>
              </div>
              <div>
                <dt>{t('minGroupSize')}</dt>
                <dd>{k}</dd>
              </div>
            </dl>
          ) : null}
        </fieldset>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          {step > 0 ? (
            <button
              type="button"
              onClick={() => {
                setError(null);
                setStep(step - 1);
              }}
              disabled={busy}
            >
              {t('back')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {step === STEPS.length - 1 ? t('createCampaign') : t('next')}
          </button>
        </div>
      </form>
    </>
  );
}
