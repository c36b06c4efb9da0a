import { Hono } from 'hono';
import { CampaignCreate, CampaignUpdate } from '../../../shared/api/campaign';
import {
  closeCampaign,
  createCampaign,
  getCampaignRecord,
  listCampaigns,
  openCampaign,
  publicView,
  updateCampaign,
} from '../../services/campaigns';
import { participation } from '../../services/invitations';
import type { AppDeps } from '../../deps';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody } from '../validate';

/** Campaigns: every role may read them; only the admin runs them. */
export function campaignRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = requireRole('admin');

  app.get('/', async (c) => c.json(await listCampaigns(deps)));

  app.post('/', admin, async (c) =>
    c.json(await createCampaign(deps, await jsonBody(c, CampaignCreate)), 201),
  );

  app.get('/:id', async (c) => c.json(publicView(await getCampaignRecord(deps, c.req.param('id')))));

  app.patch('/:id', admin, async (c) =>
    c.json(await updateCampaign(deps, c.req.param('id'), await jsonBody(c, CampaignUpdate))),
  );

  app.post('/:id/open', admin, async (c) => {
    const { id, status } = await openCampaign(deps, c.req.param('id'));
    return c.json({ id, status });
  });

  app.post('/:id/close', admin, async (c) => {
    const { id, status } = await closeCampaign(deps, c.req.param('id'));
    return c.json({ id, status });
  });

  // Invitation codes are the custodian's: routes/delivery.ts (DESIGN §3, A5).

  app.get('/:id/participation', requireRole('admin', 'analyst', 'custodian'), async (c) =>
    c.json(await participation(deps, c.req.param('id'))),
  );

  return app;
}
