import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { RosterReadError, type RosterRow } from './roster-source';

/**
 * The .xlsx reader of roster imports (services/roster-source.ts), kept apart
 * so only the runtimes that can afford exceljs load it: the local runtime
 * passes it in deps (functions/local/runtime.ts); the Lambda bundles leave it
 * out (exceljs's reader alone is over their 500 KB budget, DESIGN §7).
 */

/** A cell of a streamed worksheet as text: rich text joined, a formula's result, a date as yyyy-mm-dd. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: Array<{ text: string }>;
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

/**
 * The first worksheet's rows through exceljs's streaming WorkbookReader
 * (shared strings cached, styles and hyperlinks ignored): a large workbook is
 * never held whole.
 */
export async function* xlsxRows(input: AsyncIterable<Uint8Array>): AsyncGenerator<RosterRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values ?? []) as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
        if (cells.every((x) => x === '')) continue;
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (err) {
    if (err instanceof RosterReadError) throw err;
    throw new RosterReadError(
      `Excel ファイルを読めませんでした / the .xlsx file could not be read: ${(err as Error).message}`,
      1,
    );
  }
}
