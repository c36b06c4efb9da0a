import { Hono } from 'hono';
import { RetentionSettingInput } from '../../../shared/api/retention';
import type { AppDeps } from '../../deps';
import { getRetentionSetting, planRetention, setRetentionSetting } from '../../services/retention';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody } from '../validate';

/**
 * The retention setting (admin only): read it, change it (audited), and see
 * what a run would delete now (a dry run: counts only). The run itself is the
 * daily schedule or `npm run retention`, never an HTTP call.
 */
export function retentionRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = requireRole('admin');
  app.get('/', admin, async (c) => c.json(await getRetentionSetting(deps)));
  app.put('/', admin, async (c) => {
    const { years } = await jsonBody(c, RetentionSettingInput);
    return c.json(await setRetentionSetting(deps, c.get('user').email, years));
  });
  app.get('/preview', admin, async (c) => c.json(await planRetention(deps, { counts: 'recorded' })));
  return app;
}
