import { type FormEvent, useState } from 'react';
import { ACTUAL_STATUS_LABELS, ACTUAL_STATUSES, type ActualStatus } from '../../../shared/plan/progress';
import { distinctInitiatives } from '../../../shared/plan/query';
import { yearsOf } from '../../../shared/plan/schema';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { api } from '../lib/api';
import { yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { ErrorBox } from './common';

/** HR records what actually happened to an initiative in a fiscal year (PUT /api/plan/progress). */
export function ProgressForm({ onSaved }: { onSaved: () => void }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const initiatives = distinctInitiatives(ref.plan);
  const years = yearsOf(ref.plan.fiscalYears);
  const thisYear = fiscalYearOf(new Date());
  const [initiativeId, setInitiativeId] = useState(initiatives[0]?.id ?? '');
  const [fiscalYear, setFiscalYear] = useState(years.includes(thisYear) ? thisYear : (years[0] ?? thisYear));
  const [status, setStatus] = useState<ActualStatus>('implement');
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put('/api/plan/progress', {
        initiativeId,
        fiscalYear,
        status,
        ...(note.trim() ? { note } : {}),
        ...(link.trim() ? { link: link.trim() } : {}),
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="progress-form-title" className="panel no-print">
      <h2 id="progress-form-title">{t('progressFormTitle')}</h2>
      <form onSubmit={submit} className="stack">
        <p className="field">
          <label htmlFor="progress-initiative">{t('progressInitiative')}</label>
          <select
            id="progress-initiative"
            value={initiativeId}
            onChange={(e) => setInitiativeId(e.target.value)}
          >
            {initiatives.map((i) => (
              <option key={i.id} value={i.id}>
                {l(i.title)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="progress-year">{t('progressYear')}</label>
          <select
            id="progress-year"
            value={fiscalYear}
            onChange={(e) => setFiscalYear(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {yearLong(y, lang)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="progress-status">{t('progressStatus')}</label>
          <select
            id="progress-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as ActualStatus)}
          >
            {ACTUAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {l(ACTUAL_STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="progress-note">{t('progressNote')}</label>
          <input id="progress-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        </p>
        <p className="field">
          <label htmlFor="progress-link">{t('progressLink')}</label>
          <input
            id="progress-link"
            type="url"
            maxLength={500}
            placeholder="https://"
            value={link}
            onChange={(e) => setLink(e.target.value)}
          />
        </p>
        {error ? <ErrorBox error={error} /> : null}
        {saved ? (
          <p role="status" className="ok">
            {t('progressSaved')}
          </p>
        ) : null}
        <p>
          <button type="submit" className="primary" disabled={busy}>
            {t('progressSave')}
          </button>
        </p>
      </form>
    </section>
  );
}
