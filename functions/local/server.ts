import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { securityHeaders } from '../api/middleware/security-headers';

/**
 * The local front door: the API plus the built web app (respondent pages at
 * /answer/, the HR console at /console/) from one origin, as CloudFront
 * serves them on AWS.
 */
export function localFrontDoor(api: Hono, webDir: string, options: { secure: boolean }): Hono {
  const app = new Hono();
  app.use('*', securityHeaders({ hsts: options.secure }));
  app.route('/', api);
  const root = path.relative(process.cwd(), webDir) || '.';
  if (existsSync(webDir)) {
    app.get('/', (c) => c.redirect('/console/'));
    app.get('/answer', (c) => c.redirect('/answer/'));
    app.get('/feedback', (c) => c.redirect('/feedback/'));
    app.get('/console', (c) => c.redirect('/console/'));
    app.use('/assets/*', serveStatic({ root }));
    app.use('/answer/*', serveStatic({ root }));
    app.use('/feedback/*', serveStatic({ root }));
    app.use('/console/*', serveStatic({ root }));
    // Client-side routes of the console fall back to its page.
    app.get('/console/*', serveStatic({ root, path: 'console/index.html' }));
  }
  return app;
}
