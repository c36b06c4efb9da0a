import { Hono } from 'hono';
import {
  FeedbackBoardQuery,
  FeedbackKeyRequest,
  FeedbackNoteCreate,
  FeedbackPostCreate,
  FeedbackRedeem,
  FeedbackReplyCreate,
  FeedbackThreadAdd,
  FeedbackThreadRead,
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
import { type AuthEnv, requireRole } from '../middleware/auth';
import { jsonBody, parseWith } from '../validate';
import { codeInUrl } from './public';

/** Staff's side of feedback: no sign-in; the token and its receipt are the only credentials. */
export function publicFeedbackRoutes(deps: AppDeps) {
  const app = new Hono();
  // Posts wait for their batch; where timers cannot be trusted (Lambda) a request after the time writes it.
  app.use('*', async (_c, next) => {
    await next();
    await flushPostsIfDue(deps).catch(() => {});
  });
  // The code travels in the body (DESIGN §3, A7).
  app.post('/key', async (c) =>
    c.json(await feedbackKey(deps, (await jsonBody(c, FeedbackKeyRequest)).code)),
  );
  app.get('/key', () => codeInUrl());
  app.post('/redeem', async (c) => c.json(await redeemFeedbackCode(deps, await jsonBody(c, FeedbackRedeem))));
  app.post('/posts', async (c) => {
    const { postId } = await createFeedbackPost(deps, await jsonBody(c, FeedbackPostCreate));
    // Accepted and held for the next shuffled batch (services/post-buffer.ts).
    return c.json({ postId, status: 'pending' }, 202);
  });
  app.post('/thread', async (c) => {
    const { postId, receipt } = await jsonBody(c, FeedbackThreadRead);
    return c.json(await readThread(deps, postId, receipt));
  });
  app.post('/thread/messages', async (c) => {
    const { postId, receipt, body } = await jsonBody(c, FeedbackThreadAdd);
    return c.json(await addToThread(deps, postId, receipt, body), 201);
  });
  app.get('/board', async (c) => c.json(await board(deps, parseWith(FeedbackBoardQuery, c.req.query()))));
  return app;
}

/**
 * HR's side: triage, replies and indicators (the admin's and analyst's).
 * Every read of posts or indicators is audited. Codes are the custodian's
 * (routes/delivery.ts).
 */
export function feedbackRoutes(deps: AppDeps) {
  const app = new Hono<AuthEnv>();
  const admin = requireRole('admin');
  const readers = requireRole('admin', 'analyst');

  // Feedback codes are the custodian's: routes/delivery.ts (DESIGN §3, A5).
  app.get('/posts', readers, async (c) => {
    const fiscalYear = parseWith(FiscalYearParam, c.req.query('fiscalYear'));
    const posts = await triagePosts(deps, fiscalYear);
    await recordAudit(deps, {
      actor: c.get('user').email,
      action: 'feedback.posts_read',
      target: `FY${fiscalYear}`,
    });
    return c.json(posts);
  });
  app.patch('/posts/:id', admin, async (c) =>
    c.json(await updateTriage(deps, c.req.param('id'), await jsonBody(c, FeedbackTriageUpdate))),
  );
  app.post('/posts/:id/notes', admin, async (c) => {
    const { body } = await jsonBody(c, FeedbackNoteCreate);
    return c.json(await addNote(deps, c.req.param('id'), c.get('user').email, body), 201);
  });
  app.post('/posts/:id/replies', admin, async (c) => {
    const reply = await jsonBody(c, FeedbackReplyCreate);
    return c.json(await addReply(deps, c.req.param('id'), reply.body, reply.public), 201);
  });
  app.get('/indicators', readers, async (c) => {
    const { from, to } = parseWith(IndicatorsQuery, c.req.query());
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
