import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Roster files as a Japanese HR system exports them (issue 16): Japanese
 * headers, job levels and employment types as labels. Written as UTF-8 with
 * a BOM, Shift_JIS (iconv-lite: Node decodes Shift_JIS but cannot encode it)
 * or .xlsx (exceljs), for the API and console tests.
 */
export const JA_HEADER = ['職員番号', '氏名', 'メールアドレス', '所属', '役職', '雇用形態'];

export type RosterLine = [
  staffNo: string,
  name: string,
  email: string,
  unit: string,
  level: string,
  type: string,
];

const csvText = (rows: readonly (readonly string[])[]) =>
  `${rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

export const utf8BomCsv = (rows: readonly RosterLine[], header = JA_HEADER) =>
  Buffer.from(`\uFEFF${csvText([header, ...rows])}`, 'utf8');

export const shiftJisCsv = (rows: readonly RosterLine[], header = JA_HEADER) =>
  iconv.encode(csvText([header, ...rows]), 'Shift_JIS');

export async function xlsxRoster(rows: readonly RosterLine[], header = JA_HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('職員名簿');
  ws.addRow(header);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
