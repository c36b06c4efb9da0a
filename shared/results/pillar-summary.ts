import type { PillarId } from '../plan/ids';
import { normalQuantile } from '../stats/normal';
import { FIELD, FIELDS } from './accumulator';

/**
 * The pillar summary (DESIGN §5): one figure per plan pillar and campaign —
 * the unweighted mean of the favourable shares of the pillar's constructs
 * that have scored items — with a 95% interval from the respondent-level
 * linearisation (delta method, respondents as clusters):
 *
 *   θ = (1/C) Σ_c p_c,  p_c = F_c / A_c (favourable answers / scored answers),
 *   u_r = (1/C) Σ_c (f_rc − p_c a_rc) / A_c,
 *   Var θ ≈ N/(N − 1) Σ_r u_r²,  θ ± z₀.₉₇₅ √Var, clipped to [0, 1],
 *
 * where f_rc and a_rc are respondent r's favourable and scored answers in
 * construct c and N the respondents who answered any of them. Summing u_r
 * over a respondent's constructs first keeps the correlation between one
 * person's answers in the variance, which treating constructs as independent
 * would drop. Σ_r u_r² needs only, per pair of the pillar's constructs,
 * Σ f_rc f_rd, Σ f_rc a_rd and Σ a_rc a_rd: kept here as running sums, so
 * results stay one pass over the responses.
 */
export class PillarSums {
  /** Per pillar: its constructs' positions in the template and the running sums. */
  readonly pillars: Array<{
    pillarId: PillarId;
    members: number[];
    /** N: respondents who answered any scored item of the pillar. */
    respondents: number;
    /** C×C each, row-major: Σ f_c f_d, Σ f_c a_d, Σ a_c a_d; the symmetric Σ f f and Σ a a only at c ≤ d. */
    ff: Float64Array;
    fa: Float64Array;
    aa: Float64Array;
  }>;
  /** One respondent's favourable and scored answers per member construct, reused. */
  readonly #f: Float64Array;
  readonly #a: Float64Array;

  constructor(constructs: ReadonlyArray<{ pillarId: PillarId; scoredItems: number }>) {
    const order: PillarId[] = [];
    const members = new Map<PillarId, number[]>();
    constructs.forEach((c, ci) => {
      if (c.scoredItems === 0) return;
      if (!members.has(c.pillarId)) {
        members.set(c.pillarId, []);
        order.push(c.pillarId);
      }
      members.get(c.pillarId)!.push(ci);
    });
    const widest = Math.max(0, ...[...members.values()].map((m) => m.length));
    this.#f = new Float64Array(widest);
    this.#a = new Float64Array(widest);
    this.pillars = order.map((pillarId) => {
      const m = members.get(pillarId)!;
      const size = m.length * m.length;
      return {
        pillarId,
        members: m,
        respondents: 0,
        ff: new Float64Array(size),
        fa: new Float64Array(size),
        aa: new Float64Array(size),
      };
    });
  }

  /** Adds one respondent, from their per-construct totals (the tally's delta: FIELDS numbers per construct). */
  add(delta: Float64Array): void {
    // Offsets as locals: this runs once per response.
    const FAV = FIELD.favourable;
    const ANSWERS = FIELD.answers;
    const STRIDE = FIELDS;
    const f = this.#f;
    const a = this.#a;
    const pillars = this.pillars;
    for (let pi = 0; pi < pillars.length; pi++) {
      const p = pillars[pi]!;
      const m = p.members;
      const C = m.length;
      let any = false;
      for (let i = 0; i < C; i++) {
        const at = m[i]! * STRIDE;
        const ai = delta[at + ANSWERS]!;
        a[i] = ai;
        f[i] = delta[at + FAV]!;
        if (ai > 0) any = true;
      }
      if (!any) continue;
      p.respondents++;
      const ff = p.ff;
      const fa = p.fa;
      const aa = p.aa;
      for (let i = 0; i < C; i++) {
        const ai = a[i]!;
        if (ai === 0) continue;
        const fi = f[i]!;
        const row = i * C;
        // Σ f f and Σ a a are symmetric: kept above the diagonal only (pillarFigures reads them so).
        for (let j = 0; j < i; j++) {
          const aj = a[j]!;
          if (aj !== 0) fa[row + j]! += fi * aj;
        }
        for (let j = i; j < C; j++) {
          const aj = a[j]!;
          if (aj === 0) continue;
          ff[row + j]! += fi * f[j]!;
          fa[row + j]! += fi * aj;
          aa[row + j]! += ai * aj;
        }
      }
    }
  }
}

export interface PillarFigure {
  pillarId: PillarId;
  /** Mean of the constructs' favourable shares; null when one of them has no answers. */
  value: number | null;
  /** 95% interval (delta method on respondents); null without a value or with fewer than 2 respondents. */
  ci: [number, number] | null;
  /** Respondents who answered any of the pillar's scored items. */
  n: number;
  /** The constructs averaged, in template order. */
  constructIds: string[];
}

const Z975 = normalQuantile(0.975);

/**
 * Each pillar's figure from the sums and each construct's overall totals
 * (F_c favourable answers, A_c scored answers, by template position).
 */
export function pillarFigures(
  sums: PillarSums,
  totals: (ci: number) => { favourable: number; answers: number },
  constructIds: readonly string[],
): PillarFigure[] {
  return sums.pillars.map((p) => {
    const m = p.members;
    const C = m.length;
    const base = { pillarId: p.pillarId, n: p.respondents, constructIds: m.map((ci) => constructIds[ci]!) };
    const t = m.map((ci) => totals(ci));
    if (t.some((x) => x.answers === 0)) return { ...base, value: null, ci: null };
    const share = t.map((x) => x.favourable / x.answers);
    const value = share.reduce((a, b) => a + b, 0) / C;
    if (p.respondents < 2) return { ...base, value, ci: null };
    let sumU2 = 0;
    for (let i = 0; i < C; i++)
      for (let j = 0; j < C; j++) {
        const at = i * C + j;
        // Σ f f and Σ a a are kept at i ≤ j only (symmetric).
        const upper = i <= j ? at : j * C + i;
        const cross =
          p.ff[upper]! -
          share[j]! * p.fa[at]! -
          share[i]! * p.fa[j * C + i]! +
          share[i]! * share[j]! * p.aa[upper]!;
        sumU2 += cross / (t[i]!.answers * t[j]!.answers);
      }
    sumU2 /= C * C;
    const variance = Math.max(0, (p.respondents / (p.respondents - 1)) * sumU2);
    const half = Z975 * Math.sqrt(variance);
    return { ...base, value, ci: [Math.max(0, value - half), Math.min(1, value + half)] };
  });
}
