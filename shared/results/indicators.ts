import type { Indicators, IndicatorValue } from '../api/results';
import type { PillarId } from '../plan/ids';
// The module itself, not the stats index: the console bundles this file.
import { twoProportionZ } from '../stats/two-proportion-z';

/**
 * A construct's favourable share in one year, with what the year-over-year
 * test needs: `n` respondents of whom `x` (favourable × n, rounded) count as
 * favourable.
 */
export interface Proportion {
  favourable: number;
  n: number;
  x: number;
}

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

/** One fiscal year of results for indicators: its campaign and each construct's proportion. */
export interface IndicatorYear {
  campaignId: string | null;
  /** construct id → proportion; a construct without a value is absent. */
  proportions: ReadonlyMap<string, Proportion>;
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
 * Each construct's favourable share per fiscal year, grouped by pillar, with
 * the change from the previous year that has a value and its significance
 * (pooled two-proportion z-test on respondents, DESIGN §5). A year without a
 * value is empty, not zero, and the change after it is taken from the last
 * year that has one.
 */
export function indicatorsOf(input: IndicatorsInput): Indicators {
  const { from, to } = input;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const target = new Map(input.targets.map((t) => [`${t.fiscalYear}#${t.constructId}`, t.favourable]));
  const pillars = input.pillarIds.map((pillarId) => ({
    pillarId,
    indicators: input.constructs
      .filter((c) => c.pillarId === pillarId)
      .map(({ constructId }) => {
        let previous = input.years.get(from - 1)?.proportions.get(constructId);
        const values = years.map((fiscalYear): IndicatorValue => {
          const year = input.years.get(fiscalYear);
          const current = year?.proportions.get(constructId);
          const empty = {
            fiscalYear,
            campaignId: year?.campaignId ?? null,
            favourable: null,
            n: null,
            delta: null,
            significant: null,
            target: target.get(`${fiscalYear}#${constructId}`) ?? null,
          };
          if (!current) return empty;
          const change = previous ? yearOverYear(previous, current) : { delta: null, significant: null };
          previous = current;
          return { ...empty, favourable: current.favourable, n: current.n, ...change };
        });
        return { constructId, values };
      }),
  }));
  return { years, pillars };
}

/** The change from one year's proportion to the next and whether it is significant at 95%. */
export function yearOverYear(
  previous: Proportion,
  current: Proportion,
): { delta: number; significant: boolean } {
  return {
    delta: current.favourable - previous.favourable,
    significant: twoProportionZ(previous.x, previous.n, current.x, current.n).significant,
  };
}
