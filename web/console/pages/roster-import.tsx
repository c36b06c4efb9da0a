import { type ChangeEvent, useState } from 'react';
import type { RosterImportResult } from '../../../shared/api/organisation';
import type { RosterMapping, RosterPreview, RosterUploadTicket } from '../../../shared/api/roster';
import { ATTRIBUTES } from '../../../shared/instruments/attributes';
import {
  FIELD_CODES,
  FIELD_NAMES,
  type LabelledField,
  ROSTER_FIELDS,
  type RosterField,
} from '../../../shared/organisation/roster-labels';
import { ErrorBox, Loading } from '../components/common';
import { ApiError, request } from '../lib/api';
import { useI18n } from '../lib/i18n';

type Check =
  | { kind: 'ok'; result: RosterImportResult }
  | { kind: 'bad'; errors: Array<{ line: number; message: string }>; count: number };

interface Upload {
  id: string;
  name: string;
}

/** Label choices of one unknown label: '' = not mapped yet. */
type LabelChoices = Record<string, string>;
const labelKey = (field: string, value: string) => `${field}\u0000${value}`;

/**
 * Importing a roster file (issue 16): the file goes up as it is (CSV in UTF-8
 * or Shift_JIS, or .xlsx; locally to koe, on AWS straight to S3 by a presigned
 * URL), the server reads it and shows the mapping step: the format and
 * encoding it found, each column with the field it detected (a select to
 * change it), the first rows, and every label the tables do not know (a
 * select to map each to a code, and a box to save the pairs for the city).
 * Every change is checked again as a dry run; import saves only when no line
 * has an error. Parsing happens on the server, so no spreadsheet code is sent
 * to the browser.
 */
export function RosterImport({ onImported }: { onImported: () => void }) {
  const { t, l } = useI18n();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [columns, setColumns] = useState<Array<RosterField | null>>([]);
  const [labels, setLabels] = useState<LabelChoices>({});
  const [saveLabels, setSaveLabels] = useState(true);
  const [check, setCheck] = useState<Check | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<RosterImportResult | null>(null);

  const mappingOf = (cols: Array<RosterField | null>, chosen: LabelChoices): RosterMapping => {
    const pairs: Record<string, Record<string, string>> = {};
    for (const [key, code] of Object.entries(chosen)) {
      if (!code) continue;
      const [field, value] = key.split('\u0000') as [LabelledField, string];
      pairs[field] = { ...(pairs[field] ?? {}), [value]: code };
    }
    return { columns: cols, labels: pairs };
  };

  /** Reads the upload again with this mapping: the preview, then a dry run. */
  const recheck = async (id: string, mapping: RosterMapping) => {
    setBusy(true);
    setError(null);
    try {
      const p = await request<RosterPreview>('POST', `/api/roster/uploads/${id}/preview`, { body: mapping });
      setPreview(p);
      setColumns(p.columns);
      try {
        const result = await request<RosterImportResult>(
          'POST',
          `/api/roster/uploads/${id}/import?dryRun=1`,
          {
            body: mapping,
          },
        );
        setCheck({ kind: 'ok', result });
      } catch (err) {
        if (err instanceof ApiError && err.status === 422) {
          const errors = (err.body as { errors?: Array<{ line: number; message: string }> }).errors;
          setCheck({ kind: 'bad', errors: errors ?? [], count: p.errorCount });
        } else throw err;
      }
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setCheck(null);
    setDone(null);
    setError(null);
    setPreview(null);
    setLabels({});
    setUpload(null);
    if (!f) return;
    setBusy(true);
    try {
      const ticket = await request<RosterUploadTicket>('POST', '/api/roster/uploads', {
        body: { fileName: f.name, size: f.size },
      });
      if (ticket.url.startsWith('/')) {
        await request('PUT', ticket.url, { body: f, contentType: ticket.headers['content-type'] ?? '' });
      } else {
        // A presigned S3 URL: no koe cookie or header goes there.
        const res = await fetch(ticket.url, {
          method: 'PUT',
          headers: ticket.headers,
          body: f,
          credentials: 'omit',
        });
        if (!res.ok) throw new Error(`upload failed: HTTP ${res.status}`);
      }
      setUpload({ id: ticket.uploadId, name: f.name });
      await recheck(ticket.uploadId, {});
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  const changeColumn = (i: number, value: string) => {
    if (!upload) return;
    const next = columns.map((c, j) => (j === i ? ((value || null) as RosterField | null) : c));
    setColumns(next);
    void recheck(upload.id, mappingOf(next, labels));
  };

  const changeLabel = (field: string, value: string, code: string) => {
    if (!upload) return;
    const next = { ...labels, [labelKey(field, value)]: code };
    setLabels(next);
    void recheck(upload.id, mappingOf(columns, next));
  };

  const importNow = async () => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const mapping = mappingOf(columns, labels);
      if (saveLabels && mapping.labels && Object.keys(mapping.labels).length > 0) {
        await request('PUT', '/api/roster/labels', { body: mapping.labels });
      }
      setDone(
        await request<RosterImportResult>('POST', `/api/roster/uploads/${upload.id}/import`, {
          body: mapping,
        }),
      );
      setCheck(null);
      setPreview(null);
      setUpload(null);
      setLabels({});
      onImported();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  const fieldName = (f: RosterField) => `${l(FIELD_NAMES[f])}（${f}）`;
  const codeLabel = (field: LabelledField, code: string) => {
    const option = ATTRIBUTES.find((a) => a.id === field)?.options.find((o) => o.value === code);
    return option ? `${l(option.label)}（${code}）` : code;
  };
  const unknownLabels = preview?.unknownLabels ?? [];
  // A column is its position in the file.
  const fileColumns = (preview?.headers ?? []).map((header, index) => ({ header, index }));
  const anyLabelChosen = Object.values(labels).some(Boolean);

  return (
    <>
      <label className="field file">
        <span>{t('rosterChooseFile')}</span>
        <input
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={choose}
          disabled={busy}
        />
      </label>
      {busy ? <Loading label={t('checking')} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {done ? (
        <p className="notice" role="status">
          {t('rosterImported', { imported: done.imported, updated: done.updated })}
        </p>
      ) : null}

      {preview && upload ? (
        <section aria-labelledby="mapping-title" className="panel inner roster-mapping">
          <h3 id="mapping-title">{t('rosterMappingTitle')}</h3>
          <p data-testid="roster-detected">
            {t('rosterDetected', {
              file: upload.name,
              format: preview.format === 'xlsx' ? 'Excel (.xlsx)' : 'CSV',
              encoding: preview.encoding ? (ENCODING_NAMES[preview.encoding] ?? preview.encoding) : '—',
              rows: preview.rows,
            })}
          </p>
          <div className="table-scroll">
            <table className="list compact roster-columns">
              <caption>
                {t('rosterColumnsCaption', { n: preview.sample.length, total: preview.rows })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  {fileColumns.map(({ header: h, index: i }) => (
                    <th key={i} scope="col">
                      <span className="mono">{h || t('rosterNoHeader', { n: i + 1 })}</span>
                      <select
                        aria-label={t('rosterColumnField', { column: h || String(i + 1) })}
                        value={columns[i] ?? ''}
                        onChange={(e) => changeColumn(i, e.target.value)}
                        disabled={busy}
                      >
                        <option value="">{t('rosterIgnoreColumn')}</option>
                        {ROSTER_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {fieldName(f)}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r) => (
                  <tr key={r.line}>
                    <td className="num">{r.line}</td>
                    {fileColumns.map(({ index: j }) => (
                      <td key={j}>{r.cells[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {unknownLabels.length > 0 || anyLabelChosen ? (
            <div className="unknown-labels">
              <h4>{t('rosterUnknownLabels')}</h4>
              <p className="hint">{t('rosterUnknownLabelsLead')}</p>
              <table className="list compact">
                <caption className="sr-only">{t('rosterUnknownLabels')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rosterLabelField')}</th>
                    <th scope="col">{t('rosterLabelValue')}</th>
                    <th scope="col">{t('rosterLabelCount')}</th>
                    <th scope="col">{t('rosterLabelCode')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[
                    ...unknownLabels,
                    // Labels already mapped stay listed, so a choice can be changed.
                    ...Object.entries(labels)
                      .filter(
                        ([k, code]) => code && !unknownLabels.some((u) => labelKey(u.field, u.value) === k),
                      )
                      .map(([k]) => {
                        const [field, value] = k.split('\u0000') as [LabelledField, string];
                        return { field, value, count: 0, firstLine: 0 };
                      }),
                  ].map((u) => (
                    <tr key={labelKey(u.field, u.value)}>
                      <td>{fieldName(u.field)}</td>
                      <th scope="row">{u.value}</th>
                      <td className="num">
                        {u.count > 0 ? t('rosterLabelSeen', { n: u.count, line: u.firstLine }) : '—'}
                      </td>
                      <td>
                        <select
                          aria-label={t('rosterLabelCodeFor', { value: u.value })}
                          value={labels[labelKey(u.field, u.value)] ?? ''}
                          onChange={(e) => changeLabel(u.field, u.value, e.target.value)}
                          disabled={busy}
                        >
                          <option value="">{t('rosterLabelChoose')}</option>
                          {FIELD_CODES[u.field].map((code) => (
                            <option key={code} value={code}>
                              {codeLabel(u.field, code)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="field checkbox">
                <input
                  type="checkbox"
                  checked={saveLabels}
                  onChange={(e) => setSaveLabels(e.target.checked)}
                />
                <span>{t('rosterSaveLabels')}</span>
              </label>
            </div>
          ) : null}
        </section>
      ) : null}

      {check?.kind === 'bad' ? (
        <div className="error-box" role="alert">
          <p>
            <strong>{t('rosterBadTitle', { n: check.count })}</strong>
          </p>
          <p>{t('rosterNothingSaved')}</p>
          <table className="list errors">
            <caption>{t('rosterErrorsCaption', { file: upload?.name ?? '' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {check.errors.map((e) => (
                <tr key={`${e.line}-${e.message}`}>
                  <th scope="row" className="num">
                    {t('lineN', { n: e.line })}
                  </th>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('rosterFixAndRetry')}</p>
        </div>
      ) : null}

      {check?.kind === 'ok' ? (
        <div className="panel inner">
          <p role="status">
            <strong>
              {t('rosterPreviewOk', { imported: check.result.imported, updated: check.result.updated })}
            </strong>{' '}
            {t('rosterNotYetSaved')}
          </p>
          <button type="button" className="primary" onClick={importNow} disabled={busy}>
            {t('rosterImport', { n: check.result.imported + check.result.updated })}
          </button>
        </div>
      ) : null}
    </>
  );
}

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  shift_jis: 'Shift_JIS',
};
