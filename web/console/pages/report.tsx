import type { Campaign } from '../../../shared/api/campaign';
import type { AnnualReport } from '../../../shared/api/report';
import { type Block, reportBlocks, type Table } from '../../../shared/report/document';
import { fiscalYearLabel } from '../../../shared/time/fiscal-year';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { useI18n } from '../lib/i18n';
import { navigate } from '../lib/router';
import { useResource } from '../lib/use-resource';
import '../styles/report.css';

/** This page's words, Japanese first with English. */
const WORDS = {
  title: ['年次報告書', 'Annual report'],
  lead: [
    '年度ごとの報告書です。印刷（A4）するか、PDF・Excel でダウンロードできます。数値はすべて少人数保護（非表示）を通したものです。',
    'The report of a fiscal year, to print (A4) or download as PDF or Excel. Every figure has passed disclosure control.',
  ],
  year: ['年度', 'Fiscal year'],
  print: ['印刷', 'Print'],
  pdf: ['PDF をダウンロード', 'Download PDF'],
  xlsx: ['Excel をダウンロード', 'Download Excel'],
  none: [
    '結果の出た年度がまだありません。調査を終了すると報告書を作成できます。',
    'No fiscal year has results yet. A report can be made once a survey has closed.',
  ],
} as const;

/** The annual report of a fiscal year: the blocks the PDF and the workbook carry, as a page to print. */
export function ReportPage({ fy }: { fy?: number }) {
  const { lang } = useI18n();
  const w = (key: keyof typeof WORDS) => WORDS[key][lang === 'ja' ? 0 : 1];
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  const years = [
    ...new Set((campaigns.data ?? []).filter((c) => c.status === 'closed').map((c) => c.fiscalYear)),
  ].sort((a, b) => b - a);
  const year = fy !== undefined && years.includes(fy) ? fy : years[0];
  const report = useResource<AnnualReport>(year === undefined ? null : `/api/reports/${year}`);

  return (
    <article className="annual-report">
      <PageHeader title={w('title')}>
        {year !== undefined ? (
          <>
            <button type="button" onClick={() => window.print()}>
              {w('print')}
            </button>
            <a className="button" href={`/api/reports/${year}/report.pdf`} download>
              {w('pdf')}
            </a>
            <a className="button" href={`/api/reports/${year}/report.xlsx`} download>
              {w('xlsx')}
            </a>
          </>
        ) : null}
      </PageHeader>
      <p className="hint no-print">{w('lead')}</p>
      {campaigns.error ? <ErrorBox error={campaigns.error} /> : null}
      {campaigns.loading ? <Loading /> : null}
      {!campaigns.loading && years.length === 0 ? <p>{w('none')}</p> : null}
      {years.length > 1 ? (
        <nav className="year-picker no-print" aria-label={w('year')}>
          <span>{w('year')}:</span>
          {years.map((y) => (
            <button
              type="button"
              key={y}
              aria-pressed={y === year}
              onClick={() => navigate(`/report?fy=${y}`, { replace: true })}
            >
              {fiscalYearLabel(y, lang)}
            </button>
          ))}
        </nav>
      ) : null}
      {report.error ? <ErrorBox error={report.error} /> : null}
      {report.data ? <ReportBody report={report.data} /> : year !== undefined ? <Loading /> : null}
    </article>
  );
}

function ReportBody({ report }: { report: AnnualReport }) {
  const { l } = useI18n();
  const blocks = reportBlocks(report);
  return (
    <div className="report-body" data-testid="annual-report">
      {blocks.map((b, i) => (
        // Blocks never reorder: their index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list
        <ReportBlock key={i} block={b} label={l} index={i} />
      ))}
    </div>
  );
}

function ReportBlock({
  block,
  label,
  index,
}: {
  block: Block;
  label: (t: { ja: string; en?: string }) => string;
  index: number;
}) {
  if (block.kind === 'heading')
    return block.level === 1 ? (
      <h2 className="report-title">{label(block.text)}</h2>
    ) : (
      <h3>{label(block.text)}</h3>
    );
  if (block.kind === 'note') return <p className="report-note">{label(block.text)}</p>;
  return <ReportTable table={block.table} label={label} id={`report-table-${index}`} />;
}

function ReportTable({
  table,
  label,
  id,
}: {
  table: Table;
  label: (t: { ja: string; en?: string }) => string;
  id: string;
}) {
  return (
    <div className="table-scroll">
      <table className="list report-table" id={id} data-table={table.id}>
        <caption>{label(table.caption)}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.ja} scope="col">
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed table
            <tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={table.columns[c]!.ja} scope="row">
                    {label({ ja: cell.text, ...(cell.en ? { en: cell.en } : {}) })}
                  </th>
                ) : (
                  <td key={table.columns[c]!.ja} className={cell.format === 'text' ? undefined : 'num'}>
                    {cell.text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
