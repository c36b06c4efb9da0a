import { createApi } from '../api/app';
import { createAwsDeps } from './aws-deps';
import { once } from './once';
import { BootstrapCommand, type BootstrapResult, bootstrap } from './bootstrap';
import { type HttpApiEvent, type HttpApiResult, isHttpApiEvent, type LambdaContext } from './events';
import { httpHandler } from './http';
import { log } from './log';

/**
 * HR's function: sign-in, units, roster, campaigns, invitations,
 * participation, results and indicators (`createApi(deps, ['admin'])`). It has
 * no permission on the responses table. Invoked directly (not through the
 * API) it accepts one command: `bootstrap` (see bootstrap.ts).
 */
const deps = once(() => createAwsDeps('admin'));
const http = httpHandler(async () => createApi(await deps(), ['admin']), { forgetViewer: false });

export async function handler(event: HttpApiEvent, context: LambdaContext): Promise<HttpApiResult>;
export async function handler(event: BootstrapCommand, context: LambdaContext): Promise<BootstrapResult>;
export async function handler(
  event: unknown,
  context: LambdaContext,
): Promise<HttpApiResult | BootstrapResult> {
  if (isHttpApiEvent(event)) return http(event, context);
  const command = BootstrapCommand.safeParse(event);
  if (!command.success) {
    // The event is not echoed: it may hold a plan or an address.
    throw new Error('the admin function takes HTTP API requests or {"action":"bootstrap",…} only');
  }
  const result = await bootstrap(await deps(), command.data);
  log('info', 'bootstrap', { plan: result.plan, adminCreated: result.admin?.created });
  return result;
}
