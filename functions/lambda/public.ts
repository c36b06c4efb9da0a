import { createApi } from '../api/app';
import { behindOrigin } from '../api/middleware/origin-verify';
import type { AppDeps } from '../deps';
import { flushResponseCounts } from '../services/response-counts';
import { createAwsDeps } from './aws-deps';
import { httpHandler } from './http';
import { count } from './observability';
import { once } from './once';
import { originSecretFrom } from './origin-secret';

/**
 * The respondents' function: the public campaign page, blind token issuing
 * and answer submission (`createApi(deps, ['public'])`). It never sees the
 * viewer's address or agent: they are dropped before the app runs.
 */
let deps: AppDeps | undefined;
const originSecret = originSecretFrom();

export const handler = httpHandler(
  once(async () => {
    deps = await createAwsDeps('public');
    // Read once before serving: no secret, no app (503), never an open door.
    await originSecret();
    return behindOrigin(createApi(deps, ['public']), originSecret);
  }),
  {
    forgetViewer: true,
    // Counts of acts, never who acted: an accepted answer, a blind signature issued, a post.
    countRequest: (method, path, status) => {
      if (method !== 'POST' || status < 200 || status >= 300) return;
      if (path === '/api/public/responses') count('Submissions');
      else if (path === '/api/public/tokens') count('TokensIssued');
      else if (path === '/api/public/feedback/posts') count('FeedbackPosts');
    },
    // Participation counts are batched in memory; a frozen instance must not hold them.
    afterRequest: async () => {
      if (deps) await flushResponseCounts(deps.store);
    },
  },
);
