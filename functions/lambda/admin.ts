import type { Hono } from 'hono';
import { createApi } from '../api/app';
import { behindOrigin } from '../api/middleware/origin-verify';
import { createAwsDeps, type LambdaSettings, lambdaSettings } from './aws-deps';
import { once } from './once';
import { BootstrapCommand, type BootstrapResult, bootstrap } from './bootstrap';
import { type HttpApiEvent, type HttpApiResult, isHttpApiEvent, type LambdaContext } from './events';
import { httpHandler } from './http';
import { logger, publishMetrics } from './observability';
import { originSecretFrom } from './origin-secret';
import { readSessionSecret } from './session-secret';

/**
 * HR's function: sign-in, units, roster, campaigns, invitations,
 * participation, results and indicators (`createApi(deps, ['admin'])`). It has
 * no permission on the responses table. Invoked directly (not through the
 * API) it accepts one command: `bootstrap` (see bootstrap.ts).
 */
const deps = once(() => createAwsDeps('admin', { sessionSecret: (arn) => readSessionSecret(arn) }));

/**
 * The app, made again when the session secret has been rotated: the secret
 * is read through the Powertools cache on each request (a Secrets Manager
 * call at most every few minutes, session-secret.ts).
 */
let made: { secret: string; app: Hono } | undefined;
const originSecret = originSecretFrom();
let settings: LambdaSettings | undefined;
async function app(): Promise<Hono> {
  const base = await deps();
  settings ??= lambdaSettings('admin');
  const arn = settings.KOE_JWT_SECRET === undefined ? settings.KOE_JWT_SECRET_ARN : undefined;
  const secret = arn ? await readSessionSecret(arn) : base.config.jwtSecret;
  if (made?.secret !== secret) {
    if (made) logger.info('session_secret_rotated');
    // Read once before serving: no origin secret, no app (503), never an open door.
    await originSecret();
    const api = createApi({ ...base, config: { ...base.config, jwtSecret: secret } }, ['admin']);
    made = { secret, app: behindOrigin(api, originSecret) };
  }
  return made.app;
}
const http = httpHandler(app, { forgetViewer: false });

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
  if (context) logger.addContext(context);
  const result = await bootstrap(await deps(), command.data);
  logger.info('bootstrap', { plan: result.plan, adminCreated: result.admin?.created });
  publishMetrics();
  return result;
}
