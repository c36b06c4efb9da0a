import { type FormEvent, useState } from 'react';
import type { AuditEntry, AuditMonth } from '../../../shared/api/audit';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { hasMessage, useI18n } from '../lib/i18n';
import { useResource } from '../lib/use-resource';

/** This month as the log files it (UTC), yyyy-mm. */
function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

function jst(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });
}

function detailText(detail: AuditEntry['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/**
 * The auditor's page (DESIGN §3, A5): one month of the append-only audit log —
 * code deliveries and reprints, results reads and account changes — oldest first.
 */
export function AuditPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(thisMonth);
  const [input, setInput] = useState(month);
  const log = useResource<AuditMonth>(`/api/audit?month=${encodeURIComponent(month)}`);

  const action = (name: string) => {
    const key = `audit.${name}`;
    return hasMessage(key) ? t(key) : name;
  };

  const show = (e: FormEvent) => {
    e.preventDefault();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(input)) setMonth(input);
  };

  return (
    <>
      <PageHeader title={t('auditTitle')} />
      <p className="lead">{t('auditLead')}</p>
      <form onSubmit={show} className="panel narrow">
        <label className="field">
          <span>{t('auditMonth')}</span>
          <input type="month" value={input} onChange={(e) => setInput(e.target.value)} required />
        </label>
        <button type="submit" className="primary">
          {t('auditShow')}
        </button>
      </form>
      {log.error ? <ErrorBox error={log.error} /> : null}
      {!log.data && !log.error ? <Loading /> : null}
      {log.data ? (
        log.data.entries.length === 0 ? (
          <p role="status">{t('auditEmpty')}</p>
        ) : (
          <table className="list audit-log">
            <caption>
              {t('auditCaption', { month: log.data.month })} —{' '}
              {t('auditCount', { n: log.data.entries.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('auditAt')}</th>
                <th scope="col">{t('auditActor')}</th>
                <th scope="col">{t('auditAction')}</th>
                <th scope="col">{t('auditTarget')}</th>
                <th scope="col">{t('auditDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((e) => (
                <tr key={`${e.at}-${e.actor}-${e.action}-${e.target}`}>
                  <td>
                    <time dateTime={e.at}>{jst(e.at)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td data-action={e.action}>{action(e.action)}</td>
                  <td>{e.target}</td>
                  <td>{detailText(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </>
  );
}
