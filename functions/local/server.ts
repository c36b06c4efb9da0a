import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { securityHeaders } from '../api/middleware/security-headers';
import { type DemoStatus, demoStatusRoutes } from './demo-status';

/** The kinds of file the web build also holds as `.br` and `.gz` (web/vite.config.ts). */
const PRECOMPRESSED = /^(?:text\/html|text\/css|text\/javascript|application\/javascript|image\/svg\+xml)\b/;

/**
 * Precompressed files: the brotli or gzip copy the build wrote beside a file
 * when the browser accepts it (serveStatic's `precompressed`, brotli first),
 * the plain file otherwise. Either way the answer varies with
 * Accept-Encoding, so a cache never gives brotli to a browser that did not
 * ask for it. The copies themselves are not addressable, as on AWS, where
 * they are not deployed (infra/constructs/web.ts).
 */
function precompressed(): MiddlewareHandler {
  return async (c, next) => {
    if (/\.(?:br|gz)$/.test(c.req.path)) return c.notFound();
    await next();
    if (c.res.ok && PRECOMPRESSED.test(c.res.headers.get('Content-Type') ?? '')) {
      c.res.headers.set('Vary', 'Accept-Encoding');
    }
  };
}

/**
 * The local front door: the API plus the built web app (respondent pages at
 * /answer/, the HR console at /console/) from one origin, as CloudFront
 * serves them on AWS.
 */
export function localFrontDoor(
  api: Hono,
  webDir: string,
  options: { secure: boolean; demo?: DemoStatus },
): Hono {
  const app = new Hono();
  app.use('*', securityHeaders({ hsts: options.secure }));
  // Where the demo seed is, for the console (local only: AWS has no demo).
  if (options.demo) app.route('/api/local', demoStatusRoutes(options.demo));
  app.route('/', api);
  const root = path.relative(process.cwd(), webDir) || '.';
  if (existsSync(webDir)) {
    app.get('/', (c) => c.redirect('/console/'));
    app.get('/answer', (c) => c.redirect('/answer/'));
    app.get('/feedback', (c) => c.redirect('/feedback/'));
    app.get('/console', (c) => c.redirect('/console/'));
    for (const prefix of ['/assets/*', '/answer/*', '/feedback/*', '/console/*']) {
      app.use(prefix, precompressed(), serveStatic({ root, precompressed: true }));
    }
    // Client-side routes of the console fall back to its page.
    app.get('/console/*', serveStatic({ root, path: 'console/index.html', precompressed: true }));
  }
  return app;
}
