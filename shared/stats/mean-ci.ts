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
  const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, lower: mean - half, upper: mean + half };
}

function toMoments(data: readonly number[] | MomentsSummary): Moments {
  if (data instanceof Moments) return data;
  if (Array.isArray(data)) return Moments.of(data);
  return Moments.fromSummary(data as MomentsSummary);
}

/**
 * Student t quantiles already worked out, by probability then degrees of
 * freedom: the results of one campaign ask for tens of thousands of intervals
 * over a few hundred distinct group sizes, and each quantile is an iterative
 * solve. Bounded, so a long-lived process cannot grow it without limit.
 */
const tQuantiles = new Map<number, Map<number, number>>();
const T_QUANTILES_PER_P = 100_000;

function tQuantile(p: number, df: number): number {
  let byDf = tQuantiles.get(p);
  if (!byDf) {
    byDf = new Map();
    tQuantiles.set(p, byDf);
  }
  let t = byDf.get(df);
  if (t === undefined) {
    t = studentTQuantile(p, df);
    if (byDf.size < T_QUANTILES_PER_P) byDf.set(df, t);
  }
  return t;
}
