import type { Indicators, IndicatorValue } from '../api/results';
import type { PillarId } from '../plan/ids';
// The modules themselves, not the stats index: the console bundles this file.
import { benjaminiHochberg } from '../stats/benjamini-hochberg';
import { twoProportionZ } from '../stats/two-proportion-z';
import { welchT } from '../stats/welch-t';

/**
 * A construct's favourable share in one year, with what the year-over-year
 * test needs: `n` respondents of whom `x` (favourable × n, rounded) count as
 * favourable.
 */
export interface Proportion {
  kind?: 'proportion';
  favourable: number;
  n: number;
  x: number;
}

/**
 * A mean-type indicator in one year (a 0–10 answer, days, a mean score):
 * `n` respondents with this mean and sample sd. Its change is tested with
 * Welch's t, not the z-test of shares.
 */
export interface MeanMeasure {
  kind: 'mean';
  mean: number;
  sd: number;
  n: number;
}

/** What one indicator measures in one year: a share (z-test) or a mean (Welch's t). */
export type Measure = Proportion | MeanMeasure;

const isMean = (m: Measure): m is MeanMeasure => m.kind === 'mean';

/** The false discovery rate the dashboard's year-over-year flags control (Benjamini–Hochberg, DESIGN §5). */
export const FDR = 0.05;

/** The x of the z-test: favourable × n, rounded to whole respondents. */
export function favourableCount(favourable: number, n: number): number {
  return Math.round(favourable * n);
}

/**
 * The proportion of a published cell, or undefined when it has no value
 * (hidden, or nothing to score). `x` defaults to favourable × n, rounded.
 */
export function proportionOf(cell: {
  favourable: number | null;
  n: number | null;
  x?: number | null;
  suppressed?: boolean;
}): Proportion | undefined {
  if (cell.suppressed === true || cell.favourable === null || cell.n === null || cell.x === null) return;
  return { favourable: cell.favourable, n: cell.n, x: cell.x ?? favourableCount(cell.favourable, cell.n) };
}

type ScoredCell = Parameters<typeof proportionOf>[0] & { constructId: string };

/** construct id → proportion, for the cells that have a value. */
export function proportionsOf(cells: Iterable<ScoredCell>): Map<string, Proportion> {
  const out = new Map<string, Proportion>();
  for (const cell of cells) {
    const p = proportionOf(cell);
    if (p) out.set(cell.constructId, p);
  }
  return out;
}

/** A pillar's summary figure in one year (DESIGN §5), as published: hidden cells carry no numbers. */
export interface PillarYearFigure {
  value: number | null;
  ci: [number, number] | null;
  n: number | null;
  suppressed: boolean;
}

/** One fiscal year of results for indicators: its campaign and each construct's proportion. */
export interface IndicatorYear {
  campaignId: string | null;
  /** construct id → its measure (a proportion unless marked a mean); a construct without a value is absent. */
  proportions: ReadonlyMap<string, Measure>;
  /** pillar id → its summary figure; absent where none was computed (older results, a manager's subtree). */
  pillars?: ReadonlyMap<PillarId, PillarYearFigure>;
}

export interface IndicatorsInput {
  from: number;
  to: number;
  /** The pillars in their order. */
  pillarIds: readonly PillarId[];
  /** The constructs in their order, each under its pillar. */
  constructs: ReadonlyArray<{ constructId: string; pillarId: PillarId }>;
  /** The years with results, from `from − 1` (for the first change) to `to`. */
  years: ReadonlyMap<number, IndicatorYear>;
  targets: ReadonlyArray<{ constructId: string; fiscalYear: number; favourable: number }>;
}

/**
 * Each construct's favourable share (or mean) per fiscal year, grouped by
 * pillar, with the change from the previous year that has a value, the year
 * it is compared with, and its test (DESIGN §5): a share by the pooled
 * two-proportion z-test on respondents, a mean by Welch's t. The raw p of
 * every change is kept; `q` is its Benjamini–Hochberg adjusted value across
 * all the changes returned together, and `significant` is q ≤ FDR (0.05). A
 * year without a value is empty, not zero, and the change after it is taken
 * from the last year that has one (`comparedWith` then is not the year
 * before). Each pillar carries its summary figure per year.
 */
export function indicatorsOf(input: IndicatorsInput): Indicators {
  const { from, to } = input;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const target = new Map(input.targets.map((t) => [`${t.fiscalYear}#${t.constructId}`, t.favourable]));
  const tested: IndicatorValue[] = [];
  const pillars = input.pillarIds.map((pillarId) => ({
    pillarId,
    indicators: input.constructs
      .filter((c) => c.pillarId === pillarId)
      .map(({ constructId }) => {
        let previousYear = from - 1;
        let previous = input.years.get(previousYear)?.proportions.get(constructId);
        const values = years.map((fiscalYear): IndicatorValue => {
          const year = input.years.get(fiscalYear);
          const current = year?.proportions.get(constructId);
          const empty: IndicatorValue = {
            fiscalYear,
            campaignId: year?.campaignId ?? null,
            favourable: null,
            n: null,
            delta: null,
            comparedWith: null,
            test: null,
            p: null,
            q: null,
            significant: null,
            target: target.get(`${fiscalYear}#${constructId}`) ?? null,
          };
          if (!current) return empty;
          const value: IndicatorValue = {
            ...empty,
            favourable: isMean(current) ? null : current.favourable,
            ...(isMean(current) ? { mean: current.mean } : {}),
            n: current.n,
          };
          if (previous && isMean(previous) === isMean(current)) {
            Object.assign(value, yearOverYear(previous, current), { comparedWith: previousYear });
            tested.push(value);
          }
          previous = current;
          previousYear = fiscalYear;
          return value;
        });
        return { constructId, values };
      }),
    summary: years.map((fiscalYear) => {
      const year = input.years.get(fiscalYear);
      const figure = year?.pillars?.get(pillarId);
      return {
        fiscalYear,
        campaignId: year?.campaignId ?? null,
        value: figure?.value ?? null,
        ci: figure?.ci ?? null,
        n: figure?.n ?? null,
        suppressed: figure?.suppressed ?? false,
      };
    }),
  }));
  const q = benjaminiHochberg(tested.map((v) => v.p!));
  tested.forEach((v, i) => {
    v.q = q[i]!;
    v.significant = q[i]! <= FDR;
  });
  return { years, fdr: FDR, pillars };
}

/**
 * The change from one year's measure to the next and its raw two-sided p: a
 * share by the pooled two-proportion z-test, a mean by Welch's t (both as
 * earlier minus later). Significance is decided over all changes together
 * (`indicatorsOf`).
 */
export function yearOverYear(
  previous: Measure,
  current: Measure,
): { delta: number; test: 'z' | 'welch'; p: number } {
  if (isMean(previous) && isMean(current)) {
    return { delta: current.mean - previous.mean, test: 'welch', p: welchT(previous, current).p };
  }
  if (isMean(previous) || isMean(current)) throw new TypeError('a mean and a share cannot be compared');
  return {
    delta: current.favourable - previous.favourable,
    test: 'z',
    p: twoProportionZ(previous.x, previous.n, current.x, current.n).p,
  };
}
