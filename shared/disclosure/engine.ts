import { DisclosureError, type DisclosurePolicy, thresholdFor } from './policy';

/**
 * Why a cell is hidden:
 * - `small`: fewer than k respondents;
 * - `complementary`: hidden so that the hidden members of its breakdown add up to at least k (a sibling,
 *   or a parent row whose small residual joins its own parent's group);
 * - `ancestor`: its parent (unit, or the breakdown's parent cell) is hidden.
 * Internal. What is published is the coarser `HiddenReason` (publish.ts): few or complementary.
 */
export type SuppressionReason = 'small' | 'complementary' | 'ancestor';

/** The engine's decision for one cell. `n` is for internal use; publish through `publishable`/`publishCell`. */
export interface CellDisclosure {
  readonly n: number;
  readonly shown: boolean;
  readonly reason?: SuppressionReason;
}

/** Result of the engine, for a unit tree or for a flat breakdown. */
export interface Disclosure {
  /** The minimum group size that was applied (k or kSensitive). */
  readonly threshold: number;
  /** The parent of everything: the whole organisation for a unit tree, the given parent for a breakdown. */
  readonly total: CellDisclosure;
  /** One decision per unit code / breakdown key, in ascending code order. */
  readonly cells: ReadonlyMap<string, CellDisclosure>;
}

export interface DisclosureOptions {
  /** Apply `kSensitive` instead of `k` (harassment module, free-text comments). */
  readonly sensitive?: boolean;
}

/** One unit of the tree; `ownCount` counts respondents whose unit is exactly this one (not descendants). */
export interface UnitCount {
  readonly code: string;
  readonly parentCode: string | null;
  readonly ownCount: number;
}

/** One cell of a flat breakdown (job level, age band, …). */
export interface BreakdownCell {
  readonly key: string;
  readonly n: number;
}

/** Code-unit order: deterministic and independent of locale. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkCount(value: number, what: string): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new DisclosureError(`${what} must be a non-negative integer (got ${String(value)})`);
  }
}

function checkCode(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new DisclosureError(`${what} must be a non-empty string`);
  }
}

/**
 * Decides one sibling group: `members` (indices into `n`/`codes`) share a parent that is open (shown, or
 * hidden only so that its residual joins its own parent's group) or not.
 * `hiddenOwn` is the never-shown pseudo-sibling (a unit's own direct staff, a breakdown's "not stated").
 * `joined` marks members hidden as a whole parent row so that their residual (their own group's hidden
 * mass, in (0, threshold)) joins this group; `residual` holds that mass. A joined member stays open: its
 * own children are decided as under a shown parent.
 *
 * Guarantee when the parent is shown: the hidden mass of the group (the pseudo-sibling, hidden members'
 * subtrees, joined members' residuals) is 0 or at least `threshold`; and when it is more than 0, at least
 * two of its parts are non-empty, unless the only non-empty one is the pseudo-sibling itself (which then
 * holds ≥ threshold). A complement is only added when the parent is shown and the hidden mass is in
 * (0, threshold); one complement (≥ threshold) always suffices. A group whose parent is itself joined
 * gets no complement: its mass in (0, threshold) is protected in the parent's own group.
 */
function decideGroup(
  members: readonly number[],
  hiddenOwn: number,
  parentOpen: boolean,
  parentShown: boolean,
  threshold: number,
  n: readonly number[],
  codes: readonly string[],
  joined: Uint8Array | null,
  residual: readonly number[] | null,
  shown: Uint8Array,
  reasons: (SuppressionReason | undefined)[],
): void {
  if (!parentOpen) {
    for (const m of members) reasons[m] = 'ancestor';
    return;
  }
  let hiddenSum = hiddenOwn;
  for (const m of members) {
    const count = n[m]!;
    if (count < threshold) {
      reasons[m] = 'small';
      hiddenSum += count;
    } else if (joined !== null && joined[m] === 1) {
      reasons[m] = 'complementary';
      hiddenSum += residual![m]!;
    } else {
      shown[m] = 1;
    }
  }
  if (!parentShown) return;
  while (hiddenSum > 0 && hiddenSum < threshold) {
    // Hide the next-smallest shown sibling; ties by code.
    let pick = -1;
    for (const m of members) {
      if (shown[m] !== 1) continue;
      if (pick < 0 || n[m]! < n[pick]! || (n[m] === n[pick] && compareCodes(codes[m]!, codes[pick]!) < 0)) {
        pick = m;
      }
    }
    // Unreachable for a consistent input: a shown parent has n ≥ threshold, so hiding every member
    // (and the pseudo-sibling) reaches the threshold.
    if (pick < 0)
      throw new DisclosureError('inconsistent counts: a shown parent is smaller than the threshold');
    shown[pick] = 0;
    reasons[pick] = 'complementary';
    hiddenSum += n[pick]!;
  }
}

/**
 * Bottom-up, which parent rows to hide instead of a section (DESIGN §4, "hide as little as it must").
 * A unit whose own group's hidden mass (its direct staff, small children, children joined to it) is in
 * (0, threshold) needs protection from "parent − shown children". Rather than hiding its smallest child
 * (a whole section), its own row is hidden ("joined"), so that mass joins its parent's group — when
 * the parent's group, with the other hidden mass it holds (its direct staff, small members, other
 * joined rows), then reaches the threshold. Otherwise the unit keeps its row and hides its smallest
 * child, as before. Returns each unit's residual (its group's hidden mass) and which units are joined.
 */
function planJoins(
  order: readonly number[],
  roots: readonly number[],
  children: readonly (readonly number[])[],
  own: readonly number[],
  n: readonly number[],
  threshold: number,
): { joined: Uint8Array; residual: number[] } {
  const count = n.length;
  const joined = new Uint8Array(count);
  const residual: number[] = new Array(count).fill(0);
  const plan = (members: readonly number[], ownCount: number): number => {
    let mass = ownCount;
    let needy = 0;
    for (const m of members) {
      if (n[m]! < threshold) mass += n[m]!;
      else if (residual[m]! > 0 && residual[m]! < threshold) needy += residual[m]!;
    }
    // Join the needy members only when that brings this group's hidden mass to the threshold: then it
    // needs no complement, and each joined residual lies beside another non-empty part (this group's
    // own hidden mass, or another joined residual). Otherwise each needy member hides its smallest
    // child as before, so joining never hides more cells than the smallest-sibling rule.
    if (needy === 0 || mass + needy < threshold) return mass;
    for (const m of members) {
      if (n[m]! >= threshold && residual[m]! > 0 && residual[m]! < threshold) joined[m] = 1;
    }
    return mass + needy;
  };
  for (let j = order.length - 1; j >= 0; j--) {
    const i = order[j]!;
    residual[i] = plan(children[i]!, own[i]!);
  }
  plan(roots, 0);
  return { joined, residual };
}

function cellOf(count: number, isShown: boolean, reason: SuppressionReason | undefined): CellDisclosure {
  return isShown ? { n: count, shown: true } : { n: count, shown: false, reason: reason ?? 'small' };
}

function collect(
  codes: readonly string[],
  n: readonly number[],
  shown: Uint8Array,
  reasons: readonly (SuppressionReason | undefined)[],
): Map<string, CellDisclosure> {
  const order = codes.map((_, i) => i).sort((a, b) => compareCodes(codes[a]!, codes[b]!));
  const cells = new Map<string, CellDisclosure>();
  for (const i of order) cells.set(codes[i]!, cellOf(n[i]!, shown[i] === 1, reasons[i]));
  return cells;
}

/**
 * Disclosure control over a unit tree (DESIGN §4). A unit's cell count n is its own count plus its
 * children's n. The roots are siblings under the whole organisation (own count 0, n = total), which is
 * shown when the total reaches the threshold.
 *
 * Rules, applied top-down to every sibling group (children of a unit plus the unit's own direct staff
 * as a never-shown pseudo-sibling):
 * - primary: n < threshold → hidden (`small`);
 * - residual first: a unit whose group's hidden mass (own staff, small children, joined children) is in
 *   (0, threshold) has its own row hidden instead of a child (`complementary`, see `planJoins`) when
 *   its parent's group can take that mass: the mass then joins the parent's group, and the unit's
 *   children are decided as under a shown parent. This hides one parent row, whose only content not
 *   shown elsewhere is that small residual, rather than a whole section;
 * - complementary: if the hidden mass of a shown parent's group is still more than 0 but fewer than
 *   the threshold, the smallest shown sibling (ties by code) is hidden too (`complementary`);
 * - hierarchy: every descendant of a hidden unit is hidden (`ancestor`), except under a joined unit, so
 *   a hidden unit can never be rebuilt from shown descendants (a joined unit's residual is non-empty).
 *
 * Guarantee: for every shown unit (and the shown total), parent n minus its shown descendants reached
 * through hidden units — all an attacker can derive by subtraction — is 0 or covers at least
 * `threshold` respondents, and never isolates a single non-empty hidden unit or residual. Because each
 * hidden part lies in exactly one such equation, no hidden unit's n and no own-staff group below the
 * threshold can be derived from the shown cells by any combination of sums and differences.
 *
 * Deterministic: the result does not depend on the input order. Linear time apart from sorting codes.
 */
export function discloseUnitTree(
  units: readonly UnitCount[],
  policy: DisclosurePolicy,
  options: DisclosureOptions = {},
): Disclosure {
  const threshold = thresholdFor(policy, options.sensitive);
  const count = units.length;
  const codes: string[] = new Array(count);
  const n: number[] = new Array(count);
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const unit = units[i]!;
    checkCode(unit.code, 'unit code');
    checkCount(unit.ownCount, `ownCount of unit ${unit.code}`);
    if (index.has(unit.code)) throw new DisclosureError(`duplicate unit code ${unit.code}`);
    index.set(unit.code, i);
    codes[i] = unit.code;
    n[i] = unit.ownCount;
  }

  const children: number[][] = Array.from({ length: count }, () => []);
  const parent = new Int32Array(count).fill(-1);
  const roots: number[] = [];
  for (let i = 0; i < count; i++) {
    const { code, parentCode } = units[i]!;
    if (parentCode === null) {
      roots.push(i);
      continue;
    }
    checkCode(parentCode, `parentCode of unit ${code}`);
    const p = index.get(parentCode);
    if (p === undefined) throw new DisclosureError(`unit ${code} has unknown parent ${parentCode}`);
    parent[i] = p;
    children[p]!.push(i);
  }

  // Top-down (breadth-first) order; units not reached from a root lie on a cycle.
  const order = roots.slice();
  for (let head = 0; head < order.length; head++) {
    for (const c of children[order[head]!]!) order.push(c);
  }
  if (order.length !== count) {
    const reached = new Uint8Array(count);
    for (const i of order) reached[i] = 1;
    const stuck = codes.filter((_, i) => reached[i] === 0).sort(compareCodes);
    throw new DisclosureError(`unit hierarchy has a cycle through ${stuck.slice(0, 5).join(', ')}`);
  }

  let total = 0;
  for (let j = count - 1; j >= 0; j--) {
    const i = order[j]!;
    const p = parent[i]!;
    if (p >= 0) n[p]! += n[i]!;
    else total += n[i]!;
  }

  const totalShown = total >= threshold;
  const shown = new Uint8Array(count);
  const reasons: (SuppressionReason | undefined)[] = new Array(count);
  const own = units.map((u) => u.ownCount);
  const { joined, residual } = planJoins(order, roots, children, own, n, threshold);
  decideGroup(roots, 0, totalShown, totalShown, threshold, n, codes, joined, residual, shown, reasons);
  for (const i of order) {
    const kids = children[i]!;
    if (kids.length === 0) continue;
    const isShown = shown[i] === 1;
    const open = isShown || (joined[i] === 1 && reasons[i] === 'complementary');
    decideGroup(kids, own[i]!, open, isShown, threshold, n, codes, joined, residual, shown, reasons);
  }

  return {
    threshold,
    total: cellOf(total, totalShown, 'small'),
    cells: collect(codes, n, shown, reasons),
  };
}

/**
 * Disclosure control over a flat breakdown of a parent cell (job level, age band, employment type, …).
 * `parent` is the cell being broken down — typically a unit's or the total's `CellDisclosure`. The cells
 * may add up to less than `parent.n`: the remainder ("not stated") is a never-shown pseudo-sibling, like
 * a unit's own direct staff. Same rules and guarantee as `discloseUnitTree`. If the parent is not shown
 * (or is below the threshold applied here), every cell is hidden (`ancestor`).
 */
export function discloseBreakdown(
  cells: readonly BreakdownCell[],
  parent: CellDisclosure,
  policy: DisclosurePolicy,
  options: DisclosureOptions = {},
): Disclosure {
  const threshold = thresholdFor(policy, options.sensitive);
  checkCount(parent.n, 'parent n');
  const count = cells.length;
  const codes: string[] = new Array(count);
  const n: number[] = new Array(count);
  const seen = new Set<string>();
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const cell = cells[i]!;
    checkCode(cell.key, 'breakdown key');
    checkCount(cell.n, `n of breakdown cell ${cell.key}`);
    if (seen.has(cell.key)) throw new DisclosureError(`duplicate breakdown key ${cell.key}`);
    seen.add(cell.key);
    codes[i] = cell.key;
    n[i] = cell.n;
    sum += cell.n;
  }
  if (sum > parent.n) {
    throw new DisclosureError(`breakdown cells add up to ${sum}, more than the parent's ${parent.n}`);
  }

  const parentShown = parent.shown && parent.n >= threshold;
  const shown = new Uint8Array(count);
  const reasons: (SuppressionReason | undefined)[] = new Array(count);
  decideGroup(
    codes.map((_, i) => i),
    parent.n - sum,
    parentShown,
    parentShown,
    threshold,
    n,
    codes,
    null,
    null,
    shown,
    reasons,
  );
  const totalReason = parent.shown
    ? 'small'
    : (parent.reason ?? (parent.n < threshold ? 'small' : 'ancestor'));
  return {
    threshold,
    total: cellOf(parent.n, parentShown, totalReason),
    cells: collect(codes, n, shown, reasons),
  };
}

/**
 * Disclosure control for a cell that has no breakdown siblings (an item's distribution overall, the
 * comments, a figure re-checked when it is served): shown only when its parent is shown and its own n
 * reaches the threshold (`kSensitive` for sensitive content).
 */
export function discloseCell(
  n: number,
  parent: Pick<CellDisclosure, 'shown'>,
  policy: DisclosurePolicy,
  options: DisclosureOptions = {},
): CellDisclosure {
  const threshold = thresholdFor(policy, options.sensitive);
  checkCount(n, 'cell n');
  if (!parent.shown) return { n, shown: false, reason: 'ancestor' };
  return cellOf(n, n >= threshold, 'small');
}
