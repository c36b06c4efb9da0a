/**
 * Running totals of one construct in one group. Kept as plain numbers so a
 * unit's totals can be added into its ancestors'.
 *
 * - `n`: respondents who answered at least one of the construct's scored items;
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

export const emptyTotals = (): ConstructTotals => ({
  n: 0,
  favourable: 0,
  answers: 0,
  sum: 0,
  sumSq: 0,
  favResp: 0,
  npsN: 0,
  promoters: 0,
  detractors: 0,
});

export function addTotals(into: ConstructTotals, from: ConstructTotals): void {
  into.n += from.n;
  into.favourable += from.favourable;
  into.answers += from.answers;
  into.sum += from.sum;
  into.sumSq += from.sumSq;
  into.favResp += from.favResp;
  into.npsN += from.npsN;
  into.promoters += from.promoters;
  into.detractors += from.detractors;
}

/** A group's totals: its respondent count and one ConstructTotals per construct (template order). */
export interface GroupTotals {
  respondents: number;
  constructs: ConstructTotals[];
}

export const emptyGroup = (constructs: number): GroupTotals => ({
  respondents: 0,
  constructs: Array.from({ length: constructs }, emptyTotals),
});

export function addGroup(into: GroupTotals, from: GroupTotals): void {
  into.respondents += from.respondents;
  for (let i = 0; i < into.constructs.length; i++) addTotals(into.constructs[i]!, from.constructs[i]!);
}
