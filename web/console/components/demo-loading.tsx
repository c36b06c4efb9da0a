import { type ReactNode, useEffect, useState } from 'react';
import type { DemoStatusBody } from '../../../shared/api/demo-status';
import { api } from '../lib/api';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Loading, PageHeader } from './common';

/** How often the console asks again while the demo is being prepared. */
const POLL_MS = 1000;

/**
 * While `npm start` prepares its demo (functions/local/demo-status.ts), says
 * so with its progress instead of showing an empty dashboard; shows
 * `children` once the demo is ready, or at once where there is no demo (AWS,
 * `KOE_SEED=none`: the status route answers 404 or `none`).
 */
export function DemoLoading({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<DemoStatusBody | undefined>();
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      api
        .get<DemoStatusBody>('/api/local/demo-status')
        .catch((): DemoStatusBody => ({ state: 'none' }))
        .then((body) => {
          if (!alive) return;
          setStatus(body);
          if (body.state === 'preparing') timer = setTimeout(ask, POLL_MS);
        });
    };
    ask();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, []);

  if (!status) return <Loading />;
  if (status.state !== 'preparing') return <>{children}</>;
  const p = status.progress;
  const step =
    !p || p.stage === 'organisation'
      ? t('demoStageOrganisation')
      : p.stage === 'feedback'
        ? t('demoStageFeedback')
        : t('demoStageAnswers', {
            year: yearLong(p.fiscalYear ?? 0, lang),
            done: count(p.answers.done, lang),
            total: count(p.answers.total, lang),
          });
  // Whole years, plus the share of the year being answered.
  const share = p
    ? (p.years.done + (p.answers.total > 0 ? p.answers.done / p.answers.total : 0)) / (p.years.total + 1)
    : 0;
  return (
    <>
      <PageHeader title={t('demoPreparing')} />
      <section className="demo-loading" role="status" aria-live="polite">
        <p className="lead">{t('demoPreparingLead')}</p>
        <progress max={100} value={Math.round(share * 100)} aria-label={t('demoPreparing')} />
        <p>{step}</p>
        {p ? (
          <p>{t('demoYears', { done: count(p.years.done, lang), total: count(p.years.total, lang) })}</p>
        ) : null}
      </section>
    </>
  );
}
