import { type ReactNode, useEffect, useState } from 'react';
import type { DemoStatusBody } from '../../../shared/api/demo-status';
import { api } from '../lib/api';
import { count, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Loading, PageHeader } from './common';

/** How often the console asks again while the demo is being prepared. */
const POLL_MS = 1000;

type Listener = (status: DemoStatusBody) => void;
const listeners = new Set<Listener>();
let latest: DemoStatusBody | undefined;
let polling = false;

/** One poll for the whole console, however many components ask; it stops once the demo is no longer being prepared. */
function poll(): void {
  if (polling) return;
  polling = true;
  const ask = () => {
    api
      .get<DemoStatusBody>('/api/local/demo-status')
      .catch((): DemoStatusBody => ({ state: 'none' }))
      .then((body) => {
        latest = body;
        for (const listener of listeners) listener(body);
        if (body.state === 'preparing') setTimeout(ask, POLL_MS);
        else polling = false;
      });
  };
  ask();
}

/**
 * The local demo's state (functions/local/demo-status.ts): undefined until
 * first known, then `preparing` (with progress), `ready` or `none`.
 */
export function useDemoStatus(): DemoStatusBody | undefined {
  const [status, setStatus] = useState<DemoStatusBody | undefined>(latest);
  useEffect(() => {
    listeners.add(setStatus);
    if (latest?.state === 'preparing' || latest === undefined) poll();
    return () => {
      listeners.delete(setStatus);
    };
  }, []);
  return status;
}

/**
 * While `npm start` prepares its demo (functions/local/demo-status.ts), says
 * so with its progress instead of showing an empty dashboard; shows
 * `children` once the demo is ready, or at once where there is no demo (AWS,
 * `KOE_SEED=none`: the status route answers 404 or `none`).
 */
export function DemoLoading({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const status = useDemoStatus();
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
