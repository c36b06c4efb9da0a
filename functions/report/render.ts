import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AnnualReport } from '../../shared/api/report';
import { reportPdf } from './pdf';
import { reportXlsx } from './xlsx';
import { REPORT_FONT } from './font';

/**
 * The annual report's files (PDF and .xlsx), for the runtimes that carry
 * pdf-lib, exceljs and the font: the local runtime passes this in deps
 * (functions/local/runtime.ts); on AWS the report function runs it
 * (functions/lambda/report.ts) and the admin function asks that function for
 * the files (functions/lambda/report-client.ts).
 */
export interface ReportRenderer {
  pdf(report: AnnualReport): Promise<Uint8Array>;
  xlsx(report: AnnualReport): Promise<Uint8Array>;
}

export { REPORT_FONT, REPORT_FONT_FILE } from './font';

/**
 * A renderer reading the font once, when the first PDF is asked for, from
 * `fontPath` (default: the npm package's file, or KOE_REPORT_FONT where the
 * font is shipped beside a bundle).
 */
export function reportRenderer(fontPath?: string): ReportRenderer {
  let font: Promise<Uint8Array> | undefined;
  const fontBytes = () => {
    font ??= readFile(
      fontPath ?? process.env.KOE_REPORT_FONT ?? createRequire(import.meta.url).resolve(REPORT_FONT),
    ).then((b) => new Uint8Array(b));
    font.catch(() => {
      font = undefined;
    });
    return font;
  };
  return {
    pdf: async (report) => reportPdf(report, await fontBytes()),
    xlsx: reportXlsx,
  };
}
