import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AnnualReport } from '../../shared/api/report';
import { reportPdf } from './pdf';
import { reportXlsx } from './xlsx';

/**
 * The annual report's files (PDF and .xlsx), for the runtimes that carry
 * pdf-lib, exceljs and the font: the local runtime passes this in deps
 * (functions/local/runtime.ts). The Lambda bundles leave it out — exceljs and
 * the Noto Sans JP font are each over the 500 KB budget (DESIGN §7); see the
 * README's "Annual report" for how it runs on AWS.
 */
export interface ReportRenderer {
  pdf(report: AnnualReport): Promise<Uint8Array>;
  xlsx(report: AnnualReport): Promise<Uint8Array>;
}

/** Noto Sans JP Regular (SIL Open Font License 1.1), from @expo-google-fonts/noto-sans-jp. */
export const REPORT_FONT = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

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
