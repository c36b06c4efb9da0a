import { alphaFromVariances, Moments, meanCI, wilson } from '../stats';
import type { ConstructTotals } from './accumulator';
import type { CompiledConstruct } from './compile';

/** A construct cell's figures (DESIGN §5); eNPS only for an eNPS construct, α only overall. */
export type ConstructScores = {
  favourable: number | null;
  favourableCi: [number, number] | null;
  mean: number | null;
  meanCi: [number, number] | null;
  enps?: number | null;
  alpha?: number | null;
};

/** Cronbach's α from a construct's sums (ResponseTally.alphaSums); null when n < 2. */
export function alphaOf(sums: Float64Array, k: number): number | null {
  const n = sums[2 * k + 2]!;
  if (n < 2) return null;
  const variance = (sum: number, sumSq: number) => (sumSq - (sum * sum) / n) / (n - 1);
  const items = Array.from({ length: k }, (_, i) => variance(sums[i]!, sums[k + i]!));
  return alphaFromVariances(items, variance(sums[2 * k]!, sums[2 * k + 1]!));
}

/**
 * One construct's figures in one group: favourable share of the scored
 * answers with its Wilson interval on respondents, the mean of respondents'
 * mean scores with its t interval, eNPS, and (overall) α. Defined for any
 * totals (null where there is nothing to score); whether they are published
 * is the disclosure engine's decision. α only with `alphaSums` (overall).
 */
export function scoreConstruct(
  c: CompiledConstruct,
  t: ConstructTotals,
  alphaSums: Float64Array | undefined,
): ConstructScores {
  const favourable = t.answers > 0 ? t.favourable / t.answers : null;
  const respondents = t.answers > 0 ? t.n : 0;
  const ci = favourable === null ? null : wilson(Math.round(favourable * respondents), respondents);
  const mean = meanCI(Moments.fromSummary({ n: respondents, sum: t.sum, sumSq: t.sumSq }));
  const scores: ConstructScores = {
    favourable,
    favourableCi: ci ? [ci.lower, ci.upper] : null,
    mean: mean?.mean ?? null,
    meanCi: mean && mean.lower !== null && mean.upper !== null ? [mean.lower, mean.upper] : null,
  };
  if (c.construct.indicator === 'enps')
    scores.enps = t.npsN > 0 ? (t.promoters - t.detractors) / t.npsN : null;
  if (alphaSums) scores.alpha = alphaOf(alphaSums, c.scored.length);
  return scores;
}

/** A scored item's favourable share and the share of each answer 1–5 (as asked, not recoded). */
export function scoreItem(counts: readonly number[], reverse: boolean, n: number) {
  const fav = reverse ? counts[0]! + counts[1]! : counts[3]! + counts[4]!;
  return { favourable: fav / n, distribution: counts.map((x) => x / n) };
}
