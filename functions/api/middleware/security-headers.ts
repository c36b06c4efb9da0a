import type { MiddlewareHandler } from 'hono';
import { edgeCachedRead } from '../edge-cache';

/**
 * Security headers on every response. The API never needs to be framed or
 * sniffed, and is never cached except the anonymous reads of
 * functions/api/edge-cache.ts (successful GETs only); the web app's pages get
 * a strict CSP.
 */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (!h.has('Content-Security-Policy')) {
      h.set(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "font-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
    }
    if (c.req.path.startsWith('/api/')) {
      const cached = c.res.status === 200 ? edgeCachedRead(c.req.method, c.req.path) : undefined;
      h.set('Cache-Control', cached ? `public, max-age=${cached.maxAgeSeconds}` : 'no-store');
    }
  };
}
