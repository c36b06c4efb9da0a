import { Hono } from 'hono';
import { IndicatorsQuery, TargetSet } from '../../../shared/api/results';
import { indicators, resultsFor, setTarget } from '../../services/insights';
import type { AppDeps } from '../deps';
import { notFound } from '../http-error';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody, parseWith } from '../validate';

/** Results, indicators and targets. */
export function insightRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.get('/campaigns/:id/results', requireRole('admin', 'analyst', 'manager'), async (c) =>
    c.json(await resultsFor(deps, c.req.param('id'), c.get('user'))),
  );

  app.get('/indicators', requireRole('admin', 'analyst'), async (c) => {
    const now = deps.now?.() ?? new Date();
    const q = c.req.query();
    const { from, to } = parseWith(IndicatorsQuery, {
      from: q.from ?? String(now.getFullYear() - 4),
      to: q.to ?? String(now.getFullYear()),
    });
    return c.json(await indicators(deps, from, to));
  });

  app.get('/plan', async (c) => {
    const plan = await deps.store.surveys.getPlan();
    if (!plan) throw notFound('the plan');
    return c.json(plan);
  });

  app.get('/targets', async (c) => c.json(await deps.store.surveys.listTargets()));

  app.put('/targets', requireRole('admin'), async (c) =>
    c.json(await setTarget(deps, await jsonBody(c, TargetSet))),
  );

  return app;
}
