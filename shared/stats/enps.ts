/** Tally of 0–10 answers: promoters 9–10, passives 7–8, detractors 0–6. */
export interface EnpsCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/** Tallies 0–10 answers (integers) into promoters, passives and detractors. */
export function enpsCounts(scores: readonly number[]): EnpsCounts {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const s of scores) {
    if (!Number.isInteger(s) || s < 0 || s > 10)
      throw new RangeError(`an eNPS answer must be an integer 0..10, got ${s}`);
    if (s >= 9) promoters += 1;
    else if (s >= 7) passives += 1;
    else detractors += 1;
  }
  return { promoters, passives, detractors };
}

/**
 * Employee Net Promoter Score as a fraction in −1..1: share of promoters (9–10) minus share of
 * detractors (0–6). Takes the answers or their tally; null when there are none.
 */
export function enps(input: readonly number[] | EnpsCounts): number | null {
  const c = Array.isArray(input) ? enpsCounts(input) : checkCounts(input as EnpsCounts);
  const n = c.promoters + c.passives + c.detractors;
  return n === 0 ? null : (c.promoters - c.detractors) / n;
}

function checkCounts(c: EnpsCounts): EnpsCounts {
  for (const v of [c.promoters, c.passives, c.detractors]) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`eNPS counts must be integers ≥ 0, got ${v}`);
  }
  return c;
}
