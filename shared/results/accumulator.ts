/**
 * Running totals of one construct in one group. Kept as plain numbers so a
 * unit's totals can be added into its ancestors'.
 *
 * - `n`: respondents who answered at least one of the construct's scored items (for a construct
 *   without scored items, its 0–10 item): one who answered only the 0–10 item of a construct with
 *   scored items is not counted;
 * - `favourable`/`answers`: favourable (4–5 after recoding) item answers out of all scored item answers;
 * - `sum`/`sumSq`: of each respondent's mean recoded score (the unit of the t interval);
 * - `favResp`: Σ over respondents of their own favourable share (x of the z-test, see indicators);
 * - promoters/passives/detractors: eNPS counts of the construct's nps item.
 */
export interface ConstructTotals {
  n: number;
  favourable: number;
  answers: number;
  sum: number;
  sumSq: number;
  favResp: number;
  npsN: number;
  promoters: number;
  detractors: number;
}

/**
 * Where each total sits in a group's flat array: construct `ci`'s field `f`
 * is at `ci * FIELDS + f`. One typed array per group keeps adding a
 * response's contribution to its groups a tight loop (the hot path of
 * results for 100,000 responses).
 */
export const FIELD = {
  n: 0,
  favourable: 1,
  answers: 2,
  sum: 3,
  sumSq: 4,
  favResp: 5,
  npsN: 6,
  promoters: 7,
  detractors: 8,
} as const;
export const FIELDS = 9;

/** A group's totals: its respondent count and FIELDS numbers per construct (template order). */
export interface GroupTotals {
  respondents: number;
  totals: Float64Array;
}

export const emptyGroup = (constructs: number): GroupTotals => ({
  respondents: 0,
  totals: new Float64Array(constructs * FIELDS),
});

export function addGroup(into: GroupTotals, from: GroupTotals): void {
  into.respondents += from.respondents;
  const a = into.totals;
  const b = from.totals;
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
}

/** One construct's totals of a group, as named fields. */
export function constructTotals(group: GroupTotals, ci: number): ConstructTotals {
  const t = group.totals;
  const at = ci * FIELDS;
  return {
    n: t[at + FIELD.n]!,
    favourable: t[at + FIELD.favourable]!,
    answers: t[at + FIELD.answers]!,
    sum: t[at + FIELD.sum]!,
    sumSq: t[at + FIELD.sumSq]!,
    favResp: t[at + FIELD.favResp]!,
    npsN: t[at + FIELD.npsN]!,
    promoters: t[at + FIELD.promoters]!,
    detractors: t[at + FIELD.detractors]!,
  };
}
