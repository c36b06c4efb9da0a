import { Hono } from 'hono';
import { CampaignCreate, CampaignUpdate, InvitationRequest } from '../../../shared/api/campaign';
import {
  closeCampaign,
  createCampaign,
  getCampaignRecord,
  openCampaign,
  publicView,
  updateCampaign,
} from '../../services/campaigns';
import { createInvitations, participation } from '../../services/invitations';
import type { AppDeps } from '../deps';
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody } from '../validate';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Campaigns: every role may read them; only the admin runs them. */
export function campaignRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = requireRole('admin');

  app.get('/', async (c) => {
    const all = await deps.store.surveys.listCampaigns();
    all.sort((a, b) => b.fiscalYear - a.fiscalYear || b.createdAt.localeCompare(a.createdAt));
    return c.json(all.map(publicView));
  });

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

  app.post('/:id/invitations', requireRole('custodian'), async (c) => {
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('content-type');
    const body = hasBody ? await jsonBody(c, InvitationRequest) : undefined;
    const invitations = await createInvitations(deps, c.req.param('id'), body?.unitCodes);
    return c.json({ invitations });
  });

  /** The same invitations as CSV, for mail merge (UTF-8 with BOM so spreadsheets read it). */
  app.get('/:id/invitations.csv', requireRole('custodian'), async (c) => {
    const invitations = await createInvitations(deps, c.req.param('id'));
    const staff = new Map((await deps.store.directory.listStaff()).map((s) => [s.staffNo, s]));
    const lines = ['staffNo,name,email,unitCode,code,url'];
    for (const i of invitations) {
      const s = staff.get(i.staffNo);
      lines.push(
        [i.staffNo, s?.name ?? '', s?.email ?? '', i.unitCode, i.code, i.url].map(csvField).join(','),
      );
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="invitations-${c.req.param('id')}.csv"`);
    return c.body(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  app.get('/:id/participation', requireRole('admin', 'analyst', 'custodian'), async (c) =>
    c.json(await participation(deps, c.req.param('id'))),
  );

  return app;
}
