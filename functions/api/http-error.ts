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

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);
