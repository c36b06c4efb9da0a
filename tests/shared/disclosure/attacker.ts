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
 * What an attacker gets from one shown parent by subtraction: parent n minus every shown cell reached
 * through hidden units only (its shown children, and the shown children of hidden children, …). The
 * rest is the `region`: the parent's own staff and, for each hidden unit reached, its own staff — as
 * atoms, each with the hidden unit it lies under (a hidden unit whose children are shown keeps only
 * its residual in the region).
 */
function regionOf(
  facts: TreeFacts,
  parent: string,
  isShown: (code: string) => boolean,
): { frontier: string[]; atoms: { code: string; count: number; under: string[] }[] } {
  const frontier: string[] = [];
  const atoms: { code: string; count: number; under: string[] }[] = [];
  if (parent !== ORG) atoms.push({ code: parent, count: facts.own.get(parent)!, under: [] });
  const walk = (code: string, under: string[]) => {
    for (const c of facts.children.get(code) ?? []) {
      if (isShown(c)) {
        frontier.push(c);
        continue;
      }
      const path = [...under, c];
      atoms.push({ code: c, count: facts.own.get(c)!, under: path });
      walk(c, path);
    }
  };
  walk(parent, []);
  return { frontier, atoms };
}

/**
 * The subtraction attack on every shown parent (and the shown organisation total), through hidden
 * units down to the shown cells below them: what is left is the total of the unknown atoms (own direct
 * staff of the parent and of the hidden units). That total must be 0 or ≥ k; it must never isolate one
 * hidden unit (its atoms being all the non-empty ones), and a hidden non-empty unit must keep a
 * non-empty part in it (else it is the sum of shown cells).
 */
export function subtractionAttackOnTree(
  units: readonly UnitCount[],
  pub: PublishedDisclosure,
  k: number,
): string[] {
  const facts = treeFacts(units);
  const shownN = publishedN(pub);
  const isShown = (code: string) => shownN.get(code) !== null;
  const problems: string[] = [];
  const parents: [string, number | null][] = [
    [ORG, pub.total.n],
    ...pub.cells.map((c) => [c.key, c.n] as [string, number | null]),
  ];
  for (const [parent, parentN] of parents) {
    if (parentN === null) continue;
    const { frontier, atoms } = regionOf(facts, parent, isShown);
    let derivable = parentN;
    for (const c of frontier) derivable -= shownN.get(c)!;
    const truth = atoms.reduce((a, atom) => a + atom.count, 0);
    const nonEmpty = atoms.filter((atom) => atom.count > 0);
    if (derivable !== truth)
      problems.push(`${parent}: derived ${derivable} but hidden members hold ${truth}`);
    if (derivable > 0 && derivable < k)
      problems.push(`${parent}: ${derivable} respondents derivable (< ${k})`);
    const hiddenHere = new Set(atoms.flatMap((atom) => atom.under));
    for (const h of hiddenHere) {
      const mine = nonEmpty.filter((atom) => atom.under.includes(h));
      if (mine.length === 0 && facts.n.get(h)! > 0)
        problems.push(`${parent}: hidden unit ${h} is the sum of shown cells`);
      else if (mine.length > 0 && mine.length === nonEmpty.length)
        problems.push(`${parent}: hidden unit ${h} is determined by subtraction`);
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
  const isShown = (code: string) => pub.get(code)?.suppressed === false;
  for (const [parent, cell] of parents) {
    if (cell.n === null || cell.favourable === null) continue;
    const { frontier, atoms } = regionOf(facts, parent, isShown);
    let derivedN = cell.n;
    let derivedValue = cell.favourable;
    for (const c of frontier) {
      derivedN -= pub.get(c)!.n!;
      derivedValue -= pub.get(c)!.favourable!;
    }
    const truthValue = atoms.reduce((a, atom) => a + (ownValue.get(atom.code) ?? 0), 0);
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
 * Conformance with the rules as written (not just safety), worked out again independently:
 * - bottom-up, a unit (n ≥ k) whose own group's hidden mass — own staff, small children, children joined
 *   to it — is in (0, k) is "needy"; a group joins all its needy members (hides their rows, their mass
 *   joins the group) when the group's hidden mass then reaches k;
 * - top-down, per sibling group of an open parent (shown, or joined): a member below k is `small`, a
 *   joined one `complementary`; under a shown parent at most one more `complementary` member is hidden —
 *   only when the hidden mass is in (0, k) without it, and it is the smallest remaining member (ties by
 *   code) — and every other member is shown; members of a closed parent are `ancestor`.
 * Catches an engine that over-suppresses.
 */
export function conformanceOfTree(units: readonly UnitCount[], result: Disclosure, k: number): string[] {
  const facts = treeFacts(units);
  const problems: string[] = [];
  if (result.total.n !== facts.total) problems.push(`total ${result.total.n} ≠ ${facts.total}`);
  if (result.total.shown !== facts.total >= k) problems.push('total shown iff total ≥ k');
  for (const [code, cell] of result.cells) {
    if (cell.n !== facts.n.get(code)) problems.push(`${code}: n ${cell.n} ≠ ${facts.n.get(code)}`);
  }
  const n = (code: string) => facts.n.get(code)!;
  const joined = new Set<string>();
  const mass = new Map<string, number>();
  const massOf = (parent: string): number => {
    const kids = facts.children.get(parent) ?? [];
    for (const c of kids) massOf(c);
    let m = parent === ORG ? 0 : facts.own.get(parent)!;
    for (const c of kids) if (n(c) < k) m += n(c);
    const needy = kids.filter((c) => n(c) >= k && mass.get(c)! > 0 && mass.get(c)! < k);
    const needed = needy.reduce((a, c) => a + mass.get(c)!, 0);
    if (needy.length > 0 && m + needed >= k) {
      for (const c of needy) joined.add(c);
      m += needed;
    }
    mass.set(parent, m);
    return m;
  };
  massOf(ORG);
  const open = new Map<string, boolean>([[ORG, result.total.shown]]);
  const shownOf = new Map<string, boolean>([[ORG, result.total.shown]]);
  const visit = (parent: string) => {
    const kids = (facts.children.get(parent) ?? []).map((code) => ({ code, cell: result.cells.get(code)! }));
    for (const { code, cell } of kids) shownOf.set(code, cell.shown);
    if (!open.get(parent)) {
      for (const { code, cell } of kids) {
        if (cell.shown || cell.reason !== 'ancestor')
          problems.push(`${code}: parent hidden, expected ancestor`);
        open.set(code, false);
      }
    } else {
      const small = kids.filter(({ cell }) => cell.n < k);
      const join = kids.filter(({ code, cell }) => cell.n >= k && joined.has(code));
      const rest = kids.filter(({ code, cell }) => cell.n >= k && !joined.has(code));
      for (const { code, cell } of small)
        if (cell.reason !== 'small') problems.push(`${code}: expected small`);
      for (const { code, cell } of join) {
        if (cell.shown || cell.reason !== 'complementary') problems.push(`${code}: expected joined`);
      }
      const hiddenBefore =
        (parent === ORG ? 0 : facts.own.get(parent)!) +
        small.reduce((a, { cell }) => a + cell.n, 0) +
        join.reduce((a, { code }) => a + mass.get(code)!, 0);
      const complements = rest.filter(({ cell }) => !cell.shown);
      const needed = shownOf.get(parent) === true && hiddenBefore > 0 && hiddenBefore < k;
      if (complements.length !== (needed ? 1 : 0)) {
        problems.push(`${parent}: ${complements.length} complements, hidden total before ${hiddenBefore}`);
      }
      for (const { code, cell } of complements) {
        if (cell.reason !== 'complementary') problems.push(`${code}: expected complementary`);
        const smaller = rest.find((o) => o.cell.n < cell.n || (o.cell.n === cell.n && o.code < code));
        if (smaller) problems.push(`${code}: complement chosen over smaller ${smaller.code}`);
      }
      for (const { code, cell } of kids) open.set(code, cell.shown || (joined.has(code) && cell.n >= k));
    }
    for (const { code } of kids) visit(code);
  };
  visit(ORG);
  return problems;
}

/**
 * Every descendant of a hidden unit is hidden, except under a unit hidden as a joined parent row
 * (`complementary` with shown children: its residual is checked by the subtraction attacks).
 */
export function hiddenSubtrees(
  units: readonly UnitCount[],
  pub: PublishedDisclosure,
  result?: Disclosure,
): string[] {
  const facts = treeFacts(units);
  const suppressed = new Map(pub.cells.map((c) => [c.key, c.suppressed]));
  const problems: string[] = [];
  for (const u of units) {
    if (suppressed.get(u.code)) continue;
    for (let p = u.parentCode; p !== null; p = facts.parentOf.get(p) ?? null) {
      if (suppressed.get(p) && result?.cells.get(p)?.reason !== 'complementary')
        problems.push(`${u.code} shown under hidden ${p}`);
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
