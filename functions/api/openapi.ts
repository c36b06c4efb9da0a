import * as z from 'zod';
import { SESSION_COOKIE } from './middleware/auth';
import { defineRoute, KoeApi, ok } from './route-kit';
import { renderDocs } from './docs-page';

/** The session schemes every signed-in route names as its security (route-kit.ts SECURITY). */
export function registerSecuritySchemes(app: KoeApi): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie set by POST /api/auth/login (HttpOnly). Unsafe methods must echo the koe_csrf cookie in the X-CSRF-Token header (403 csrf otherwise).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token POST /api/auth/login returns, as Authorization: Bearer <token> (no CSRF check).',
  });
}

/** The OpenAPI 3.1 document of an app, generated from its routes' own definitions. */
export function openApiDocument(app: KoeApi): Record<string, unknown> {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'koe API',
      version: '1',
      description:
        '声 koe: anonymous staff surveys. Errors are {"error":{"code","message"}}; binary values are base64url without padding. Each operation lists who may call it in x-koe-access.',
    },
  }) as unknown as Record<string, unknown>;
}

const documentRoute = defineRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['meta'],
  summary: 'This OpenAPI 3.1 document (public and admin parts)',
  access: 'public',
  responses: { 200: ok(z.record(z.string(), z.unknown())) },
});
const docsRoute = defineRoute({
  method: 'get',
  path: '/docs',
  tags: ['meta'],
  summary: 'The API reference as a page (Japanese and English), rendered from the document',
  access: 'public',
  responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
});

/**
 * `/api/openapi.json` and `/api/docs`. `document` builds the whole API's
 * document when first asked (a function serving one part still describes both).
 */
export function documentRoutes(document: () => Record<string, unknown>) {
  const app = new KoeApi();
  let page: string | undefined;
  app.openapi(documentRoute, (c) => c.json(document()));
  app.openapi(docsRoute, (c) => {
    page ??= renderDocs(document());
    return c.html(page);
  });
  return app;
}
