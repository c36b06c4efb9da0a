import { Hono } from 'hono';
import {
  CodeLookupRequest,
  MoveBoxPut,
  MoveBoxTake,
  PublicCampaignRequest,
  ResponseStatusRequest,
  ResponseSubmit,
  TokenRequest,
} from '../../../shared/api/public';
import { flushAnswersIfDue } from '../../services/answer-buffer';
import {
  answerStatus,
  campaignOfCode,
  issueToken,
  publicCampaign,
  publicKeys,
  submitResponse,
} from '../../services/respond';
import { putMoveBox, takeMoveBox } from '../../services/move';
import type { AppDeps } from '../../deps';
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

  // A4: the published key list, the same for everyone (no code, no session).
  app.get('/campaigns/:id/keys', async (c) => c.json(await publicKeys(deps, c.req.param('id'))));

  // The code travels in the body (DESIGN §3, A7): a URL ends up in proxy and access logs.
  app.post('/campaigns/:id', async (c) => {
    const { code } = await jsonBody(c, PublicCampaignRequest);
    return c.json(await publicCampaign(deps, c.req.param('id'), code));
  });
  app.get('/campaigns/:id', () => codeInUrl());

  // A code typed alone off a paper slip finds its survey; in the body, like every code (A7).
  app.post('/invitations/lookup', async (c) => {
    const { code } = await jsonBody(c, CodeLookupRequest);
    return c.json(await campaignOfCode(deps, code));
  });
  app.get('/invitations/lookup', () => codeInUrl());

  // Moving boxes: ciphertext between one person's devices, under a hash of a code the server never sees.
  app.post('/moves', async (c) => c.json(await putMoveBox(deps, await jsonBody(c, MoveBoxPut)), 201));
  app.post('/moves/take', async (c) => {
    const { id } = await jsonBody(c, MoveBoxTake);
    return c.json(await takeMoveBox(deps, id), 200);
  });

  app.post('/tokens', async (c) => c.json(await issueToken(deps, await jsonBody(c, TokenRequest)), 200));

  // Answers wait in a buffer written in shuffled batches at fixed times (services/answer-buffer.ts).
  // Where timers cannot be trusted (a frozen Lambda instance) the first request after the time writes it.
  app.use('*', async (_c, next) => {
    await next();
    await flushAnswersIfDue(deps).catch(() => {});
  });

  // 202: accepted and held until the next batch; 200: these very answers are already stored.
  app.post('/responses', async (c) => {
    const { receipt, status } = await submitResponse(deps, await jsonBody(c, ResponseSubmit));
    return c.json({ receipt, status }, status === 'stored' ? 200 : 202);
  });

  app.post('/responses/status', async (c) =>
    c.json(await answerStatus(deps, await jsonBody(c, ResponseStatusRequest)), 200),
  );

  return app;
}
