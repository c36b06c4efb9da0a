import type { CampaignResults } from '../../../shared/api/results';
import type { Template } from '../../../shared/instruments/schema';
import { entryRouteOf } from '../../../shared/results/entry-route';

/**
 * An independent differencing attacker. It knows what HR can see — the unit
 * tree, the exact response count of every unit (participation), and every
 * results view it can fetch (admin, managers) — and combines all of them as
 * one system of linear equations per quantity: each unit is its own staff plus
 * its children, the organisation is its top units, and each breakdown
 * (job level, age band, employment type, entry route) plus "not stated" is the
 * organisation. It then finds every hidden quantity the shown ones determine
 * (Gaussian elimination), and every derivable sum of hidden cells.
 *
 * Ground truth (who answered what) is used only to judge what it learns: a
 * violation is any derivable quantity about 1 … threshold − 1 respondents.
 */

export interface Person {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, unknown>;
}

export interface AttackInput {
  units: ReadonlyArray<{ code: string; parentCode: string | null }>;
  /** Responses per unit (own staff only), as participation shows them. */
  ownResponses: ReadonlyMap<string, number>;
  /** Every results view fetched: the admin's, and each manager's (whose "overall" is their unit). */
  views: Array<{ results: CampaignResults; managerOf?: string }>;
  template: Template;
  people: readonly Person[];
  k: number;
  kSensitive: number;
}

export interface AttackReport {
  violations: string[];
  /** Hidden quantities the attacker could pin down (all about ≥ threshold people, or none). */
  determined: string[];
  /** How many hidden quantities there were, over all constructs. */
  hidden: number;
  /** Derived values checked against the truth (proves the model matches the engine). */
  verified: number;
}

const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType', 'entryRoute'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

/** A person's group in a breakdown: a stated attribute, or for the entry route their answer's group. */
const keyOf = (p: Person, b: Breakdown): string | undefined =>
  b === 'entryRoute' ? entryRouteOf(p.answers) : p.attributes[b];
/** A view's cells of a breakdown (results from before the entry route have none). */
const cellsOf = (results: CampaignResults, b: Breakdown) => results.breakdowns[b] ?? [];
const TOTAL = 'TOTAL';
const T = (u: string) => `T:${u}`;
const O = (u: string) => `O:${u}`;
const C = (b: string, key: string) => `C:${b}=${key}`;
const NS = (b: string) => `NS:${b}`;

interface Quantity {
  n: number;
  value: number;
}

/** What one person adds to a construct, as the results engine counts it. */
function contribution(
  template: Template,
  constructIndex: number,
  answers: Record<string, unknown>,
): Quantity {
  const construct = template.constructs[constructIndex]!;
  let count = 0;
  let sum = 0;
  for (const item of construct.items) {
    if (item.type !== 'likert5' || !item.scored) continue;
    const raw = answers[item.id];
    if (typeof raw !== 'number') continue;
    count++;
    sum += item.reverse ? 6 - raw : raw;
  }
  const nps = construct.items.find((i) => i.type === 'nps');
  const npsAnswered = nps !== undefined && typeof answers[nps.id] === 'number';
  return { n: count > 0 || npsAnswered ? 1 : 0, value: count > 0 ? sum / count : 0 };
}

function truthOf(input: AttackInput, ci: number): Map<string, Quantity> {
  const truth = new Map<string, Quantity>();
  const add = (name: string, q: Quantity) => {
    const t = truth.get(name) ?? { n: 0, value: 0 };
    truth.set(name, { n: t.n + q.n, value: t.value + q.value });
  };
  const parent = new Map(input.units.map((u) => [u.code, u.parentCode]));
  for (const u of input.units) {
    truth.set(T(u.code), { n: 0, value: 0 });
    truth.set(O(u.code), { n: 0, value: 0 });
  }
  for (const p of input.people) {
    const q = contribution(input.template, ci, p.answers);
    add(TOTAL, q);
    add(O(p.unitCode), q);
    for (let u: string | null | undefined = p.unitCode; u; u = parent.get(u)) add(T(u), q);
    for (const b of BREAKDOWNS) {
      const key = keyOf(p, b);
      add(key ? C(b, key) : NS(b), q);
    }
  }
  return truth;
}

/** Solves which unknowns are determined; returns them with their values, and the reduced rows. */
function eliminate(rows: Array<Map<string, number>>, unknowns: string[]) {
  const index = new Map(unknowns.map((u, i) => [u, i]));
  const m = rows.map((row) => {
    const r = new Float64Array(unknowns.length + 1);
    for (const [name, coef] of row) {
      if (name === '$') r[unknowns.length] = coef;
      else r[index.get(name)!]! += coef;
    }
    return r;
  });
  const EPS = 1e-9;
  let rank = 0;
  const pivots: number[] = [];
  for (let col = 0; col < unknowns.length && rank < m.length; col++) {
    let best = rank;
    for (let i = rank + 1; i < m.length; i++) if (Math.abs(m[i]![col]!) > Math.abs(m[best]![col]!)) best = i;
    if (Math.abs(m[best]![col]!) < EPS) continue;
    [m[rank], m[best]] = [m[best]!, m[rank]!];
    const pivot = m[rank]!;
    const scale = pivot[col]!;
    for (let j = 0; j <= unknowns.length; j++) pivot[j]! /= scale;
    for (let i = 0; i < m.length; i++) {
      if (i === rank) continue;
      const f = m[i]![col]!;
      if (Math.abs(f) < EPS) continue;
      for (let j = 0; j <= unknowns.length; j++) m[i]![j]! -= f * pivot[j]!;
    }
    pivots.push(col);
    rank++;
  }
  const reduced = m.slice(0, rank).map((r) => {
    const terms = new Map<string, number>();
    for (let j = 0; j < unknowns.length; j++) if (Math.abs(r[j]!) > EPS) terms.set(unknowns[j]!, r[j]!);
    // row: Σ coef·x = -constant (constant kept on the left side as '$').
    return { terms, value: -r[unknowns.length]! };
  });
  return reduced;
}

export function attack(input: AttackInput): AttackReport {
  const report: AttackReport = { violations: [], determined: [], hidden: 0, verified: 0 };
  const children = new Map<string | null, string[]>();
  for (const u of input.units) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);

  // The equations, the same for every quantity: name → coefficient, '$' the constant.
  const equations: Array<Map<string, number>> = [];
  for (const u of input.units) {
    const row = new Map<string, number>([
      [T(u.code), 1],
      [O(u.code), -1],
    ]);
    for (const c of children.get(u.code) ?? []) row.set(T(c), -1);
    equations.push(row);
  }
  const roots = new Map<string, number>([[TOTAL, 1]]);
  for (const r of children.get(null) ?? []) roots.set(T(r), -1);
  equations.push(roots);
  const keysOf = new Map<string, Set<string>>();
  for (const b of BREAKDOWNS) {
    const keys = new Set<string>();
    for (const { results } of input.views) for (const cell of cellsOf(results, b)) keys.add(cell.key);
    keysOf.set(b, keys);
    const row = new Map<string, number>([
      [TOTAL, 1],
      [NS(b), -1],
    ]);
    for (const key of keys) row.set(C(b, key), -1);
    equations.push(row);
  }

  input.template.constructs.forEach((construct, ci) => {
    const scored = construct.items.some((i) => i.type === 'likert5' && i.scored);
    if (!scored) return;
    const threshold = construct.sensitive ? input.kSensitive : input.k;
    const truth = truthOf(input, ci);
    // What the views show: the value of each shown cell (mean × n), from every view combined.
    const known = new Map<string, { n: number; value: number }>();
    const show = (
      name: string,
      cell: { n: number | null; mean: number | null; suppressed: boolean } | undefined,
    ) => {
      if (!cell || cell.suppressed || cell.n === null || cell.mean === null) return;
      const q = { n: cell.n, value: cell.mean * cell.n };
      const before = known.get(name);
      if (before && (before.n !== q.n || Math.abs(before.value - q.value) > 1e-6)) {
        report.violations.push(`${construct.id} ${name}: two views disagree`);
      }
      known.set(name, q);
    };
    for (const { results, managerOf } of input.views) {
      show(managerOf ? T(managerOf) : TOTAL, results.overall.constructs[ci]);
      for (const u of results.units) show(T(u.unitCode), u.constructs[ci]);
      for (const b of BREAKDOWNS)
        for (const cell of cellsOf(results, b)) show(C(b, cell.key), cell.constructs[ci]);
    }
    // Participation: a unit without respondents contributes nothing to anything.
    for (const u of input.units)
      if ((input.ownResponses.get(u.code) ?? 0) === 0) known.set(O(u.code), { n: 0, value: 0 });

    const all = new Set<string>();
    for (const row of equations) for (const name of row.keys()) all.add(name);
    const unknowns = [...all].filter((name) => !known.has(name));
    report.hidden += unknowns.length;
    const rows = equations.map((eq) => {
      const row = new Map<string, number>();
      let constant = 0;
      for (const [name, coef] of eq) {
        const k = known.get(name);
        if (k) constant += coef * k.value;
        else row.set(name, coef);
      }
      row.set('$', constant);
      return row;
    });
    for (const { terms, value } of eliminate(rows, unknowns)) {
      const names = [...terms.keys()];
      if (names.length === 1) {
        const name = names[0]!;
        const t = truth.get(name) ?? { n: 0, value: 0 };
        const derived = value / terms.get(name)!;
        if (Math.abs(derived - t.value) > 1e-6) {
          report.violations.push(
            `${construct.id} ${name}: model error, derived ${derived} but truth ${t.value}`,
          );
        } else report.verified++;
        if (t.n > 0 && t.n < threshold) {
          report.violations.push(
            `${construct.id} ${name}: derivable, about ${t.n} respondent(s) (< ${threshold})`,
          );
        } else if (t.n > 0) report.determined.push(`${construct.id} ${name} (n=${t.n})`);
        continue;
      }
      // A derivable sum of hidden quantities (all of one sign): it must not be about a small group either.
      const coefs = [...terms.values()];
      if (coefs.every((c) => Math.abs(c - coefs[0]!) < 1e-9)) {
        const n = names.reduce((s, name) => s + (truth.get(name)?.n ?? 0), 0);
        if (n > 0 && n < threshold) {
          report.violations.push(
            `${construct.id} ${names.join(' + ')}: derivable sum about ${n} respondent(s)`,
          );
        }
      }
    }
  });
  // Respondent counts of the breakdowns (units' counts are public through participation anyway).
  const overallN = input.views.find((v) => !v.managerOf)?.results.overall.n ?? null;
  if (overallN !== null) {
    for (const b of BREAKDOWNS) {
      const hidden: string[] = [];
      let rest = overallN;
      const shown = new Map<string, number>();
      for (const { results, managerOf } of input.views) {
        if (managerOf) continue;
        for (const cell of cellsOf(results, b))
          if (!cell.suppressed && cell.n !== null) shown.set(cell.key, cell.n);
      }
      for (const key of keysOf.get(b)!) {
        if (shown.has(key)) rest -= shown.get(key)!;
        else hidden.push(key);
      }
      const people = (key: string | undefined) =>
        input.people.filter((p) => (key === undefined ? !keyOf(p, b) : keyOf(p, b) === key)).length;
      const members = [...hidden.map((k) => people(k)), people(undefined)];
      const nonEmpty = members.filter((n) => n > 0);
      // "rest" is all the attacker learns: the hidden keys and "not stated" together.
      if (rest !== members.reduce((a, x) => a + x, 0)) report.violations.push(`${b}: counts do not add up`);
      if (rest > 0 && rest < input.k) report.violations.push(`${b}: ${rest} hidden respondent(s) derivable`);
      if (nonEmpty.length === 1 && hidden.length > 0 && people(undefined) === 0) {
        report.violations.push(`${b}: a single hidden group of ${rest} is isolated`);
      }
    }
  }
  return report;
}
