import { createApi } from '../api/app';
import { createAwsDeps } from './aws-deps';
import { httpHandler } from './http';

/**
 * The respondents' function: the public campaign page, blind token issuing
 * and answer submission (`createApi(deps, ['public'])`). It never sees the
 * viewer's address or agent: they are dropped before the app runs.
 */
export const handler = httpHandler(async () => createApi(await createAwsDeps('public'), ['public']), {
  forgetViewer: true,
});
