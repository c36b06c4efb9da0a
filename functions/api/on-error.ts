import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod';
import { CryptoInputError } from '../crypto/errors';
import { ConflictError, isUnavailable, NotFoundError, UnavailableError } from '../store/errors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeIssues } from '../../shared/api/issues';
import { DomainError, type ProblemKind } from '../services/errors';
import { HttpError } from './http-error';

export { describeIssues };

/** The one place a domain problem becomes an HTTP status. */
const STATUS: Record<ProblemKind, ContentfulStatusCode> = {
  invalid: 400,
  rejected: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  unavailable: 503,
  upstream: 502,
  internal: 500,
};

function body(code: string, message: string, extra?: Record<string, unknown>) {
  return { error: { code, message }, ...extra };
}

/**
 * Maps every error to the JSON error shape with a fitting status. Never a
 * stack trace; unexpected errors are logged by name only (no request data).
 */
export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(body(err.code, err.message, err.extra), err.status);
  }
  if (err instanceof DomainError) {
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
    return c.json(body(err.code, err.message, err.details), STATUS[err.kind]);
  }
  if (err instanceof CryptoInputError) return c.json(body(err.code, err.message), 400);
  if (err instanceof z.ZodError) return c.json(body('invalid_request', describeIssues(err)), 400);
  if (err instanceof NotFoundError) return c.json(body('not_found', err.message), 404);
  if (err instanceof ConflictError) return c.json(body(err.code, err.message), 409);
  if (err instanceof UnavailableError || isUnavailable(err)) {
    c.header('Retry-After', '1');
    return c.json(body('unavailable', 'the service is busy; please try again shortly'), 503);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    return c.json(body(code, err.message || 'bad request'), status);
  }
  console.error(JSON.stringify({ level: 'error', event: 'unhandled', name: err.name }));
  return c.json(body('internal', 'an unexpected error occurred'), 500);
}
