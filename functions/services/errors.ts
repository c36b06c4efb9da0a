/**
 * What a service says went wrong, in the domain's words. Services throw
 * these; `functions/api/on-error.ts` alone turns them into HTTP statuses, and
 * the scheduler and scripts read `kind` without knowing HTTP.
 */
export type ProblemKind =
  /** The request is malformed or names something that does not exist as an input (400). */
  | 'invalid'
  /** Well-formed, but the content breaks a rule (422): e.g. bad roster lines. */
  | 'rejected'
  /** Credentials or a signature are wrong (401). */
  | 'unauthenticated'
  /** Signed in, but this role may not do it (403). */
  | 'forbidden'
  | 'not_found'
  /** The thing is in a state that does not allow this now (409). */
  | 'conflict'
  /** Too many attempts; retry after `retryAfterSeconds` (429). */
  | 'throttled'
  /** A part koe needs is not set up or not reachable (503). */
  | 'unavailable'
  /** A service koe relies on (e.g. the mail relay) failed part-way (502). */
  | 'upstream'
  /** koe's own data is inconsistent (500). */
  | 'internal';

export class DomainError extends Error {
  constructor(
    readonly kind: ProblemKind,
    /** A stable, machine-readable code, e.g. `campaign_not_open`. */
    readonly code: string,
    message: string,
    /** Extra facts for the caller beside the message (e.g. the bad lines of a roster). */
    readonly details?: Record<string, unknown>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} was not found`);
