import { bodyLimit } from './middleware/body-limit';
import type { AppDeps } from '../deps';
import { HttpError } from './http-error';
import { type AuthEnv, authenticate } from './middleware/auth';
import { accountOfSession } from '../services/accounts';
import { securityHeaders } from './middleware/security-headers';
import { onError } from './on-error';
import { retentionRoutes } from './routes/retention';
import { actionRoutes, publicActionRoutes } from './routes/actions';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { backupRoutes } from './routes/backups';
import { campaignRoutes } from './routes/campaigns';
import { customQuestionRoutes } from './routes/custom-questions';
import { feedbackDeliveryRoutes, invitationDeliveryRoutes } from './routes/delivery';
import { feedbackRoutes, publicFeedbackRoutes } from './routes/feedback';
import { harassmentRoutes } from './routes/harassment';
import { insightRoutes } from './routes/insights';
import { workstyleRoutes } from './routes/workstyle';
import { organisationRoutes } from './routes/organisation';
import { publicRoutes } from './routes/public';
import { reportRoutes } from './routes/reports';
import { rosterRoutes } from './routes/roster';
import { templateRoutes } from './routes/templates';
import { documentRoutes, openApiDocument, registerSecuritySchemes } from './openapi';
import { defineRoute, KoeApi, ok } from './route-kit';
import * as z from 'zod';

/** Longest path segment (e.g. an id) the API reads; DynamoDB refuses sort keys over 1,024 bytes. */
const MAX_PATH_SEGMENT_BYTES = 200;

const health = defineRoute({
  method: 'get',
  path: '/api/health',
  tags: ['meta'],
  summary: 'Liveness',
  access: 'public',
  responses: { 200: ok(z.strictObject({ ok: z.literal(true) })) },
});

/** Which parts of the API an app serves: all locally; split by function on AWS. */
export type ApiPart = 'public' | 'admin';

/**
 * The koe API as one Hono app. On AWS the public part (tokens, responses) and
 * the admin part run as separate functions with separate permissions.
 */
export function createApi(deps: AppDeps, parts: ApiPart[] = ['public', 'admin']): KoeApi {
  const app = new KoeApi();
  const session = { jwtSecret: deps.config.jwtSecret, ttlSeconds: deps.config.sessionTtlSeconds };
  const tooLarge = () => {
    throw new HttpError(413, 'payload_too_large', 'the request body is too large');
  };

  app.onError(onError);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));
  app.use('*', securityHeaders({ hsts: deps.config.secure }));
  app.use('/api/staff/import', bodyLimit({ maxSize: deps.config.maxCsvBytes, onError: tooLarge }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/staff/import') return next();
    // A local roster upload's PUT: the upload store counts its bytes against its own limit.
    if (c.req.method === 'PUT' && /^\/api\/roster\/uploads\/[^/]+$/.test(c.req.path)) return next();
    return bodyLimit({ maxSize: deps.config.maxJsonBytes, onError: tooLarge })(c, next);
  });

  // No id koe issues is anywhere near this long, and a longer one would reach
  // DynamoDB as a key it refuses (a 500): answer 404 before any handler runs.
  app.use('/api/*', async (c, next) => {
    for (const segment of c.req.path.split('/')) {
      if (Buffer.byteLength(segment) > MAX_PATH_SEGMENT_BYTES) {
        throw new HttpError(404, 'not_found', 'no such route or resource');
      }
    }
    return next();
  });

  app.openapi(health, (c) => c.json({ ok: true }));
  // Every route describes itself (route-kit.ts); the document covers both parts wherever it is asked for.
  registerSecuritySchemes(app);
  let document: Record<string, unknown> | undefined;
  const documentOf = () => {
    document ??= openApiDocument(parts.includes('public') && parts.includes('admin') ? app : createApi(deps));
    return document;
  };
  app.route('/api', documentRoutes(documentOf));

  if (parts.includes('public')) {
    app.route('/api/public/feedback', publicFeedbackRoutes(deps));
    app.route('/api/public/actions', publicActionRoutes(deps));
    app.route('/api/public', publicRoutes(deps));
  }

  if (parts.includes('admin')) {
    app.route('/api/auth', authRoutes(deps));
    const admin = new KoeApi<AuthEnv>();
    admin.use('*', authenticate(session, { getUser: (email) => accountOfSession(deps, email) }));
    admin.route('/', organisationRoutes(deps));
    admin.route('/', rosterRoutes(deps));
    admin.route('/templates', templateRoutes(deps));
    admin.route('/campaigns', campaignRoutes(deps));
    admin.route('/campaigns', customQuestionRoutes(deps));
    admin.route('/campaigns', invitationDeliveryRoutes(deps));
    admin.route('/feedback', feedbackRoutes(deps));
    admin.route('/feedback', feedbackDeliveryRoutes(deps));
    admin.route('/', insightRoutes(deps));
    admin.route('/', actionRoutes(deps));
    admin.route('/', reportRoutes(deps));
    admin.route('/', workstyleRoutes(deps));
    admin.route('/', harassmentRoutes(deps));
    admin.route('/audit', auditRoutes(deps));
    admin.route('/settings/retention', retentionRoutes(deps));
    admin.route('/backups', backupRoutes(deps));
    app.route('/api', admin);
  }
  return app;
}
