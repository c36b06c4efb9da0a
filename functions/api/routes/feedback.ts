import * as z from 'zod';
import {
  FeedbackBoardPost,
  FeedbackBoardQuery,
  FeedbackIndicators,
  FeedbackKeyRequest,
  FeedbackKeyResponse,
  FeedbackNoteCreate,
  FeedbackPostCreate,
  FeedbackRedeem,
  FeedbackReplyCreate,
  FeedbackThread,
  FeedbackThreadAdd,
  FeedbackThreadRead,
  FeedbackTriagePost,
  FeedbackTriageUpdate,
  FiscalYearParam,
} from '../../../shared/api/feedback';
import { IndicatorsQuery } from '../../../shared/api/results';
import {
  addNote,
  addReply,
  addToThread,
  board,
  createFeedbackPost,
  feedbackIndicators,
  feedbackKey,
  readThread,
  redeemFeedbackCode,
  triagePosts,
  updateTriage,
} from '../../services/feedback';
import { recordAudit } from '../../services/audit';
import { flushPostsIfDue } from '../../services/post-buffer';
import type { AppDeps } from '../../deps';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';
import { codeInUrl, codeInUrlResponses } from './public';

const tags = ['feedback'];
const unknownCode = errors({ 404: 'unknown code' });
const noThread = errors({ 404: 'no such post, or the receipt does not match' });

const key = defineRoute({
  method: 'post',
  path: '/key',
  tags,
  summary: "The unit key a feedback code's batch is signed with (the code in the body, never in the URL)",
  access: 'public',
  request: { body: jsonRequest(FeedbackKeyRequest) },
  responses: { 200: ok(FeedbackKeyResponse), ...unknownCode },
});
const keyInUrl = defineRoute({
  method: 'get',
  path: '/key',
  tags,
  summary: 'The old GET form: always 405 (a code never travels in a URL)',
  access: 'public',
  responses: codeInUrlResponses,
});
const redeem = defineRoute({
  method: 'post',
  path: '/redeem',
  tags,
  summary: "Blind-sign the year's feedback tokens for a feedback code, once",
  access: 'public',
  request: { body: jsonRequest(FeedbackRedeem) },
  responses: { 200: ok(z.unknown()), ...errors({ 404: 'unknown code', 409: 'already redeemed' }) },
});
const post = defineRoute({
  method: 'post',
  path: '/posts',
  tags,
  summary: 'Post feedback with a signed token; held for the next shuffled batch (202)',
  access: 'public',
  request: { body: jsonRequest(FeedbackPostCreate) },
  responses: {
    202: ok(z.strictObject({ postId: z.string(), status: z.literal('pending') }), 'accepted, pending'),
    ...errors({ 401: 'bad signature', 409: 'token already used' }),
  },
});
const thread = defineRoute({
  method: 'post',
  path: '/thread',
  tags,
  summary: "Read one's own post and its replies (post id and receipt in the body)",
  access: 'public',
  request: { body: jsonRequest(FeedbackThreadRead) },
  responses: { 200: ok(FeedbackThread), ...noThread },
});
const threadAdd = defineRoute({
  method: 'post',
  path: '/thread/messages',
  tags,
  summary: "Add a message to one's own post's thread",
  access: 'public',
  request: { body: jsonRequest(FeedbackThreadAdd) },
  responses: { 201: ok(FeedbackThread, 'added'), ...noThread },
});
const boardRoute = defineRoute({
  method: 'get',
  path: '/board',
  tags,
  summary: 'The public board: published posts and public replies (default: the last four fiscal years)',
  access: 'public',
  request: { query: FeedbackBoardQuery },
  responses: { 200: ok(z.array(FeedbackBoardPost)) },
});

/** Staff's side of feedback: no sign-in; the token and its receipt are the only credentials. */
export function publicFeedbackRoutes(deps: AppDeps) {
  const app = new KoeApi();
  // Posts wait for their batch; where timers cannot be trusted (Lambda) a request after the time writes it.
  app.use('*', async (_c, next) => {
    await next();
    await flushPostsIfDue(deps).catch(() => {});
  });
  // The code travels in the body (DESIGN §3, A7).
  app.openapi(key, async (c) => c.json(await feedbackKey(deps, c.req.valid('json').code)));
  app.openapi(keyInUrl, () => codeInUrl());
  app.openapi(redeem, async (c) => c.json(await redeemFeedbackCode(deps, c.req.valid('json'))));
  app.openapi(post, async (c) => {
    const { postId } = await createFeedbackPost(deps, c.req.valid('json'));
    // Accepted and held for the next shuffled batch (services/post-buffer.ts).
    return c.json({ postId, status: 'pending' }, 202);
  });
  app.openapi(thread, async (c) => {
    const { postId, receipt } = c.req.valid('json');
    return c.json(await readThread(deps, postId, receipt));
  });
  app.openapi(threadAdd, async (c) => {
    const { postId, receipt, body } = c.req.valid('json');
    return c.json(await addToThread(deps, postId, receipt, body), 201);
  });
  app.openapi(boardRoute, async (c) => c.json(await board(deps, c.req.valid('query'))));
  return app;
}

const admin = ['admin'] as const;
const readers = ['admin', 'analyst'] as const;
const noPost = errors({ 404: 'no such post' });

const posts = defineRoute({
  method: 'get',
  path: '/posts',
  tags,
  summary: 'Every post of a fiscal year with its triage, notes and replies (audited)',
  access: readers,
  request: { query: z.object({ fiscalYear: FiscalYearParam }) },
  responses: { 200: ok(z.array(FeedbackTriagePost)) },
});
const triage = defineRoute({
  method: 'patch',
  path: '/posts/{id}',
  tags,
  summary: 'Change a post’s triage: status, pillar, publication',
  access: admin,
  request: { params: IdParam, body: jsonRequest(FeedbackTriageUpdate) },
  responses: { 200: ok(FeedbackTriagePost), ...noPost },
});
const note = defineRoute({
  method: 'post',
  path: '/posts/{id}/notes',
  tags,
  summary: 'Add an internal note (never shown to staff)',
  access: admin,
  request: { params: IdParam, body: jsonRequest(FeedbackNoteCreate) },
  responses: { 201: ok(FeedbackTriagePost, 'added'), ...noPost },
});
const reply = defineRoute({
  method: 'post',
  path: '/posts/{id}/replies',
  tags,
  summary: 'Reply to a post: to its author only, or public on the board',
  access: admin,
  request: { params: IdParam, body: jsonRequest(FeedbackReplyCreate) },
  responses: { 201: ok(FeedbackTriagePost, 'added'), ...noPost },
});
const trend = defineRoute({
  method: 'get',
  path: '/indicators',
  tags,
  summary: 'Feedback counts by pillar, kind and fiscal year (audited)',
  access: readers,
  request: { query: IndicatorsQuery },
  responses: { 200: ok(FeedbackIndicators) },
});

/**
 * HR's side: triage, replies and indicators (the admin's and analyst's).
 * Every read of posts or indicators is audited. Codes are the custodian's
 * (routes/delivery.ts).
 */
export function feedbackRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  // Feedback codes are the custodian's: routes/delivery.ts (DESIGN §3, A5).
  app.openapi(posts, async (c) => {
    const { fiscalYear } = c.req.valid('query');
    const out = await triagePosts(deps, fiscalYear);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'feedback.posts_read',
      target: `FY${fiscalYear}`,
    });
    return c.json(out);
  });
  app.openapi(triage, async (c) =>
    c.json(await updateTriage(deps, c.req.valid('param').id, c.req.valid('json'))),
  );
  app.openapi(note, async (c) => {
    const { body } = c.req.valid('json');
    return c.json(await addNote(deps, c.req.valid('param').id, c.get('user').email, body), 201);
  });
  app.openapi(reply, async (c) => {
    const body = c.req.valid('json');
    return c.json(await addReply(deps, c.req.valid('param').id, body.body, body.public), 201);
  });
  app.openapi(trend, async (c) => {
    const { from, to } = c.req.valid('query');
    const out = await feedbackIndicators(deps, from, to);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'feedback.indicators_read',
      target: `FY${from}-FY${to}`,
    });
    return c.json(out);
  });
  return app;
}
