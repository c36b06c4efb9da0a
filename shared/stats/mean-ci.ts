import { Moments, type MomentsSummary } from './moments';
import { studentTQuantile } from './student-t';

/** A mean with its Student t interval. `sd`, `lower` and `upper` are null when n < 2. */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number;
  readonly sd: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Mean with a two-sided t interval, mean ± t_{(1+confidence)/2, n−1} · sd/√n. Takes the values,
 * a `Moments` accumulator or stored sufficient statistics {n, sum, sumSq}. Null when n = 0.
 */
export function meanCI(data: readonly number[] | MomentsSummary, confidence = 0.95): MeanInterval | null {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const m = toMoments(data);
  const { n, mean, sd } = m;
  if (mean === null) return null;
  if (sd === null) return { n, mean, sd: null, lower: null, upper: null };
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, lower: mean - half, upper: mean + half };
}

function toMoments(data: readonly number[] | MomentsSummary): Moments {
  if (data instanceof Moments) return data;
  if (Array.isArray(data)) return Moments.of(data);
  return Moments.fromSummary(data as MomentsSummary);
}
