import { Moments, type MomentsSummary } from './moments';
import { studentTTwoSidedP } from './student-t';

/** A group described by n, mean and sample sd (divisor n − 1). */
export interface MeanSd {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/** A group as {n, mean, sd}, as sufficient statistics {n, sum, sumSq}, or as a `Moments` accumulator. */
export type GroupSummary = MeanSd | MomentsSummary;

export interface WelchResult {
  /** (mean2 − mean1) / √(s1²/n1 + s2²/n2); 0 when the test is degenerate. */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom; 0 when the test is degenerate. */
  readonly df: number;
  /** Two-sided p-value; 1 when the test is degenerate. */
  readonly p: number;
  readonly significant: boolean;
  /** mean2 − mean1; null when either group is empty. */
  readonly delta: number | null;
}

/**
 * Welch's unequal-variance t-test of group 1 (e.g. last year) against group 2 (this year).
 * Degenerate cases (a group with n < 2, or both variances zero) give t = 0, df = 0, p = 1, not significant.
 */
export function welchT(group1: GroupSummary, group2: GroupSummary, level = 0.05): WelchResult {
  const a = describe(group1);
  const b = describe(group2);
  const delta = a.n > 0 && b.n > 0 ? b.mean - a.mean : null;
  const degenerate = { t: 0, df: 0, p: 1, significant: false, delta };
  if (a.n < 2 || b.n < 2) return degenerate;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (!(se2 > 0) || delta === null) return degenerate;
  const t = delta / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = studentTTwoSidedP(t, df);
  return { t, df, p, significant: p < level, delta };
}

function describe(g: GroupSummary): { n: number; mean: number; variance: number } {
  if (g instanceof Moments || !('sd' in g)) {
    const m = g instanceof Moments ? g : Moments.fromSummary(g);
    return { n: m.n, mean: m.mean ?? 0, variance: m.variance ?? 0 };
  }
  if (!Number.isInteger(g.n) || g.n < 0) throw new RangeError(`group n must be an integer ≥ 0, got ${g.n}`);
  if (!Number.isFinite(g.mean) || !Number.isFinite(g.sd) || g.sd < 0) {
    throw new RangeError('group mean and sd must be finite, sd ≥ 0');
  }
  return { n: g.n, mean: g.mean, variance: g.sd * g.sd };
}
