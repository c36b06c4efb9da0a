import * as z from 'zod';
import { AnnualReport, ReportYearParam } from '../../../shared/api/report';
import type { AppDeps } from '../../deps';
import { recordAudit } from '../../services/audit';
import { annualReport } from '../../services/report';
import { HttpError } from '../http-error';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, KoeApi, ok } from '../route-kit';
import { parseWith } from '../validate';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const access = ['admin', 'analyst'] as const;
const tags = ['results'];
const notReady = { 404: 'no closed campaign with results in that fiscal year' };

const report = defineRoute({
  method: 'get',
  path: '/reports/{fiscalYear}',
  tags,
  summary:
    'The annual report of a fiscal year: pillar summaries, indicators with trend and target, response rates, contributed sections; every figure through disclosure control; audited',
  access,
  request: { params: ReportYearParam },
  responses: { 200: ok(AnnualReport), ...errors({ 400: 'not a fiscal year 2000–2100', ...notReady }) },
});
const pdf = defineRoute({
  method: 'get',
  path: '/reports/{fiscalYear}/report.pdf',
  tags,
  summary: 'The annual report as an A4 PDF (Japanese text with the embedded Noto Sans JP font); audited',
  access,
  request: { params: ReportYearParam },
  responses: {
    200: { description: 'PDF', content: { [PDF]: { schema: z.string().describe('binary') } } },
    ...errors({
      400: 'not a fiscal year 2000–2100',
      ...notReady,
      501: 'this deployment does not render report files',
      502: 'on AWS: the report function failed, or the file is over a Lambda response (report_render_failed, report_too_large)',
    }),
  },
});
const xlsx = defineRoute({
  method: 'get',
  path: '/reports/{fiscalYear}/report.xlsx',
  tags,
  summary: 'The annual report’s figures as an Excel workbook (the same numbers as the PDF); audited',
  access,
  request: { params: ReportYearParam },
  responses: {
    200: { description: 'Excel workbook', content: { [XLSX]: { schema: z.string().describe('binary') } } },
    ...errors({
      400: 'not a fiscal year 2000–2100',
      ...notReady,
      501: 'this deployment does not render report files',
      502: 'on AWS: the report function failed, or the file is over a Lambda response (report_render_failed, report_too_large)',
    }),
  },
});

const FiscalYear = z.coerce.number().int().min(2000).max(2100);

/**
 * The annual report (docs/DESIGN.md §5): read by those who read indicators
 * (admin, analyst), never a manager or the custodian; every read audited.
 * The files come from `deps.reportFiles`; a deployment without it answers
 * 501 for them (the JSON report is always there).
 */
export function reportRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  const build = async (c: { get(key: 'user'): { email: string } }, raw: string, format: string) => {
    const fiscalYear = parseWith(FiscalYear, raw);
    const out = await annualReport(deps, fiscalYear);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'report.read',
      target: `FY${fiscalYear}`,
      detail: { format },
    });
    return out;
  };
  const renderer = () => {
    if (!deps.reportFiles)
      throw new HttpError(501, 'not_implemented', 'this deployment does not render report files');
    return deps.reportFiles;
  };

  app.openapi(report, async (c) => c.json(await build(c, c.req.valid('param').fiscalYear, 'json')));

  app.openapi(pdf, async (c) => {
    const files = renderer();
    const out = await build(c, c.req.valid('param').fiscalYear, 'pdf');
    const body = await files.pdf(out);
    c.header('Content-Type', PDF);
    c.header('Content-Disposition', `attachment; filename="koe-report-FY${out.fiscalYear}.pdf"`);
    c.header('Cache-Control', 'no-store');
    return c.body(body as Uint8Array<ArrayBuffer>);
  });

  app.openapi(xlsx, async (c) => {
    const files = renderer();
    const out = await build(c, c.req.valid('param').fiscalYear, 'xlsx');
    const body = await files.xlsx(out);
    c.header('Content-Type', XLSX);
    c.header('Content-Disposition', `attachment; filename="koe-report-FY${out.fiscalYear}.xlsx"`);
    c.header('Cache-Control', 'no-store');
    return c.body(body as Uint8Array<ArrayBuffer>);
  });
  return app;
}
