import { Hono } from 'hono';
import { IndicatorsQuery, TargetSet } from '../../../shared/api/results';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { currentPlan, indicators, listTargets, resultsFor, setTarget } from '../../services/insights';
import { recordAudit } from '../../services/audit';
import type { AppDeps } from '../../deps';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody, parseWith } from '../validate';

/**
 * Results, indicators and targets. Only readers (admin, analyst, manager for
 * their subtree) read results, never the custodian; every read is audited.
 */
export function insightRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.get('/campaigns/:id/results', requireRole('admin', 'analyst', 'manager'), async (c) => {
    const user = c.get('user');
    const results = await resultsFor(deps, c.req.param('id'), user);
    await recordAudit(deps, {
      actor: user.email,
      action: 'results.read',
      target: c.req.param('id'),
      detail: { role: user.role, ...(user.unitCode ? { unitCode: user.unitCode } : {}) },
    });
    return c.json(results);
  });

  app.get('/indicators', requireRole('admin', 'analyst'), async (c) => {
    // By default the current fiscal year (April–March, Japan time) and the four before it.
    const current = fiscalYearOf(deps.now?.() ?? new Date());
    const q = c.req.query();
    const { from, to } = parseWith(IndicatorsQuery, {
      from: q.from ?? String(current - 4),
      to: q.to ?? String(current),
    });
    const out = await indicators(deps, from, to);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'indicators.read',
      target: `FY${from}-FY${to}`,
    });
    return c.json(out);
  });

  app.get('/plan', async (c) => c.json(await currentPlan(deps)));

  app.get('/targets', async (c) => c.json(await listTargets(deps)));

  app.put('/targets', requireRole('admin'), async (c) =>
    c.json(await setTarget(deps, await jsonBody(c, TargetSet))),
  );

  return app;
}
