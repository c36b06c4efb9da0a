import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { type Plan, parsePlan } from '../../shared/plan';
import type { AppDeps } from '../deps';
import { ensureFirstAdmin } from '../services/accounts';
import { seedBase } from '../seed/base';
import { rebuildBoard } from '../services/feedback/board';

/**
 * The one-off command an operator sends to the admin function with
 * `aws lambda invoke` (docs/DEPLOY.md): it loads the plan and the survey
 * templates, and creates the first admin with a generated password that is
 * returned once and stored only as a hash. Run it again after an upgrade to
 * refresh the templates and rebuild the staff board's projection of the
 * published posts; it never creates a second admin or changes a password.
 */
export const BootstrapCommand = z.strictObject({
  action: z.literal('bootstrap'),
  adminEmail: z.email().max(254).optional(),
  /** The city's HR development plan; required the first time, optional afterwards. */
  plan: z.unknown().optional(),
});
export type BootstrapCommand = z.infer<typeof BootstrapCommand>;

export interface BootstrapResult {
  plan: 'stored' | 'kept';
  /** The staff board's projection, written again from the posts (an upgrade from before it existed). */
  board: { published: number; removed: number };
  admin?:
    | { created: true; email: string; password: string }
    | { created: false; email: string; reason: 'an admin already exists' };
}

export async function bootstrap(deps: AppDeps, command: BootstrapCommand): Promise<BootstrapResult> {
  let plan: Plan;
  if (command.plan !== undefined) {
    plan = parsePlan(command.plan);
  } else {
    const stored = await deps.store.plan.getPlan();
    if (!stored) throw new Error('no plan is stored yet: pass the city’s plan in "plan" the first time');
    plan = stored;
  }
  await seedBase(deps.store, plan);
  const { published, removed } = await rebuildBoard(deps);
  const result: BootstrapResult = {
    plan: command.plan !== undefined ? 'stored' : 'kept',
    board: { published, removed },
  };
  if (command.adminEmail) {
    const email = command.adminEmail.toLowerCase();
    const password = randomBytes(18).toString('base64url');
    result.admin = (await ensureFirstAdmin(deps, email, password))
      ? { created: true, email, password }
      : { created: false, email, reason: 'an admin already exists' };
  }
  return result;
}
