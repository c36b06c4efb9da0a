import type { FiscalYearRange, Initiative, RelistedInitiative } from './schema';

/**
 * Helpers over a plan's rows that need no zod, so a browser page that reads a
 * plan (the HR console's dashboard, through query.ts) does not load the
 * schema library (docs/DESIGN.md §7: the console's first page ≤ 110 KB
 * gzipped JS). schema.ts re-exports them.
 */

/** True for a 再掲 row. */
export function isRelisting(row: Initiative): row is RelistedInitiative {
  return 'refersTo' in row && row.refersTo !== undefined;
}

/** The fiscal years a range covers, in order. */
export function yearsOf(range: FiscalYearRange): number[] {
  const years: number[] = [];
  for (let y = range.from; y <= range.to; y++) years.push(y);
  return years;
}
