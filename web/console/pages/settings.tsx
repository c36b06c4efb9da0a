import { type FormEvent, useEffect, useState } from 'react';
import type { RetentionPlan, RetentionSetting } from '../../../shared/api/retention';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { useResource } from '../lib/use-resource';

/**
 * Settings (admin): the retention period (DESIGN §2 "Retention"). Raw answers and
 * posts older than it are deleted once a day; what would go now is listed, counts only.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const setting = useResource<RetentionSetting>('/api/settings/retention');
  const preview = useResource<RetentionPlan>('/api/settings/retention/preview');
  const [forever, setForever] = useState(true);
  const [years, setYears] = useState('5');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!setting.data) return;
    setForever(setting.data.years === null);
    if (setting.data.years !== null) setYears(String(setting.data.years));
  }, [setting.data]);

  const n = Number(years);
  const invalid = !forever && (!Number.isInteger(n) || n < 1 || n > 100);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.put('/api/settings/retention', { years: forever ? null : n });
      setNotice(t('retentionSaved'));
      setting.reload();
      preview.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  if (setting.error) return <ErrorBox error={setting.error} />;
  if (!setting.data) return <Loading />;
  const plan = preview.data;

  return (
    <>
      <PageHeader title={t('settingsTitle')} />
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <section aria-labelledby="retention-heading">
        <h2 id="retention-heading">{t('retentionHeading')}</h2>
        <p className="lead">{t('retentionLead')}</p>
        <form onSubmit={save}>
          <fieldset>
            <legend>{t('retentionLegend')}</legend>
            <label>
              <input type="radio" name="retention" checked={forever} onChange={() => setForever(true)} />{' '}
              {t('retentionForever')}
            </label>
            <label>
              <input type="radio" name="retention" checked={!forever} onChange={() => setForever(false)} />{' '}
              {t('retentionYears')}{' '}
              <input
                type="number"
                min={1}
                max={100}
                step={1}
                inputMode="numeric"
                aria-label={t('retentionYearsLabel')}
                aria-invalid={invalid}
                disabled={forever}
                value={years}
                onChange={(e) => setYears(e.currentTarget.value)}
              />
            </label>
          </fieldset>
          {invalid ? (
            <p className="field-error" role="alert">
              {t('retentionInvalid')}
            </p>
          ) : null}
          <button type="submit" disabled={busy || invalid}>
            {t('retentionSave')}
          </button>
        </form>
      </section>
      <section aria-labelledby="retention-preview-heading">
        <h2 id="retention-preview-heading">{t('retentionPreviewHeading')}</h2>
        {preview.error ? <ErrorBox error={preview.error} /> : null}
        {!plan ? (
          preview.error ? null : (
            <Loading />
          )
        ) : plan.campaigns.length === 0 && plan.feedback.length === 0 ? (
          <p>{t('retentionNothing')}</p>
        ) : (
          <table>
            <caption className="sr-only">{t('retentionPreviewHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('retentionWhat')}</th>
                <th scope="col">{t('retentionCount')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.campaigns.map((c) => (
                <tr key={c.campaignId}>
                  <th scope="row">{t('retentionCampaignRow', { fy: c.fiscalYear })}</th>
                  <td>{t('retentionAnswers', { n: c.responses })}</td>
                </tr>
              ))}
              {plan.feedback.map((y) => (
                <tr key={y.fiscalYear}>
                  <th scope="row">{t('retentionFeedbackRow', { fy: y.fiscalYear })}</th>
                  <td>{t('retentionPosts', { n: y.posts })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
