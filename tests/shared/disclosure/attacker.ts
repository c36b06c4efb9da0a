/**
 * Independent checkers for the disclosure engine's guarantees, written as an attacker would work:
 * from the published cells only (plus the unit structure, which is public), and — to be strict — with
 * knowledge of which groups are empty. Ground truth is used only to judge what the attacker learns.
 * Each checker returns a list of violations (empty when the guarantee holds).
 */
import type { Disclosure, PublishedDisclosure, UnitCount } from '../../../shared/disclosure';

const ORG = '(organisation)';

export interface TreeFacts {
  /** children codes per parent code; ORG for the roots */
  children: Map<string, string[]>;
  parentOf: Map<string, string | null>;
  own: Map<string, number>;
  /** n = own + descendants, computed recursively (independently of the engine) */
  n: Map<string, number>;
  total: number;
}

export function treeFacts(units: readonly UnitCount[]): TreeFacts {
  const children = new Map<string, string[]>([[ORG, []]]);
  const parentOf = new Map<string, string | null>();
  const own = new Map<string, number>();
  for (const u of units) {
    own.set(u.code, u.ownCount);
    parentOf.set(u.code, u.parentCode);
    if (!children.has(u.code)) children.set(u.code, []);
  }
  for (const u of units) {
    const p = u.parentCode ?? ORG;
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(u.code);
  }
  const n = new Map<string, number>();
  const count = (code: string): number => {
    const sum = (own.get(code) ?? 0) + (children.get(code) ?? []).reduce((acc, c) => acc + count(c), 0);
    n.set(code, sum);
    return sum;
  };
  const total = children.get(ORG)!.reduce((acc, c) => acc + count(c), 0);
  return { children, parentOf, own, n, total };
}

function publishedN(pub: PublishedDisclosure): Map<string, number | null> {
  return new Map(pub.cells.map((c) => [c.key, c.n]));
}

/**
 * The subtraction attack on every shown parent (and the shown organisation total): parent n minus the
 * shown children's n is the total of the unknown members (own direct staff + hidden children). That
 * total must be 0 or ≥ k, and must never isolate one non-empty hidden unit.
 */
export function subtractionAttackOnTree(
  units: readonly UnitCount[],
  pub: PublishedDisclosure,
  k: number,
): string[] {
  const facts = treeFacts(units);
  const shownN = publishedN(pub);
  const problems: string[] = [];
  const parents: [string, number | null][] = [
    [ORG, pub.total.n],
    ...pub.cells.map((c) => [c.key, c.n] as [string, number | null]),
  ];
  for (const [parent, parentN] of parents) {
    if (parentN === null) continue;
    const kids = facts.children.get(parent) ?? [];
    let derivable = parentN;
    for (const c of kids) derivable -= shownN.get(c) ?? 0;
    const ownCount = parent === ORG ? 0 : facts.own.get(parent)!;
    const nonEmptyUnknowns: string[] = ownCount > 0 ? ['(own staff)'] : [];
    let truth = ownCount;
    for (const c of kids) {
      if (shownN.get(c) !== null) continue;
      truth += facts.n.get(c)!;
      if (facts.n.get(c)! > 0) nonEmptyUnknowns.push(c);
    }
    if (derivable !== truth)
      problems.push(`${parent}: derived ${derivable} but hidden members hold ${truth}`);
    if (derivable > 0 && derivable < k)
      problems.push(`${parent}: ${derivable} respondents derivable (< ${k})`);
    if (nonEmptyUnknowns.length === 1 && nonEmptyUnknowns[0] !== '(own staff)') {
      problems.push(`${parent}: hidden unit ${nonEmptyUnknowns[0]} is determined by subtraction`);
    }
  }
  return problems;
}

/** Same attack on the values attached to each cell (e.g. favourable counts), through `publishCell`. */
export function valueAttackOnTree(
  units: readonly UnitCount[],
  ownValue: ReadonlyMap<string, number>,
  pub: ReadonlyMap<string, { n: number | null; suppressed: boolean; favourable: number | null }>,
  pubTotal: { n: number | null; favourable: number | null },
  k: number,
): string[] {
  const facts = treeFacts(units);
  const value = new Map<string, number>();
  const sumValue = (code: string): number => {
    const v =
      (ownValue.get(code) ?? 0) + (facts.children.get(code) ?? []).reduce((a, c) => a + sumValue(c), 0);
    value.set(code, v);
    return v;
  };
  for (const root of facts.children.get(ORG)!) sumValue(root);
  const problems: string[] = [];
  for (const [code, cell] of pub) {
    if (cell.suppressed && (cell.n !== null || cell.favourable !== null))
      problems.push(`${code}: hidden cell has values`);
  }
  const parents: [string, { n: number | null; favourable: number | null }][] = [[ORG, pubTotal], ...pub];
  for (const [parent, cell] of parents) {
    if (cell.n === null || cell.favourable === null) continue;
    let derivedN = cell.n;
    let derivedValue = cell.favourable;
    let truthValue = parent === ORG ? 0 : (ownValue.get(parent) ?? 0);
    for (const c of facts.children.get(parent) ?? []) {
      const child = pub.get(c)!;
      if (child.suppressed) truthValue += value.get(c)!;
      else {
        derivedN -= child.n!;
        derivedValue -= child.favourable!;
      }
    }
    if (derivedValue !== truthValue)
      problems.push(`${parent}: derived value ${derivedValue} ≠ ${truthValue}`);
    if (derivedN === 0 && derivedValue !== 0) problems.push(`${parent}: value derived for nobody`);
    if (derivedN > 0 && derivedN < k) {
      problems.push(`${parent}: value ${derivedValue} derivable for ${derivedN} respondents (< ${k})`);
    }
  }
  return problems;
}

/** Arithmetic modulo a prime: exact linear algebra without big numbers (a false "derivable" only fails). */
const PRIME = 1_000_003;
const mod = (a: number): number => ((a % PRIME) + PRIME) % PRIME;
function inverse(a: number): number {
  let result = 1;
  let base = mod(a);
  for (let e = PRIME - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * base) % PRIME;
    base = (base * base) % PRIME;
  }
  return result;
}

/** The row space of what an attacker knows, for testing whether a quantity is derivable at all. */
class Span {
  private readonly rows: { pivot: number; v: number[] }[] = [];
  private reduce(vector: readonly number[]): number[] {
    const v = vector.map(mod);
    for (const { pivot, v: row } of this.rows) {
      const f = v[pivot]!;
      if (f === 0) continue;
      for (let j = 0; j < v.length; j++) v[j] = mod(v[j]! - f * row[j]!);
    }
    return v;
  }
  add(vector: readonly number[]): void {
    const v = this.reduce(vector);
    const pivot = v.findIndex((x) => x !== 0);
    if (pivot < 0) return;
    const inv = inverse(v[pivot]!);
    this.rows.push({ pivot, v: v.map((x) => (x * inv) % PRIME) });
  }
  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => x === 0);
  }
}

/**
 * The general linear attack: unknowns are the own-staff counts of every unit (the attacker is told which
 * of them are empty), every published n is one equation (a sum over a subtree). No hidden non-empty
 * unit's n, and no own-staff group of 1..k−1, may lie in the span of the published equations.
 */
export function linearAttackOnTree(
  units: readonly UnitCount[],
  pub: PublishedDisclosure,
  k: number,
): string[] {
  const facts = treeFacts(units);
  const unknowns = units.filter((u) => u.ownCount > 0).map((u) => u.code);
  const column = new Map(unknowns.map((code, j) => [code, j]));
  const subtreeRow = (code: string | null): number[] => {
    const row: number[] = new Array(unknowns.length).fill(0);
    const stack = code === null ? [...facts.children.get(ORG)!] : [code];
    while (stack.length > 0) {
      const c = stack.pop()!;
      const j = column.get(c);
      if (j !== undefined) row[j] = 1;
      stack.push(...(facts.children.get(c) ?? []));
    }
    return row;
  };
  const span = new Span();
  if (pub.total.n !== null) span.add(subtreeRow(null));
  for (const cell of pub.cells) if (cell.n !== null) span.add(subtreeRow(cell.key));
  const problems: string[] = [];
  for (const cell of pub.cells) {
    if (cell.suppressed && facts.n.get(cell.key)! > 0 && span.contains(subtreeRow(cell.key))) {
      problems.push(`hidden unit ${cell.key} (n = ${facts.n.get(cell.key)}) is derivable`);
    }
  }
  for (const code of unknowns) {
    const ownCount = facts.own.get(code)!;
    if (ownCount >= k) continue;
    const row: number[] = new Array(unknowns.length).fill(0);
    row[column.get(code)!] = 1;
    if (span.contains(row)) problems.push(`own staff of ${code} (${ownCount}) is derivable`);
  }
  return problems;
}

/**
 * Conformance with the rules as written (not just safety): per sibling group of a shown parent, a
 * member below k is `small`, at most one `complementary` member is hidden — only when the hidden total
 * is in (0, k) without it, and it is the smallest remaining member (ties by code) — and every other
 * member is shown; members of a hidden parent are `ancestor`. Catches an engine that over-suppresses.
 */
export function conformanceOfTree(units: readonly UnitCount[], result: Disclosure, k: number): string[] {
  const facts = treeFacts(units);
  const problems: string[] = [];
  if (result.total.n !== facts.total) problems.push(`total ${result.total.n} ≠ ${facts.total}`);
  if (result.total.shown !== facts.total >= k) problems.push('total shown iff total ≥ k');
  for (const [code, cell] of result.cells) {
    if (cell.n !== facts.n.get(code)) problems.push(`${code}: n ${cell.n} ≠ ${facts.n.get(code)}`);
  }
  const groups: [string, boolean, number][] = [[ORG, result.total.shown, 0]];
  for (const u of units) groups.push([u.code, result.cells.get(u.code)!.shown, u.ownCount]);
  for (const [parent, parentShown, ownCount] of groups) {
    const kids = (facts.children.get(parent) ?? []).map((code) => ({ code, cell: result.cells.get(code)! }));
    if (!parentShown) {
      for (const { code, cell } of kids) {
        if (cell.shown || cell.reason !== 'ancestor')
          problems.push(`${code}: parent hidden, expected ancestor`);
      }
      continue;
    }
    const small = kids.filter(({ cell }) => cell.n < k);
    const rest = kids.filter(({ cell }) => cell.n >= k);
    for (const { code, cell } of small) if (cell.reason !== 'small') problems.push(`${code}: expected small`);
    const hiddenBefore = ownCount + small.reduce((a, { cell }) => a + cell.n, 0);
    const complements = rest.filter(({ cell }) => !cell.shown);
    const needed = hiddenBefore > 0 && hiddenBefore < k;
    if (complements.length !== (needed ? 1 : 0)) {
      problems.push(`${parent}: ${complements.length} complements, hidden total before ${hiddenBefore}`);
    }
    for (const { code, cell } of complements) {
      if (cell.reason !== 'complementary') problems.push(`${code}: expected complementary`);
      const smaller = rest.find((o) => o.cell.n < cell.n || (o.cell.n === cell.n && o.code < code));
      if (smaller) problems.push(`${code}: complement chosen over smaller ${smaller.code}`);
    }
  }
  return problems;
}

/** Every descendant of a hidden unit is hidden. */
export function hiddenSubtrees(units: readonly UnitCount[], pub: PublishedDisclosure): string[] {
  const facts = treeFacts(units);
  const suppressed = new Map(pub.cells.map((c) => [c.key, c.suppressed]));
  const problems: string[] = [];
  for (const u of units) {
    if (suppressed.get(u.code)) continue;
    for (let p = u.parentCode; p !== null; p = facts.parentOf.get(p) ?? null) {
      if (suppressed.get(p)) problems.push(`${u.code} shown under hidden ${p}`);
    }
    if (pub.total.suppressed) problems.push(`${u.code} shown under a hidden total`);
  }
  return problems;
}

/** The subtraction attack on a flat breakdown; "not stated" (parent − Σ cells) is an unknown member. */
export function subtractionAttackOnBreakdown(
  cells: readonly { key: string; n: number }[],
  parentN: number,
  pub: PublishedDisclosure,
  k: number,
): string[] {
  const problems: string[] = [];
  const trueN = new Map(cells.map((c) => [c.key, c.n]));
  if (pub.total.n === null) {
    for (const c of pub.cells) if (!c.suppressed) problems.push(`${c.key} shown under a hidden parent`);
    return problems;
  }
  let derivable = pub.total.n;
  for (const c of pub.cells) if (c.n !== null) derivable -= c.n;
  const notStated = parentN - cells.reduce((a, c) => a + c.n, 0);
  const nonEmptyUnknowns = notStated > 0 ? ['(not stated)'] : [];
  let truth = notStated;
  for (const c of pub.cells) {
    if (!c.suppressed) continue;
    truth += trueN.get(c.key)!;
    if (trueN.get(c.key)! > 0) nonEmptyUnknowns.push(c.key);
  }
  if (derivable !== truth) problems.push(`derived ${derivable} but hidden members hold ${truth}`);
  if (derivable > 0 && derivable < k) problems.push(`${derivable} respondents derivable (< ${k})`);
  if (nonEmptyUnknowns.length === 1 && nonEmptyUnknowns[0] !== '(not stated)') {
    problems.push(`hidden cell ${nonEmptyUnknowns[0]} is determined by subtraction`);
  }
  return problems;
}
