import { createApi } from '../api/app';
import { behindOrigin } from '../api/middleware/origin-verify';
import { createAwsDeps } from './aws-deps';
import { once } from './once';
import { BootstrapCommand, type BootstrapResult, bootstrap } from './bootstrap';
import { type HttpApiEvent, type HttpApiResult, isHttpApiEvent, type LambdaContext } from './events';
import { httpHandler } from './http';
import { log } from './log';
import { originSecretFrom } from './origin-secret';

/**
 * HR's function: sign-in, units, roster, campaigns, invitations,
 * participation, results and indicators (`createApi(deps, ['admin'])`). It has
 * no permission on the responses table. Invoked directly (not through the
 * API) it accepts one command: `bootstrap` (see bootstrap.ts).
 */
const deps = once(() => createAwsDeps('admin'));
const originSecret = originSecretFrom();
const http = httpHandler(
  async () => {
    const app = createApi(await deps(), ['admin']);
    // Read once before serving: no secret, no app (503), never an open door.
    await originSecret();
    return behindOrigin(app, originSecret);
  },
  { forgetViewer: false },
);

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
