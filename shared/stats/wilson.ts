import { normalQuantile } from './normal';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998 method 3), as fractions.
 * `confidence` is two-sided (0.95 → z = 1.959964…). Null when n = 0.
 */
export function wilson(successes: number, n: number, confidence = 0.95): Interval | null {
  checkCount(successes, n);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (n === 0) return null;
  const z = zFor(confidence);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // For 0 < x < n the bounds lie strictly inside (0, 1) and around p̂; at x = 0 or x = n the formula
  // gives 0 or 1 only up to rounding, so those ends are set exactly.
  return {
    lower: successes === 0 ? 0 : centre - half,
    upper: successes === n ? 1 : centre + half,
  };
}

/** Two-sided normal quantiles by confidence; results ask for the same one for every cell. */
const zs = new Map<number, number>();
function zFor(confidence: number): number {
  let z = zs.get(confidence);
  if (z === undefined) {
    z = normalQuantile(1 - (1 - confidence) / 2);
    if (zs.size < 64) zs.set(confidence, z);
  }
  return z;
}

export function checkCount(successes: number, n: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`need integers 0 ≤ successes ≤ n, got ${successes}/${n}`);
  }
}
