import type { z } from 'zod';
import { Plan } from './schema';

/** One problem found in a plan or a plan source, with where it is. */
export interface PlanIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `initiatives[3].refersTo`, `tables[1].rows[5][4]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(plan)' : out;
}

/** One line per issue: `path: message`. */
export function formatIssues(issues: readonly PlanIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

/** A plan (or plan source) that does not hold together. `issues` says what and where. */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  readonly issues: readonly PlanIssue[];

  constructor(heading: string, issues: readonly PlanIssue[]) {
    super(`${heading}\n${formatIssues(issues)}`);
    this.issues = issues;
  }
}

/** Keeps what a report needs from zod's issues (nested union errors are already flat here). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): PlanIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

/**
 * Loads a plan from untrusted input (JSON, a hand-written object): checks every
 * field, then that ids are unique, every `refersTo` names an existing initiative
 * that is not itself a re-listing, every pillar used is one of the plan's, and
 * every initiative has a status for exactly the plan's fiscal years.
 * Throws `PlanError` listing every problem with its path.
 */
export function parsePlan(input: unknown): Plan {
  const result = Plan.safeParse(input);
  if (!result.success) throw new PlanError('invalid plan:', fromZodIssues(result.error.issues));
  return result.data;
}
