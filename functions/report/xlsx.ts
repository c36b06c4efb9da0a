import ExcelJS from 'exceljs';
import type { AnnualReport } from '../../shared/api/report';
import { type Block, type Cell, reportBlocks } from '../../shared/report/document';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';

/**
 * The annual report as an Excel workbook (docs/DESIGN.md §5), written with
 * exceljs: one sheet of notes, then one sheet per table of
 * shared/report/document.ts — the same figures as the PDF and the console
 * page. Numbers are numbers (a share as a fraction shown as a percentage, a
 * change in percentage points), so council staff can reuse them; a hidden
 * or empty figure is an empty cell, never a number.
 */

const FORMATS: Record<Cell['format'], string | undefined> = {
  text: undefined,
  percent: '0.0%',
  points: '+0.0"pt";-0.0"pt";0.0"pt"',
  number: '#,##0.##',
};

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(id: string, used: Set<string>): string {
  const base = id.replaceAll(/[:\\/?*[\]]/g, '-').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  used.add(name);
  return name;
}

export async function reportXlsx(report: AnnualReport): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'koe';
  book.title = `職員意識調査 年次報告書 ${fiscalYearLabel(report.fiscalYear, 'ja')}`;
  const at = new Date(report.generatedAt);
  book.created = at;
  book.modified = at;

  const blocks: Block[] = reportBlocks(report);
  const about = book.addWorksheet('about');
  about.getColumn(1).width = 120;
  for (const b of blocks) {
    if (b.kind === 'table') continue;
    const ja = about.addRow([b.text.ja]);
    if (b.kind === 'heading') ja.font = { bold: true, size: b.level === 1 ? 14 : 12 };
    about.addRow([b.text.en]).font = { italic: true, color: { argb: 'FF555555' } };
  }

  const used = new Set(['about']);
  for (const b of blocks) {
    if (b.kind !== 'table') continue;
    const t = b.table;
    const sheet = book.addWorksheet(sheetName(t.id, used));
    sheet.addRow([t.caption.ja]).font = { bold: true };
    sheet.addRow([t.caption.en]).font = { italic: true };
    const head = sheet.addRow(t.columns.map((c) => `${c.ja} / ${c.en}`));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    for (const row of t.rows) {
      const added = sheet.addRow(row.map((c) => (c.format === 'text' ? c.text : (c.value ?? null))));
      row.forEach((c, i) => {
        const fmt = c.format === 'points' ? undefined : FORMATS[c.format];
        const cell = added.getCell(i + 1);
        if (c.format === 'points' && typeof c.value === 'number') {
          // A change of a share is written in points (×100), as it reads.
          cell.value = Math.round(c.value * 1000) / 10;
          cell.numFmt = FORMATS.points!;
        } else if (fmt) cell.numFmt = fmt;
      });
    }
    sheet.getColumn(1).width = 36;
    for (let i = 2; i <= t.columns.length; i++) sheet.getColumn(i).width = 14;
    sheet.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
