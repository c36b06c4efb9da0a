import * as z from 'zod';
import { Code } from '../../../shared/api/common';
import { Unit, UnitCreate, UnitReorder, UnitUpdate } from '../../../shared/api/organisation';
import { listStaff } from '../../services/roster';
import { createUnit, listUnits, reorderUnits, updateUnit } from '../../services/units';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['organisation'];
const createUnitRoute = defineRoute({
  method: 'post',
  path: '/units',
  tags,
  summary: 'Create a unit',
  access: ['admin'],
  request: { body: jsonRequest(UnitCreate) },
  responses: { 201: ok(Unit, 'created'), ...errors({ 409: 'a unit with this code exists' }) },
});
const units = defineRoute({
  method: 'get',
  path: '/units',
  tags,
  summary: 'List units',
  access: 'signed-in',
  responses: { 200: ok(z.array(Unit)) },
});
const order = defineRoute({
  method: 'put',
  path: '/units/order',
  tags,
  summary: 'Set the display order of siblings (表示順): the listed units get orders 1, 2, 3 …',
  access: ['admin'],
  request: { body: jsonRequest(UnitReorder) },
  responses: { 200: ok(z.array(Unit)), ...errors({ 400: 'unknown unit, or units of different parents' }) },
});
const updateUnitRoute = defineRoute({
  method: 'patch',
  path: '/units/{code}',
  tags,
  summary: 'Change a unit’s name or display order (order null clears it)',
  access: ['admin'],
  request: { params: z.object({ code: Code }), body: jsonRequest(UnitUpdate) },
  responses: { 200: ok(Unit), ...errors({ 404: 'no such unit' }) },
});
const staff = defineRoute({
  method: 'get',
  path: '/staff',
  tags,
  summary: 'The roster: staff numbers, names, units and attributes',
  access: ['admin', 'custodian'],
  responses: { 200: ok(z.unknown()) },
});

/**
 * Units and the roster. Reading units is open to every role; changing them is
 * the admin's. The custodian, who delivers codes, reads the staff list too.
 */
export function organisationRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();

  app.openapi(createUnitRoute, async (c) => c.json(await createUnit(deps, c.req.valid('json')), 201));
  app.openapi(units, async (c) => c.json(await listUnits(deps)));
  // Display order among siblings (表示順): the console's move up / move down sends the whole sibling list.
  app.openapi(order, async (c) => c.json(await reorderUnits(deps, c.req.valid('json'))));
  app.openapi(updateUnitRoute, async (c) =>
    c.json(await updateUnit(deps, c.req.valid('param').code, c.req.valid('json'))),
  );
  app.openapi(staff, async (c) => c.json(await listStaff(deps)));
  return app;
}
