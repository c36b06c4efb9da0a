import * as z from 'zod';
import { CampaignResults, Indicators, IndicatorsQuery, TargetSet } from '../../../shared/api/results';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import {
  checkIndicatorRange,
  currentPlan,
  indicators,
  listTargets,
  resultsFor,
  setTarget,
} from '../../services/insights';
import { recordAudit } from '../../services/audit';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { parseWith } from '../validate';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

const results = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/results',
  tags: ['results'],
  summary: 'Results with disclosure control (a manager: their subtree); audited; 409 while open',
  access: ['admin', 'analyst', 'manager'],
  request: { params: IdParam },
  responses: {
    200: ok(CampaignResults),
    ...errors({ 404: 'no such campaign', 409: 'open, or results still being computed' }),
  },
});
const trend = defineRoute({
  method: 'get',
  path: '/indicators',
  tags: ['results'],
  summary:
    'Favourable share by pillar, construct and fiscal year (default: the current fiscal year, April–March, and the four before); each change with raw p and Benjamini–Hochberg q; pillar summaries; audited',
  access: ['admin', 'analyst'],
  // Checked as IndicatorsQuery once the defaults are filled in.
  request: {
    query: z.object({
      from: z.string().optional().describe('first fiscal year (default: four years ago)'),
      to: z.string().optional().describe('last fiscal year (default: this year)'),
    }),
  },
  responses: { 200: ok(Indicators), ...errors({ 400: 'not fiscal years 2000–2100' }) },
});
const plan = defineRoute({
  method: 'get',
  path: '/plan',
  tags: ['results'],
  summary: "The city's HR development plan: pillars and constructs the survey measures",
  access: 'signed-in',
  responses: { 200: ok(z.unknown()), ...errors({ 404: 'no plan stored yet' }) },
});
const targets = defineRoute({
  method: 'get',
  path: '/targets',
  tags: ['results'],
  summary: 'Targets per construct',
  access: 'signed-in',
  responses: { 200: ok(z.array(TargetSet)) },
});
const setTargets = defineRoute({
  method: 'put',
  path: '/targets',
  tags: ['results'],
  summary: 'Set the target of a construct',
  access: ['admin'],
  request: { body: jsonRequest(TargetSet) },
  responses: { 200: ok(TargetSet), ...errors({ 400: 'unknown construct' }) },
});

/**
 * Results, indicators and targets. Only readers (admin, analyst, manager for
 * their subtree) read results, never the custodian; every read is audited.
 */
export function insightRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();

  app.openapi(results, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await resultsFor(deps, id, user);
    await recordAudit(deps, {
      actor: user.email,
      action: 'results.read',
      target: id,
      detail: { role: user.role, ...(user.unitCode ? { unitCode: user.unitCode } : {}) },
    });
    return c.json(out);
  });

  app.openapi(trend, async (c) => {
    // By default the current fiscal year (April–March, Japan time) and the four before it.
    const current = fiscalYearOf(deps.now?.() ?? new Date());
    const q = c.req.valid('query');
    const { from, to } = parseWith(IndicatorsQuery, {
      from: q.from ?? String(current - 4),
      to: q.to ?? String(current),
    });
    checkIndicatorRange(from, to);
    // The audit entry is written while the indicators are read, not after: the dashboard waits for
    // one store write fewer in turn (p95 ≤ 50 ms, DESIGN §7). Both must succeed before anything is
    // answered, so no read goes unaudited; a read that fails after its entry is written stays audited.
    const [out] = await Promise.all([
      indicators(deps, from, to),
      recordAudit(deps, {
        actor: c.get('user').email,
        action: 'indicators.read',
        target: `FY${from}-FY${to}`,
      }),
    ]);
    return c.json(out);
  });

  app.openapi(plan, async (c) => c.json(await currentPlan(deps)));
  app.openapi(targets, async (c) => c.json(await listTargets(deps)));
  app.openapi(setTargets, async (c) => c.json(await setTarget(deps, c.req.valid('json'))));
  return app;
}
