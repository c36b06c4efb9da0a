import { logGamma, regularizedBeta } from './special';

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/** Upper tail P(T > t) of Student's t for t ≥ 0 (any real df > 0). */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  // P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2); pass 1 − x = t²/(df+t²) exactly.
  return 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** Cumulative distribution function P(T ≤ t) of Student's t with `df` degrees of freedom (df > 0, real). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

/** Two-sided p-value P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? Number.NaN : 0;
  return Math.min(1, 2 * upperTail(Math.abs(t), df));
}

/** Density of Student's t. */
export function studentTPdf(t: number, df: number): number {
  checkDf(df);
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile (inverse CDF) of Student's t: the t with P(T ≤ t) = p, for 0 < p < 1 and df > 0.
 * Closed forms for df = 1 and 2; otherwise Newton's method on the upper tail, safeguarded by
 * bisection inside a bracket, to full double precision.
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile needs 0 ≤ p ≤ 1, got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));

  const target = 1 - p; // upper-tail probability, < 0.5
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > target) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Number.POSITIVE_INFINITY;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = upperTail(t, df) - target; // decreasing in t
    if (f === 0) return t;
    if (f > 0) lo = t;
    else hi = t;
    const newton = t + f / studentTPdf(t, df);
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}
