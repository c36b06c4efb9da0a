import { Hono } from 'hono';
import { Code } from '../../../shared/api/common';
import { UnitCreate, UnitReorder, UnitUpdate } from '../../../shared/api/organisation';
import { listStaff } from '../../services/roster';
import { createUnit, listUnits, reorderUnits, updateUnit } from '../../services/units';
import type { AppDeps } from '../../deps';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody, parseWith } from '../validate';

/**
 * Units and the roster. Reading units is open to every role; changing them is
 * the admin's. The custodian, who delivers codes, reads the staff list too.
 */
export function organisationRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();

  app.post('/units', requireRole('admin'), async (c) => {
    const unit = await createUnit(deps, await jsonBody(c, UnitCreate));
    return c.json(unit, 201);
  });

  app.get('/units', async (c) => c.json(await listUnits(deps)));

  // Display order among siblings (表示順): the console's move up / move down sends the whole sibling list.
  app.put('/units/order', requireRole('admin'), async (c) =>
    c.json(await reorderUnits(deps, await jsonBody(c, UnitReorder))),
  );

  app.patch('/units/:code', requireRole('admin'), async (c) =>
    c.json(await updateUnit(deps, parseWith(Code, c.req.param('code')), await jsonBody(c, UnitUpdate))),
  );

  app.get('/staff', requireRole('admin', 'custodian'), async (c) => c.json(await listStaff(deps)));

  return app;
}
