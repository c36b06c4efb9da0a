import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_FONT_FILE } from '../report/font';
import { type ReportRenderer, reportRenderer } from '../report/render';
import type { LambdaContext } from './events';
import { logger } from './observability';
import { MAX_REPORT_FILE_BYTES, RenderRequest, type RenderResult } from './report-protocol';

/**
 * The report function (docs/DESIGN.md §2): renders the annual report the
 * admin function built — already disclosure-controlled — as a PDF or an
 * Excel workbook, and nothing else. It reads no table, no key, no bucket and
 * no secret: its role has its own log group only (infra/permissions.ts). Only
 * the admin function may invoke it.
 *
 * pdf-lib, fontkit and exceljs make its bundle larger than the others'
 * (a recorded exception to DESIGN §7's budget); the Noto Sans JP font is a
 * file beside the bundle (copied there at bundling, infra/bundling.ts), read
 * once per container on the first PDF, or from KOE_REPORT_FONT when set.
 */

/** Where the font is: beside this bundle on AWS, unless KOE_REPORT_FONT says otherwise. */
export function reportFontPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.KOE_REPORT_FONT || path.join(path.dirname(fileURLToPath(import.meta.url)), REPORT_FONT_FILE);
}

export interface ReportHandlerOptions {
  renderer?: ReportRenderer;
  /** The largest file answered (default: what fits in Lambda's response, MAX_REPORT_FILE_BYTES). */
  maxBytes?: number;
}

export function reportHandler(options: ReportHandlerOptions = {}) {
  let renderer = options.renderer;
  const maxBytes = options.maxBytes ?? MAX_REPORT_FILE_BYTES;
  return async (event: unknown, context?: LambdaContext): Promise<RenderResult> => {
    if (context) logger.addContext(context);
    const request = RenderRequest.safeParse(event);
    if (!request.success) {
      // Where the input is wrong, never its values (they are the report's figures).
      const where = [...new Set(request.error.issues.map((i) => i.path.join('.') || '(root)'))].slice(0, 10);
      logger.warn('report_invalid_request', { where });
      return {
        ok: false,
        code: 'invalid_request',
        message: `報告書のデータが不正です / the report data is invalid at: ${where.join(', ')}`,
      };
    }
    const { format, report } = request.data;
    renderer ??= reportRenderer(reportFontPath());
    const bytes = format === 'pdf' ? await renderer.pdf(report) : await renderer.xlsx(report);
    if (bytes.byteLength > maxBytes) {
      logger.warn('report_too_large', { format, fiscalYear: report.fiscalYear, bytes: bytes.byteLength });
      return {
        ok: false,
        code: 'too_large',
        message: `報告書のファイル (${bytes.byteLength} バイト) が AWS Lambda の応答の上限を超えます / the ${format} file (${bytes.byteLength} bytes) is over the ${maxBytes} bytes that fit in an AWS Lambda response`,
      };
    }
    logger.info('report_rendered', { format, fiscalYear: report.fiscalYear, bytes: bytes.byteLength });
    return { ok: true, format, bytes: bytes.byteLength, base64: Buffer.from(bytes).toString('base64') };
  };
}

export const handler = reportHandler();
