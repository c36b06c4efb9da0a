import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error with an HTTP status and a stable code, rendered as DESIGN §6's error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra top-level fields beside `error` (e.g. the bad lines of a roster). */
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new HttpError(400, code, message, extra);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const forbidden = (message = 'you may not do this') => new HttpError(403, 'forbidden', message);
