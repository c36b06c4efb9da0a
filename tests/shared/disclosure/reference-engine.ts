/**
 * The disclosure engine as it was before parent rows were hidden first (commit 2f9e0df): the smallest
 * shown sibling is always the complement and every descendant of a hidden unit is hidden. Kept only to
 * measure that the new choice hides no more on the demo (demo-suppression.test.ts).
 */
import { DisclosureError, type DisclosurePolicy, thresholdFor } from '../../../shared/disclosure/policy';

/**
 * Why a cell is hidden:
 * - `small`: fewer than k respondents;
 * - `complementary`: hidden so that the hidden members of its breakdown add up to at least k;
 * - `ancestor`: its parent (unit, or the breakdown's parent cell) is hidden.
 * Internal only: the reason is never published (it would bound the hidden n).
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
 * Decides one sibling group: `members` (indices into `n`/`codes`) share a parent that is shown or not.
 * `hiddenOwn` is the never-shown pseudo-sibling (a unit's own direct staff, a breakdown's "not stated").
 *
 * Guarantee when the parent is shown: the members that are hidden, together with the pseudo-sibling,
 * add up to 0 or to at least `threshold`; and when they add up to more than 0, at least two of them are
 * non-empty, unless the only non-empty one is the pseudo-sibling itself (which then holds ≥ threshold).
 * Primary-hidden members are < threshold, and a complement is only added when the hidden total is in
 * (0, threshold), i.e. next to a non-empty hidden member; one complement (≥ threshold) always suffices.
 */
function decideGroup(
  members: readonly number[],
  hiddenOwn: number,
  parentShown: boolean,
  threshold: number,
  n: readonly number[],
  codes: readonly string[],
  shown: Uint8Array,
  reasons: (SuppressionReason | undefined)[],
): void {
  if (!parentShown) {
    for (const m of members) reasons[m] = 'ancestor';
    return;
  }
  let hiddenSum = hiddenOwn;
  for (const m of members) {
    const count = n[m]!;
    if (count < threshold) {
      reasons[m] = 'small';
      hiddenSum += count;
    } else {
      shown[m] = 1;
    }
  }
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
 * - complementary: if the hidden members (with the own staff when > 0) sum to more than 0 but fewer
 *   than the threshold, the smallest shown sibling (ties by code) is hidden too (`complementary`);
 * - hierarchy: every descendant of a hidden unit is hidden (`ancestor`), so a hidden unit can never be
 *   rebuilt from shown descendants.
 *
 * Guarantee: for every shown unit (and the shown total), parent n minus its shown children's n — all an
 * attacker can derive by subtraction — is 0 or covers at least `threshold` respondents, and never
 * isolates a single non-empty hidden unit. Because the hidden part of each group is only constrained
 * by that one equation, no hidden unit's n and no own-staff group below the threshold can be derived
 * from the shown cells by any combination of sums and differences.
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
  decideGroup(roots, 0, totalShown, threshold, n, codes, shown, reasons);
  for (const i of order) {
    const kids = children[i]!;
    if (kids.length > 0)
      decideGroup(kids, units[i]!.ownCount, shown[i] === 1, threshold, n, codes, shown, reasons);
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
    threshold,
    n,
    codes,
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
