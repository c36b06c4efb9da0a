import * as z from 'zod';
import { IndicatorsQuery } from '../../../shared/api/results';
import { WorkstyleIndicators } from '../../../shared/api/workstyle';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { recordAudit } from '../../services/audit';
import { workstyleTrend } from '../../services/workstyle';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { parseWith } from '../validate';
import { defineRoute, errors, KoeApi, ok } from '../route-kit';

const trend = defineRoute({
  method: 'get',
  path: '/indicators/workstyle',
  tags: ['results'],
  summary:
    'Work-style indicators by fiscal year (overtime ≥ 45 h, leave days, flexitime/telework, men’s childcare and carer’s leave), each change with raw p and Benjamini–Hochberg q; default: the current fiscal year and the four before; audited',
  access: ['admin', 'analyst'],
  // Checked as IndicatorsQuery once the defaults are filled in.
  request: {
    query: z.object({
      from: z.string().optional().describe('first fiscal year (default: four years ago)'),
      to: z.string().optional().describe('last fiscal year (default: this year)'),
    }),
  },
  responses: { 200: ok(WorkstyleIndicators), ...errors({ 400: 'not fiscal years 2000–2100' }) },
});

/** The work-style indicators: readers of the organisation's indicators only (admin, analyst). */
export function workstyleRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(trend, async (c) => {
    const current = fiscalYearOf(deps.now?.() ?? new Date());
    const q = c.req.valid('query');
    const { from, to } = parseWith(IndicatorsQuery, {
      from: q.from ?? String(current - 4),
      to: q.to ?? String(current),
    });
    const out = await workstyleTrend(deps, from, to);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'indicators.read',
      target: `workstyle FY${from}-FY${to}`,
    });
    return c.json(out);
  });
  return app;
}
