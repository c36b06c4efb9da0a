import { RetentionPlan, RetentionSetting, RetentionSettingInput } from '../../../shared/api/retention';
import type { AppDeps } from '../../deps';
import { getRetentionSetting, planRetention, setRetentionSetting } from '../../services/retention';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['retention'];
const read = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'The retention setting: years after which raw answers and posts go, null = forever',
  access: ['admin'],
  responses: { 200: ok(RetentionSetting) },
});
const set = defineRoute({
  method: 'put',
  path: '/',
  tags,
  summary: 'Set the retention period, 1–100 years or null (audited)',
  access: ['admin'],
  request: { body: jsonRequest(RetentionSettingInput) },
  responses: { 200: ok(RetentionSetting) },
});
const preview = defineRoute({
  method: 'get',
  path: '/preview',
  tags,
  summary: 'Dry run: campaigns and fiscal years retention would delete today, counts only',
  access: ['admin'],
  responses: { 200: ok(RetentionPlan) },
});

/**
 * The retention setting (admin only): read it, change it (audited), and see
 * what a run would delete now (a dry run: counts only). The run itself is the
 * daily schedule or `npm run retention`, never an HTTP call.
 */
export function retentionRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(read, async (c) => c.json(await getRetentionSetting(deps)));
  app.openapi(set, async (c) => {
    const { years } = c.req.valid('json');
    return c.json(await setRetentionSetting(deps, c.get('user').email, years));
  });
  app.openapi(preview, async (c) => c.json(await planRetention(deps, { counts: 'recorded' })));
  return app;
}
