import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as z from 'zod';
import { CryptoInputError } from '../crypto/errors';
import { ConflictError, isUnavailable, NotFoundError, UnavailableError } from '../store/errors';
import { HttpError } from './http-error';

/** Describes zod issues in one line: `answers.q1: Too big`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

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
