/**
 * The order units are listed in: the display order HR sets (the city's own
 * order, `order`), then the code. A unit without an order comes after its
 * ordered siblings. Every list of units — organisation, participation,
 * results, slips, insights — sorts siblings with this one comparator.
 */

export interface OrderedUnit {
  code: string;
  parentCode: string | null;
  order?: number | null;
}

/** Siblings: by `order` (none = last), then by code. */
export function compareUnits(a: Omit<OrderedUnit, 'parentCode'>, b: Omit<OrderedUnit, 'parentCode'>): number {
  const oa = a.order ?? Number.POSITIVE_INFINITY;
  const ob = b.order ?? Number.POSITIVE_INFINITY;
  if (oa !== ob) return oa < ob ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Units in tree order (each parent before its children, siblings by
 * {@link compareUnits}), each with its depth (0 for a top unit). A unit whose
 * parent is not in the list counts as a top unit.
 */
export function unitTreeOrder<U extends OrderedUnit>(units: readonly U[]): Array<{ unit: U; depth: number }> {
  const known = new Set(units.map((u) => u.code));
  const children = new Map<string | null, U[]>();
  for (const u of units) {
    const parent = u.parentCode && known.has(u.parentCode) ? u.parentCode : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  const out: Array<{ unit: U; depth: number }> = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort(compareUnits)) {
      if (seen.has(u.code)) continue;
      seen.add(u.code);
      out.push({ unit: u, depth });
      walk(u.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** unit code → its position in tree order, for sorting rows that carry a unit code. */
export function unitRank(units: readonly OrderedUnit[]): Map<string, number> {
  return new Map(unitTreeOrder(units).map(({ unit }, i) => [unit.code, i]));
}
