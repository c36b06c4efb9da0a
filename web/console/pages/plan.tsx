import { useState } from 'react';
import type { InitiativeProgress } from '../../../shared/api/actions';
import { ProgressForm } from '../components/progress-form';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { PageHeader, PrintButton } from '../components/common';
import { InitiativeTable } from '../components/initiatives';
import { yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';

/** The plan's initiatives by pillar, with their status per fiscal year and the constructs that inform each. */
export function PlanPage() {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const plan = ref.plan;
  const [onlyMeasured, setOnlyMeasured] = useState(false);
  const thisYear = fiscalYearOf(new Date());
  const { user } = useSession();
  // The plan's progress (issue 15): readers see actual beside planned; HR records it.
  const progress = useResource<InitiativeProgress[]>(
    can.readResults(user.role) ? '/api/plan/progress' : null,
  );
  const progressByYear = new Map((progress.data ?? []).map((p) => [`${p.initiativeId}#${p.fiscalYear}`, p]));
  const behind = new Set((progress.data ?? []).filter((p) => p.behind).map((p) => p.initiativeId));
  return (
    <>
      <PageHeader title={t('planTitle')}>
        <PrintButton />
      </PageHeader>
      <p className="lead">
        {l(plan.title)} — {yearLong(plan.fiscalYears.from, lang)}
        {lang === 'ja' ? '〜' : ' – '}
        {yearLong(plan.fiscalYears.to, lang)}
      </p>
      <section aria-labelledby="priorities-title" className="panel">
        <h2 id="priorities-title">{t('prioritiesTitle')}</h2>
        <ol className="priorities">
          {[...plan.priorities]
            .sort((a, b) => a.number - b.number)
            .map((p) => {
              const constructs = ref.constructs.filter((c) => c.priorities.includes(p.id));
              return (
                <li key={p.id}>
                  <strong>{l(p.name)}</strong>
                  <p className="sub">{l(p.summary)}</p>
                  {constructs.length > 0 ? (
                    <p className="sub">
                      {t('measuredBy')}:{' '}
                      {constructs.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 ? '、' : ''}
                          <Link to={`/constructs/${c.id}`}>{l(c.name)}</Link>
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              );
            })}
        </ol>
      </section>
      <p className="no-print">
        <label>
          <input type="checkbox" checked={onlyMeasured} onChange={(e) => setOnlyMeasured(e.target.checked)} />{' '}
          {t('onlyMeasured')}
        </label>
      </p>
      <p className="hint">{t('planStatusLegend')}</p>
      {progress.data ? (
        <section aria-labelledby="progress-title" className="panel">
          <h2 id="progress-title">{t('progressTitle')}</h2>
          <p className="hint">{t('progressLead')}</p>
          <p role="status" data-behind-count={behind.size}>
            {t('progressBehindCount', { n: behind.size })}
          </p>
        </section>
      ) : null}
      {user.role === 'admin' ? <ProgressForm onSaved={() => progress.reload()} /> : null}
      {[...plan.pillars]
        .sort((a, b) => a.order - b.order)
        .map((pillar) => {
          const ids = plan.initiatives
            .filter((row) => row.pillarId === pillar.id)
            .map((row) => row.id)
            .filter((id) => !onlyMeasured || ref.constructsInforming(id).length > 0);
          return (
            <section key={pillar.id} aria-labelledby={`plan-${pillar.id}`} className="pillar">
              <h2 id={`plan-${pillar.id}`}>{l(pillar.name)}</h2>
              {ids.length === 0 ? (
                <p>{t('noInitiatives')}</p>
              ) : (
                <InitiativeTable
                  ids={ids}
                  caption={t('planTableCaption', { pillar: l(pillar.name), n: ids.length })}
                  showConstructs
                  highlightYear={thisYear}
                  progress={progressByYear}
                />
              )}
            </section>
          );
        })}
    </>
  );
}
