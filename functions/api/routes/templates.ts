import { Hono } from 'hono';
import type { Template } from '../../../shared/instruments/schema';
import type { AppDeps } from '../../deps';
import { notFound } from '../http-error';
import type { AuthEnv } from '../middleware/auth';

function summary(t: Template) {
  const items = t.constructs.reduce((n, c) => n + c.items.length, 0) + t.standaloneItems.length;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    constructs: t.constructs.map((c) => ({ id: c.id, pillarId: c.pillarId, name: c.name })),
    items,
  };
}

export function templateRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json((await deps.store.surveys.listTemplates<Template>()).map(summary)));
  app.get('/:id', async (c) => {
    const t = await deps.store.surveys.getTemplate<Template>(c.req.param('id'));
    if (!t) throw notFound(`template ${c.req.param('id')}`);
    return c.json(t);
  });
  return app;
}
