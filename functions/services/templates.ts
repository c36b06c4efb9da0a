import type { Template } from '../../shared/instruments/schema';
import type { AppDeps } from '../deps';
import { notFound } from './errors';

/** What the console lists of a template: its constructs by name and the number of items. */
export interface TemplateSummary {
  id: string;
  title: Template['title'];
  description: Template['description'];
  constructs: Pick<Template['constructs'][number], 'id' | 'pillarId' | 'name'>[];
  items: number;
}

function summary(t: Template): TemplateSummary {
  const items = t.constructs.reduce((n, c) => n + c.items.length, 0) + t.standaloneItems.length;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    constructs: t.constructs.map((c) => ({ id: c.id, pillarId: c.pillarId, name: c.name })),
    items,
  };
}

/** Every stored template, summarised. */
export async function listTemplates(deps: AppDeps): Promise<TemplateSummary[]> {
  return (await deps.store.plan.listTemplates()).map(summary);
}

/** One template in full, or not_found. */
export async function getTemplate(deps: AppDeps, id: string): Promise<Template> {
  const t = await deps.store.plan.getTemplate(id);
  if (!t) throw notFound(`template ${id}`);
  return t;
}
