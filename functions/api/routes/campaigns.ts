import * as z from 'zod';
import {
  Campaign,
  CampaignCreate,
  CampaignStatusResponse,
  CampaignUpdate,
  Participation,
} from '../../../shared/api/campaign';
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
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['campaigns'];
const list = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List campaigns',
  access: 'signed-in',
  responses: { 200: ok(z.array(Campaign)) },
});
const create = defineRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a draft campaign',
  access: ['admin'],
  request: { body: jsonRequest(CampaignCreate) },
  responses: { 201: ok(Campaign, 'created') },
});
const read = defineRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One campaign',
  access: 'signed-in',
  request: { params: IdParam },
  responses: { 200: ok(Campaign), ...errors({ 404: 'no such campaign' }) },
});
const update = defineRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Edit a draft campaign',
  access: ['admin'],
  request: { params: IdParam, body: jsonRequest(CampaignUpdate) },
  responses: { 200: ok(Campaign), ...errors({ 404: 'no such campaign', 409: 'not a draft' }) },
});
const open = defineRoute({
  method: 'post',
  path: '/{id}/open',
  tags,
  summary: 'Open a draft: invitations and unit keys are made',
  access: ['admin'],
  request: { params: IdParam },
  responses: { 200: ok(CampaignStatusResponse), ...errors({ 404: 'no such campaign', 409: 'wrong status' }) },
});
const close = defineRoute({
  method: 'post',
  path: '/{id}/close',
  tags,
  summary: 'Close an open campaign',
  access: ['admin'],
  request: { params: IdParam },
  responses: { 200: ok(CampaignStatusResponse), ...errors({ 404: 'no such campaign', 409: 'wrong status' }) },
});
const live = defineRoute({
  method: 'get',
  path: '/{id}/participation',
  tags,
  summary: 'Live participation: invited and answered, overall and per unit',
  access: ['admin', 'analyst', 'custodian'],
  request: { params: IdParam },
  responses: { 200: ok(Participation), ...errors({ 404: 'no such campaign' }) },
});

/** Campaigns: every role may read them; only the admin runs them. */
export function campaignRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(list, async (c) => c.json(await listCampaigns(deps)));
  app.openapi(create, async (c) => c.json(await createCampaign(deps, c.req.valid('json')), 201));
  app.openapi(read, async (c) => c.json(publicView(await getCampaignRecord(deps, c.req.valid('param').id))));
  app.openapi(update, async (c) =>
    c.json(await updateCampaign(deps, c.req.valid('param').id, c.req.valid('json'))),
  );
  app.openapi(open, async (c) => {
    const { id, status } = await openCampaign(deps, c.req.valid('param').id);
    return c.json({ id, status });
  });
  app.openapi(close, async (c) => {
    const { id, status } = await closeCampaign(deps, c.req.valid('param').id);
    return c.json({ id, status });
  });
  // Invitation codes are the custodian's: routes/delivery.ts (DESIGN §3, A5).
  app.openapi(live, async (c) => c.json(await participation(deps, c.req.valid('param').id)));
  return app;
}
