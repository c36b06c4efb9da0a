import {
  CodeLookup,
  CodeLookupRequest,
  MoveBoxContent,
  MoveBoxCreated,
  MoveBoxPut,
  MoveBoxTake,
  PublicCampaign,
  PublicCampaignRequest,
  PublicKeyList,
  ResponseReceipt,
  ResponseStatus,
  ResponseStatusRequest,
  ResponseSubmit,
  TokenRequest,
  TokenResponse,
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
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

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

export const codeInUrlResponses = errors({ 405: 'always: send the code in a POST body (Allow: POST)' });

const tags = ['respond'];
const keys = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/keys',
  tags,
  summary: 'The published key groups of an opened campaign (units, invited count, key fingerprint)',
  access: 'public',
  request: { params: IdParam },
  responses: { 200: ok(PublicKeyList), ...errors({ 404: 'no such survey', 409: 'not open yet' }) },
});
const campaign = defineRoute({
  method: 'post',
  path: '/campaigns/{id}',
  tags,
  summary: 'The survey and unit key for an invitation code (the code in the body, never in the URL)',
  access: 'public',
  request: { params: IdParam, body: jsonRequest(PublicCampaignRequest) },
  responses: { 200: ok(PublicCampaign), ...errors({ 404: 'unknown code', 409: 'not open' }) },
});
const campaignInUrl = defineRoute({
  method: 'get',
  path: '/campaigns/{id}',
  tags,
  summary: 'The old GET form: always 405 (a code never travels in a URL)',
  access: 'public',
  request: { params: IdParam },
  responses: codeInUrlResponses,
});
const lookup = defineRoute({
  method: 'post',
  path: '/invitations/lookup',
  tags,
  summary:
    'The open survey an invitation code belongs to: id, title and dates only. An unknown code and one whose survey is not open get the same 404',
  access: 'public',
  request: { body: jsonRequest(CodeLookupRequest) },
  responses: { 200: ok(CodeLookup), ...errors({ 404: 'unknown code, or its survey is not open' }) },
});
const lookupInUrl = defineRoute({
  method: 'get',
  path: '/invitations/lookup',
  tags,
  summary: 'The old GET form: always 405 (a code never travels in a URL)',
  access: 'public',
  responses: codeInUrlResponses,
});
const movePut = defineRoute({
  method: 'post',
  path: '/moves',
  tags,
  summary:
    "Leave a moving box: a draft, sent survey or feedback tokens sealed by the browser for another of the person's devices (ciphertext named by a hash of a transfer code the server never sees); kept 24 hours at most",
  access: 'public',
  request: { body: jsonRequest(MoveBoxPut) },
  responses: { 201: ok(MoveBoxCreated, 'left'), ...errors({ 409: 'a box with this id exists' }) },
});
const moveTake = defineRoute({
  method: 'post',
  path: '/moves/take',
  tags,
  summary: 'Take a moving box out, once (the id in the body)',
  access: 'public',
  request: { body: jsonRequest(MoveBoxTake) },
  responses: { 200: ok(MoveBoxContent), ...errors({ 404: 'no such box: taken or expired' }) },
});
const tokens = defineRoute({
  method: 'post',
  path: '/tokens',
  tags,
  summary: 'Blind-sign a token (RFC 9474) for an invitation, once',
  access: 'public',
  request: { body: jsonRequest(TokenRequest) },
  responses: {
    200: ok(TokenResponse),
    ...errors({ 404: 'unknown code', 409: 'used with another message, or not open' }),
  },
});
const submit = defineRoute({
  method: 'post',
  path: '/responses',
  tags,
  summary:
    'Submit answers with a signed token; the same token replaces. 202: held until the next shuffled batch is written; 200: these answers are already stored',
  access: 'public',
  request: { body: jsonRequest(ResponseSubmit) },
  responses: {
    200: ok(ResponseReceipt, 'already stored'),
    202: ok(ResponseReceipt, 'accepted, held for the next batch'),
    ...errors({ 401: 'bad signature', 409: 'not open' }),
  },
});
const status = defineRoute({
  method: 'post',
  path: '/responses/status',
  tags,
  summary:
    "Whether a token's answers are pending (held for the next batch), stored, or unknown (send them again)",
  access: 'public',
  request: { body: jsonRequest(ResponseStatusRequest) },
  responses: { 200: ok(ResponseStatus), ...errors({ 404: 'no such survey' }) },
});

/**
 * The respondent's routes: no sign-in. Nothing here logs or stores the
 * request's address, agent or time.
 */
export function publicRoutes(deps: AppDeps) {
  const app = new KoeApi();

  // A4: the published key list, the same for everyone (no code, no session).
  app.openapi(keys, async (c) => c.json(await publicKeys(deps, c.req.valid('param').id)));

  // The code travels in the body (DESIGN §3, A7): a URL ends up in proxy and access logs.
  app.openapi(campaign, async (c) => {
    const { code } = c.req.valid('json');
    return c.json(await publicCampaign(deps, c.req.valid('param').id, code));
  });
  app.openapi(campaignInUrl, () => codeInUrl());

  // A code typed alone off a paper slip finds its survey; in the body, like every code (A7).
  app.openapi(lookup, async (c) => c.json(await campaignOfCode(deps, c.req.valid('json').code)));
  app.openapi(lookupInUrl, () => codeInUrl());

  // Moving boxes: ciphertext between one person's devices, under a hash of a code the server never sees.
  app.openapi(movePut, async (c) => c.json(await putMoveBox(deps, c.req.valid('json')), 201));
  app.openapi(moveTake, async (c) => c.json(await takeMoveBox(deps, c.req.valid('json').id), 200));

  app.openapi(tokens, async (c) => c.json(await issueToken(deps, c.req.valid('json')), 200));

  // Answers wait in a buffer written in shuffled batches at fixed times (services/answer-buffer.ts).
  // Where timers cannot be trusted (a frozen Lambda instance) the first request after the time writes it.
  app.use('*', async (_c, next) => {
    await next();
    await flushAnswersIfDue(deps).catch(() => {});
  });

  // 202: accepted and held until the next batch; 200: these very answers are already stored.
  app.openapi(submit, async (c) => {
    const { receipt, status } = await submitResponse(deps, c.req.valid('json'));
    return c.json({ receipt, status }, status === 'stored' ? 200 : 202);
  });

  app.openapi(status, async (c) => c.json(await answerStatus(deps, c.req.valid('json')), 200));

  return app;
}
