import { normalTwoSidedP } from './normal';
import { checkCount } from './wilson';

export interface TwoProportionResult {
  /** (p2 − p1) / SE under the pooled null; 0 when the test is degenerate. */
  readonly z: number;
  /** Two-sided p-value; 1 when the test is degenerate. */
  readonly p: number;
  readonly significant: boolean;
  /** p2 − p1 as a fraction; null when either group is empty. */
  readonly delta: number | null;
}

/**
 * Pooled two-proportion z-test of x1/n1 (e.g. last year) against x2/n2 (this year).
 * Degenerate cases (an empty group, or a pooled share of 0 or 1) give z = 0, p = 1, not significant.
 */
export function twoProportionZ(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level = 0.05,
): TwoProportionResult {
  checkCount(x1, n1);
  checkCount(x2, n2);
  if (n1 === 0 || n2 === 0) return { z: 0, p: 1, significant: false, delta: null };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const delta = p2 - p1;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, p: 1, significant: false, delta };
  const z = delta / se;
  const p = normalTwoSidedP(z);
  return { z, p, significant: p < level, delta };
}
