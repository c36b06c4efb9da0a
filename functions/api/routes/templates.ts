/*
 * How a route is added (every file in routes/ does the same; docs/DESIGN.md §6):
 *
 *   const getTemplate = defineRoute({
 *     method: 'get', path: '/{id}',                  // {id}, not :id
 *     summary: 'One survey template',                // English; /api/docs shows it
 *     access: 'signed-in',                           // 'public' | 'signed-in' | ['admin', …]
 *     request: { params: IdParam },                  // body: jsonRequest(SchemaFromShared), query: …
 *     responses: { 200: ok(Template), ...errors({ 404: 'no such template' }) },
 *   });
 *   app.openapi(getTemplate, async (c) => c.json(await read(c.req.valid('param').id)));
 *
 * on a `new KoeApi()` (route-kit.ts). That one definition checks the roles
 * and the input (415/400 as DESIGN §6 says) and puts the route in
 * /api/openapi.json and /api/docs; tests/functions/api/openapi.test.ts fails
 * for any route the document is missing.
 */
import * as z from 'zod';
import type { AppDeps } from '../../deps';
import { getTemplate, listTemplates } from '../../services/templates';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, KoeApi, ok } from '../route-kit';

const list = defineRoute({
  method: 'get',
  path: '/',
  tags: ['templates'],
  summary: 'List the survey templates',
  access: 'signed-in',
  responses: { 200: ok(z.array(z.unknown())) },
});

const one = defineRoute({
  method: 'get',
  path: '/{id}',
  tags: ['templates'],
  summary: 'One survey template with its questions',
  access: 'signed-in',
  request: { params: IdParam },
  responses: { 200: ok(z.unknown()), ...errors({ 404: 'no such template' }) },
});

export function templateRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(list, async (c) => c.json(await listTemplates(deps)));
  app.openapi(one, async (c) => c.json(await getTemplate(deps, c.req.valid('param').id)));
  return app;
}
