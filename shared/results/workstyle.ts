import {
  LEAVE_BANDS,
  type LeaveBand,
  WORKSTYLE_INDICATOR_IDS,
  type WorkstyleIndicatorId,
  type WorkstyleIndicators,
  type WorkstyleValue,
} from '../api/workstyle';
import type { CellDisclosure } from '../disclosure';
// The modules themselves, not the stats index: the console bundles indicators code.
import { benjaminiHochberg } from '../stats/benjamini-hochberg';
import { meanCI } from '../stats/mean-ci';
import { wilson } from '../stats/wilson';
import { FDR, type Measure, yearOverYear } from './indicators';

/**
 * The work-style indicators (DESIGN §5; the ids in shared/api/workstyle.ts):
 * overtime ≥ 45 h a month, annual leave days (mean, distribution and share
 * ≥ 10 days), flexitime/telework use, and how easily men take childcare leave
 * (plan initiative env-04) and staff take carer's leave (env-05). Counted in
 * the results' one pass (`WorkstyleTally`), published for the whole
 * organisation through the disclosure engine with the results (each figure a
 * cell under the organisation's, shown at n ≥ k) and kept in the results
 * summary, from which `workstyleIndicators` builds the trend with each change's
 * test and Benjamini–Hochberg q.
 */

/** What each indicator is computed from and which plan initiatives it informs. */
export const WORKSTYLE_SOURCES: Readonly<
  Record<WorkstyleIndicatorId, { itemId: string; kind: 'share' | 'mean'; initiatives: readonly string[] }>
> = {
  overtime45: { itemId: 'ws.overtime_band', kind: 'share', initiatives: ['env-01', 'env-03'] },
  leaveDays: { itemId: 'ws.leave_days', kind: 'mean', initiatives: [] },
  leave10: { itemId: 'ws.leave_days', kind: 'share', initiatives: [] },
  flexUse: { itemId: 'ws.flex_used', kind: 'share', initiatives: ['cul-21'] },
  menChildcareLeave: { itemId: 'ws.men_childcare_leave', kind: 'share', initiatives: ['env-04'] },
  carerLeave: { itemId: 'ws.carer_leave', kind: 'share', initiatives: ['env-05'] },
};

/** The items `WorkstyleTally.addAnswers` takes the answers of, in its order. */
export const WORKSTYLE_ITEMS = [
  'ws.overtime_band',
  'ws.flex_used',
  'ws.men_childcare_leave',
  'ws.carer_leave',
  'ws.leave_days',
] as const;

/** Overtime bands of 45 hours a month or more. */
const OVERTIME_45 = new Set(['45to80', '80plus']);
/** Flexitime or telework used; `not_eligible` (not available for the work) is left out of the base. */
const FLEX_USED = new Set(['both', 'flex', 'telework']);
const FLEX_NOT_ELIGIBLE = 'not_eligible';
/** The leave-days threshold of `leave10`. */
export const LEAVE_THRESHOLD = 10;

/** The band of a whole number of leave days. */
export function leaveBand(days: number): LeaveBand {
  if (days >= 20) return '20plus';
  if (days >= 15) return '15to19';
  if (days >= 10) return '10to14';
  if (days >= 5) return '5to9';
  return '0to4';
}

/** A share's counts: x of n. */
interface Count {
  x: number;
  n: number;
}

/**
 * The running counts of one campaign's responses. A response adds to each
 * count whose item it answered; answers of the wrong type (not in the
 * template's validation) are ignored, as the results ignore them.
 */
export class WorkstyleTally {
  readonly overtime: Count = { x: 0, n: 0 };
  readonly flex: Count = { x: 0, n: 0 };
  readonly menChildcare: Count = { x: 0, n: 0 };
  readonly carer: Count = { x: 0, n: 0 };
  /** Leave days: n, Σ, Σ² (exact: whole numbers), ≥ 10 and per band. */
  readonly leave = {
    n: 0,
    sum: 0,
    sumSq: 0,
    atLeast10: 0,
    bands: new Array<number>(LEAVE_BANDS.length).fill(0),
  };

  /** Adds one response's answers to the work-style items (read by the tally's one pass), in WORKSTYLE_ITEMS order. */
  addAnswers(overtime: unknown, flex: unknown, menChildcare: unknown, carer: unknown, days: unknown): void {
    if (typeof overtime === 'string') {
      this.overtime.n++;
      if (OVERTIME_45.has(overtime)) this.overtime.x++;
    }
    if (typeof flex === 'string' && flex !== FLEX_NOT_ELIGIBLE) {
      this.flex.n++;
      if (FLEX_USED.has(flex)) this.flex.x++;
    }
    favourable(this.menChildcare, menChildcare);
    favourable(this.carer, carer);
    if (typeof days === 'number' && Number.isFinite(days) && days >= 0) {
      const l = this.leave;
      l.n++;
      l.sum += days;
      l.sumSq += days * days;
      if (days >= LEAVE_THRESHOLD) l.atLeast10++;
      l.bands[LEAVE_BANDS.indexOf(leaveBand(days))]! += 1;
    }
  }
}

function favourable(count: Count, v: unknown): void {
  if (typeof v !== 'number') return;
  count.n++;
  if (v >= 4) count.x++;
}

/** One published figure: every number null when hidden. `x` (shares) and `sd` (the mean) feed the tests. */
export interface WorkstyleFigure {
  value: number | null;
  ci: [number, number] | null;
  n: number | null;
  suppressed: boolean;
  x?: number | null;
  sd?: number | null;
}

/** What the results summary keeps: each figure the template asks for, and the leave-day bands. */
export interface WorkstyleSummary {
  figures: Partial<Record<WorkstyleIndicatorId, WorkstyleFigure>>;
  /** Share per band (LEAVE_BANDS order); null when leave days are hidden or not asked. */
  leaveBands: number[] | null;
}

const HIDDEN: WorkstyleFigure = { value: null, ci: null, n: null, suppressed: true };

/**
 * The published figures. `decide(n)` is the disclosure engine's decision for
 * a cell of n respondents under the whole organisation's; `asked` the item
 * ids the template asks (an indicator whose item is not asked is absent).
 */
export function workstyleFigures(
  tally: WorkstyleTally,
  decide: (n: number) => Pick<CellDisclosure, 'shown'>,
  asked: ReadonlySet<string>,
): WorkstyleSummary {
  const share = ({ x, n }: Count): WorkstyleFigure => {
    if (!decide(n).shown || n === 0) return HIDDEN;
    const ci = wilson(x, n)!;
    return { value: x / n, ci: [ci.lower, ci.upper], n, suppressed: false, x };
  };
  const l = tally.leave;
  const leaveShown = l.n > 0 && decide(l.n).shown;
  const mean = leaveShown ? meanCI({ n: l.n, sum: l.sum, sumSq: l.sumSq }) : null;
  const counts: Record<WorkstyleIndicatorId, () => WorkstyleFigure> = {
    overtime45: () => share(tally.overtime),
    leaveDays: () =>
      mean
        ? {
            value: mean.mean,
            ci: mean.lower !== null && mean.upper !== null ? [mean.lower, mean.upper] : null,
            n: l.n,
            suppressed: false,
            sd: mean.sd,
          }
        : HIDDEN,
    leave10: () => share({ x: l.atLeast10, n: l.n }),
    flexUse: () => share(tally.flex),
    menChildcareLeave: () => share(tally.menChildcare),
    carerLeave: () => share(tally.carer),
  };
  const figures: WorkstyleSummary['figures'] = {};
  for (const id of WORKSTYLE_INDICATOR_IDS)
    if (asked.has(WORKSTYLE_SOURCES[id].itemId)) figures[id] = counts[id]();
  return {
    figures,
    leaveBands: leaveShown && asked.has('ws.leave_days') ? l.bands.map((b) => b / l.n) : null,
  };
}

/** One fiscal year's stored work-style summary and its campaign. */
export interface WorkstyleYear {
  campaignId: string;
  summary: WorkstyleSummary | undefined;
}

/** The measure a figure's change is tested on, or undefined when it has none. */
function measureOf(id: WorkstyleIndicatorId, f: WorkstyleFigure | undefined): Measure | undefined {
  if (!f || f.suppressed || f.value === null || f.n === null) return;
  if (WORKSTYLE_SOURCES[id].kind === 'mean') {
    // Welch's t needs a spread: a single answer has none.
    return f.sd === null || f.sd === undefined
      ? undefined
      : { kind: 'mean', mean: f.value, sd: f.sd, n: f.n };
  }
  return { favourable: f.value, n: f.n, x: f.x ?? Math.round(f.value * f.n) };
}

/**
 * The indicators from `from` to `to` (`years` may hold `from − 1` for the
 * first change): each value with its change from the last earlier year that
 * has one (`comparedWith`), a share by the pooled z-test and the mean by
 * Welch's t (`yearOverYear`), and each raw p's Benjamini–Hochberg q across
 * every change returned; `significant` is q ≤ FDR.
 */
export function workstyleIndicators(
  from: number,
  to: number,
  years: ReadonlyMap<number, WorkstyleYear>,
): WorkstyleIndicators {
  const range = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const tested: WorkstyleValue[] = [];
  const indicators = WORKSTYLE_INDICATOR_IDS.map((id) => {
    let previousYear = from - 1;
    let previous = measureOf(id, years.get(previousYear)?.summary?.figures[id]);
    const values = range.map((fiscalYear): WorkstyleValue => {
      const year = years.get(fiscalYear);
      const figure = year?.summary?.figures[id];
      const value: WorkstyleValue = {
        fiscalYear,
        campaignId: year?.campaignId ?? null,
        value: figure?.value ?? null,
        ci: figure?.ci ?? null,
        n: figure?.n ?? null,
        suppressed: figure?.suppressed ?? false,
        delta: null,
        comparedWith: null,
        test: null,
        p: null,
        q: null,
        significant: null,
      };
      const current = measureOf(id, figure);
      if (current && previous) {
        Object.assign(value, yearOverYear(previous, current), { comparedWith: previousYear });
        tested.push(value);
      }
      if (current) {
        previous = current;
        previousYear = fiscalYear;
      }
      return value;
    });
    const source = WORKSTYLE_SOURCES[id];
    return { id, kind: source.kind, itemId: source.itemId, initiatives: [...source.initiatives], values };
  });
  const q = benjaminiHochberg(tested.map((v) => v.p!));
  tested.forEach((v, i) => {
    v.q = q[i]!;
    v.significant = q[i]! <= FDR;
  });
  return {
    years: range,
    fdr: FDR,
    tests: tested.length,
    indicators,
    leaveDistribution: range.map((fiscalYear) => {
      const bands = years.get(fiscalYear)?.summary?.leaveBands ?? null;
      return {
        fiscalYear,
        bands: bands ? LEAVE_BANDS.map((band, i) => ({ band, share: bands[i]! })) : null,
      };
    }),
  };
}
