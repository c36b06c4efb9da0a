import { createApi } from '../api/app';
import type { AppDeps } from '../deps';
import { flushResponseCounts } from '../services/response-counts';
import { createAwsDeps } from './aws-deps';
import { httpHandler } from './http';
import { once } from './once';
import { count } from './observability';

/**
 * The respondents' function: the public campaign page, blind token issuing
 * and answer submission (`createApi(deps, ['public'])`). It never sees the
 * viewer's address or agent: they are dropped before the app runs.
 */
let deps: AppDeps | undefined;

export const handler = httpHandler(
  once(async () => {
    deps = await createAwsDeps('public');
    return createApi(deps, ['public']);
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
