/**
 * Key groups (DESIGN §3, A3): no signing key serves fewer than `minSize`
 * invited people. Units are taken bottom-up; a unit whose own people plus the
 * small descendants merged into it number fewer than `minSize` joins its
 * parent's group. A top-level unit that is still too small joins the
 * smallest group in its own subtree, which is then named for the top unit.
 * A group is named for its top unit (the unit whose subtree holds all its
 * members), so a stored answer that carries the group id is counted at that
 * unit in results, and its subtree rolls up as before.
 */

export interface GroupUnit {
  code: string;
  parentCode: string | null;
  /** Invited people whose own unit this is. */
  invited: number;
}

export interface KeyGroup {
  /** The top unit's code. */
  id: string;
  /** Every unit whose people this group's key serves, the top unit first. */
  units: string[];
  invited: number;
}

export class KeyGroupError extends Error {
  constructor(
    message: string,
    readonly invited: number,
  ) {
    super(message);
    this.name = 'KeyGroupError';
  }
}

interface Pool {
  units: string[];
  invited: number;
}

export function keyGroups(units: readonly GroupUnit[], minSize: number): KeyGroup[] {
  const total = units.reduce((sum, u) => sum + u.invited, 0);
  if (total < minSize) {
    throw new KeyGroupError(`${total} invited people; a key group needs at least ${minSize}`, total);
  }
  const known = new Set(units.map((u) => u.code));
  const children = new Map<string | null, GroupUnit[]>();
  for (const u of units) {
    const parent = u.parentCode !== null && known.has(u.parentCode) ? u.parentCode : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const groups: KeyGroup[] = [];
  // Post-order without recursion (trees can be deep): returns what a unit leaves for its parent.
  const leftover = new Map<string, Pool>();
  const formed = new Map<string, KeyGroup[]>();
  const order: GroupUnit[] = [];
  const stack: GroupUnit[] = [...(children.get(null) ?? [])];
  while (stack.length > 0) {
    const u = stack.pop()!;
    order.push(u);
    stack.push(...(children.get(u.code) ?? []));
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const u = order[i]!;
    const pool: Pool = { units: [u.code], invited: u.invited };
    const below: KeyGroup[] = [];
    for (const c of children.get(u.code) ?? []) {
      const rest = leftover.get(c.code);
      if (rest) {
        pool.units.push(...rest.units);
        pool.invited += rest.invited;
      }
      below.push(...(formed.get(c.code) ?? []));
    }
    if (pool.invited >= minSize) {
      const group = { id: u.code, units: pool.units, invited: pool.invited };
      groups.push(group);
      below.push(group);
    } else if (pool.invited > 0 || pool.units.length > 1) {
      leftover.set(u.code, pool);
    }
    formed.set(u.code, below);
  }

  for (const root of children.get(null) ?? []) {
    const rest = leftover.get(root.code);
    if (!rest || rest.invited === 0) continue;
    const inSubtree = formed.get(root.code) ?? [];
    if (inSubtree.length === 0) {
      throw new KeyGroupError(
        `unit ${root.code} and everything under it has ${rest.invited} invited people; a key group needs at least ${minSize}`,
        rest.invited,
      );
    }
    const smallest = inSubtree.reduce((a, b) => (b.invited < a.invited ? b : a));
    smallest.units = [...rest.units, ...smallest.units];
    smallest.invited += rest.invited;
    smallest.id = root.code;
  }
  return groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** unit code → key group id, for every unit a group serves. */
export function groupOfUnit(groups: readonly KeyGroup[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups) for (const u of g.units) out.set(u, g.id);
  return out;
}
