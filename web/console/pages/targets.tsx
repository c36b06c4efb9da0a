import { type FormEvent, useEffect, useState } from 'react';
import type { TargetSet } from '../../../shared/api/results';
import { yearsOf } from '../../../shared/plan/schema';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { api } from '../lib/api';
import { pct, yearHeading } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { can, useSession } from '../lib/session';
import { useIndicators } from '../lib/use-indicators';
import { useResource } from '../lib/use-resource';

const key = (constructId: string, fiscalYear: number) => `${constructId}#${fiscalYear}`;

/** A target favourable % per construct and fiscal year; the admin edits, others read. */
export function TargetsPage() {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const editable = can.setTargets(user.role);
  const targets = useResource<TargetSet[]>('/api/targets');
  const indicators = useIndicators();
  const years = yearsOf(ref.plan.fiscalYears);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!targets.data) return;
    const values: Record<string, string> = {};
    for (const x of targets.data)
      values[key(x.constructId, x.fiscalYear)] = String(Math.round(x.favourable * 1000) / 10);
    setSaved(values);
    setDraft(values);
  }, [targets.data]);

  const actual = new Map<string, number | null>();
  for (const p of indicators.data?.pillars ?? [])
    for (const i of p.indicators)
      for (const v of i.values) actual.set(key(i.constructId, v.fiscalYear), v.favourable);

  const changed = Object.keys(draft).filter((k) => (draft[k] ?? '') !== (saved[k] ?? '') && draft[k] !== '');
  const invalid = changed.filter((k) => {
    const n = Number(draft[k]);
    return !Number.isFinite(n) || n < 0 || n > 100;
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (invalid.length > 0 || changed.length === 0) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      for (const k of changed) {
        const [constructId, fy] = k.split('#') as [string, string];
        await api.put('/api/targets', {
          constructId,
          fiscalYear: Number(fy),
          favourable: Math.round(Number(draft[k]) * 10) / 1000,
        });
      }
      setNotice(t('targetsSaved', { n: changed.length }));
      targets.reload();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  if (targets.error) return <ErrorBox error={targets.error} />;
  if (!targets.data) return <Loading />;

  return (
    <>
      <PageHeader title={t('targetsTitle')} />
      <p className="lead">{editable ? t('targetsLead') : t('targetsReadOnly')}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <form onSubmit={save}>
        {ref.pillarIds.map((pillarId) => {
          const constructs = ref.constructs.filter((c) => c.pillarId === pillarId);
          return (
            <section key={pillarId} aria-labelledby={`targets-${pillarId}`} className="pillar">
              <h2 id={`targets-${pillarId}`}>{ref.pillarName(pillarId, lang)}</h2>
              <div className="table-scroll">
                <table className="targets">
                  <caption className="sr-only">
                    {t('targetsCaption', { pillar: ref.pillarName(pillarId, lang) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('indicator')}</th>
                      {years.map((y) => {
                        const h = yearHeading(y, lang);
                        return (
                          <th key={y} scope="col" className="year-col">
                            {h.main}
                            <span className="sub">{h.sub}</span>
                          </th>
                        );
                      })}
                    </tr>
                  </thead>
                  <tbody>
                    {constructs.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{l(c.name)}</th>
                        {years.map((y) => {
                          const k = key(c.id, y);
                          const a = actual.get(k);
                          const yearText = yearHeading(y, lang).main;
                          return (
                            <td key={y}>
                              {editable ? (
                                <label className="target-input">
                                  <span className="sr-only">
                                    {t('targetFor', { name: l(c.name), year: yearText })}
                                  </span>
                                  <input
                                    type="number"
                                    inputMode="decimal"
                                    min={0}
                                    max={100}
                                    step={0.1}
                                    value={draft[k] ?? ''}
                                    aria-invalid={invalid.includes(k)}
                                    onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
                                  />
                                  <span aria-hidden="true">%</span>
                                </label>
                              ) : (
                                <span>{saved[k] ? `${saved[k]}%` : '—'}</span>
                              )}
                              <span className="sub">
                                {t('actual')}: {a === undefined || a === null ? '—' : pct(a)}
                              </span>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
        {editable ? (
          <div className="form-actions sticky">
            {invalid.length > 0 ? (
              <p className="error-text" role="alert">
                {t('targetsInvalid')}
              </p>
            ) : null}
            <button
              type="submit"
              className="primary"
              disabled={busy || changed.length === 0 || invalid.length > 0}
            >
              {t('saveTargets', { n: changed.length })}
            </button>
          </div>
        ) : null}
      </form>
    </>
  );
}
