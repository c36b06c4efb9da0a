import { Hono } from 'hono';
import { PublicCampaignRequest, ResponseSubmit, TokenRequest } from '../../../shared/api/public';
import { issueToken, publicCampaign, submitResponse } from '../../services/respond';
import type { AppDeps } from '../deps';
import { HttpError } from '../http-error';
import { jsonBody } from '../validate';

/** The old GET form of a code route: refused whatever its query holds, and never read. */
export function codeInUrl(): never {
  throw new HttpError(
    405,
    'method_not_allowed',
    'send the code in a POST body, never in the URL',
    undefined,
    {
      Allow: 'POST',
    },
  );
}

/**
 * The respondent's routes: no sign-in. Nothing here logs or stores the
 * request's address, agent or time.
 */
export function publicRoutes(deps: AppDeps) {
  const app = new Hono();

  // The code travels in the body (DESIGN §3, A7): a URL ends up in proxy and access logs.
  app.post('/campaigns/:id', async (c) => {
    const { code } = await jsonBody(c, PublicCampaignRequest);
    return c.json(await publicCampaign(deps, c.req.param('id'), code));
  });
  app.get('/campaigns/:id', () => codeInUrl());

  app.post('/tokens', async (c) => c.json(await issueToken(deps, await jsonBody(c, TokenRequest)), 200));

  app.post('/responses', async (c) => {
    const { receipt, replaced } = await submitResponse(deps, await jsonBody(c, ResponseSubmit));
    return c.json({ receipt }, replaced ? 200 : 201);
  });

  return app;
}
