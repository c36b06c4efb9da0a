import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { getTemplate, listTemplates } from '../../services/templates';
import type { AuthEnv } from '../middleware/auth';

export function templateRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json(await listTemplates(deps)));
  app.get('/:id', async (c) => c.json(await getTemplate(deps, c.req.param('id'))));
  return app;
}
