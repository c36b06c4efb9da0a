import { Hono } from 'hono';
import { PublicCampaignQuery, ResponseSubmit, TokenRequest } from '../../../shared/api/public';
import { issueToken, publicCampaign, publicKeys, submitResponse } from '../../services/respond';
import type { AppDeps } from '../deps';
import { jsonBody, parseWith } from '../validate';

/**
 * The respondent's routes: no sign-in. Nothing here logs or stores the
 * request's address, agent or time.
 */
export function publicRoutes(deps: AppDeps) {
  const app = new Hono();

  // A4: the published key list, the same for everyone (no code, no session).
  app.get('/campaigns/:id/keys', async (c) => c.json(await publicKeys(deps, c.req.param('id'))));

  app.get('/campaigns/:id', async (c) => {
    const { code } = parseWith(PublicCampaignQuery, c.req.query());
    return c.json(await publicCampaign(deps, c.req.param('id'), code));
  });

  app.post('/tokens', async (c) => c.json(await issueToken(deps, await jsonBody(c, TokenRequest)), 200));

  app.post('/responses', async (c) => {
    const { receipt, replaced } = await submitResponse(deps, await jsonBody(c, ResponseSubmit));
    return c.json({ receipt }, replaced ? 200 : 201);
  });

  return app;
}
