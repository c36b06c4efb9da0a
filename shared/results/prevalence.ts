import type { PrevalenceValue, PrevalenceWindow } from '../api/harassment';
import type { HarassmentKind } from '../instruments/constructs/harassment-experience';
import { DECLINE, HARASSMENT_KIND_IDS } from '../instruments/constructs/harassment-experience';
// The modules themselves, not the stats index: the console bundles this file.
import { benjaminiHochberg } from '../stats/benjamini-hochberg';
import { twoProportionZ } from '../stats/two-proportion-z';
import { wilson } from '../stats/wilson';
import { FDR } from './indicators';

/**
 * Harassment prevalence (DESIGN §5): of those who answered a kind-of-harassment
 * question, not counting 答えたくない, the share who chose a kind — `x` of `n`.
 */
export interface PrevalenceCount {
  x: number;
  n: number;
}

/** The share and its Wilson 95% interval; null for n = 0. */
export function prevalence({ x, n }: PrevalenceCount): { share: number; ci: [number, number] } | null {
  const ci = wilson(x, n);
  return ci ? { share: x / n, ci: [ci.lower, ci.upper] } : null;
}

/** An item's distribution as results publish it (shares of those who answered; null when hidden). */
export interface PublishedDistribution {
  n: number | null;
  suppressed: boolean;
  options: ReadonlyArray<{ value: string; share: number | null }>;
}

/**
 * Each kind's count from a published distribution: x = share × n and the
 * declined likewise (rounded to whole respondents), n less the declined. None
 * when the distribution is hidden or the base falls below `minGroupSize`
 * (k_sensitive): a figure is never shown on fewer.
 */
export function prevalenceCounts(
  dist: PublishedDistribution | undefined,
  minGroupSize: number,
): Map<HarassmentKind, PrevalenceCount> | undefined {
  if (!dist || dist.suppressed || dist.n === null) return;
  const count = (value: string) => {
    const share = dist.options.find((o) => o.value === value)?.share;
    return share === null || share === undefined ? undefined : Math.round(share * dist.n!);
  };
  const n = dist.n - (count(DECLINE) ?? 0);
  if (n < minGroupSize) return;
  const out = new Map<HarassmentKind, PrevalenceCount>();
  for (const kind of HARASSMENT_KIND_IDS) {
    const x = count(kind);
    if (x !== undefined) out.set(kind, { x: Math.min(x, n), n });
  }
  return out;
}

/** One fiscal year: its campaign and each window's counts per kind (absent where not shown or not asked). */
export interface PrevalenceYear {
  campaignId: string | null;
  counts: Partial<Record<PrevalenceWindow, ReadonlyMap<HarassmentKind, PrevalenceCount>>>;
}

/**
 * Each kind's prevalence per fiscal year and window, with the change from the
 * last earlier year with a value (`comparedWith`), its raw two-sided p (pooled
 * two-proportion z-test on respondents) and its Benjamini–Hochberg q across
 * every change returned together; `significant` is q ≤ FDR. `years` may hold
 * `from − 1` for the first change.
 */
export function prevalenceTrend(input: {
  from: number;
  to: number;
  years: ReadonlyMap<number, PrevalenceYear>;
}): {
  years: number[];
  kinds: Array<{ kind: HarassmentKind; windows: Record<PrevalenceWindow, PrevalenceValue[]> }>;
} {
  const { from, to } = input;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const tested: PrevalenceValue[] = [];
  const series = (kind: HarassmentKind, window: PrevalenceWindow): PrevalenceValue[] => {
    let previousYear = from - 1;
    let previous = input.years.get(previousYear)?.counts[window]?.get(kind);
    return years.map((fiscalYear) => {
      const year = input.years.get(fiscalYear);
      const current = year?.counts[window]?.get(kind);
      const value: PrevalenceValue = {
        fiscalYear,
        campaignId: year?.campaignId ?? null,
        share: null,
        ci: null,
        n: null,
        suppressed: true,
        delta: null,
        comparedWith: null,
        p: null,
        q: null,
        significant: null,
      };
      const figure = current && prevalence(current);
      if (!current || !figure) return value;
      Object.assign(value, { share: figure.share, ci: figure.ci, n: current.n, suppressed: false });
      if (previous) {
        value.delta = figure.share - previous.x / previous.n;
        value.comparedWith = previousYear;
        value.p = twoProportionZ(previous.x, previous.n, current.x, current.n).p;
        tested.push(value);
      }
      previous = current;
      previousYear = fiscalYear;
      return value;
    });
  };
  const kinds = HARASSMENT_KIND_IDS.map((kind) => ({
    kind,
    windows: { '3y': series(kind, '3y'), '12m': series(kind, '12m') },
  }));
  const q = benjaminiHochberg(tested.map((v) => v.p!));
  tested.forEach((v, i) => {
    v.q = q[i]!;
    v.significant = q[i]! <= FDR;
  });
  return { years, kinds };
}
