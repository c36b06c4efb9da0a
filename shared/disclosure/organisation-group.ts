import { type KeyGroup, keyGroups } from './key-groups';

/**
 * Several top-level units (a city's departments, its assembly secretariat,
 * its board of education…) have no common parent in the unit tree, and a
 * small one (the assembly secretariat's 7) has no parent's key group to join.
 * Key groups are therefore formed under a virtual root, the whole
 * organisation: what no department can carry goes to the organisation's own
 * group, whose answers count only in the organisation's overall figures. Its
 * id is a code no unit can have.
 */
export const ORGANISATION_GROUP = '*';

export const ORGANISATION_NAME = { ja: '全庁（複数の部局）', en: 'Whole organisation (several departments)' };

/**
 * The units with the virtual root above the top-level ones, when there is
 * more than one; a tree with a single root is left as it is.
 */
export function underOrganisation<U extends { code: string; parentCode: string | null }>(
  units: readonly U[],
): Array<U | { code: string; parentCode: string | null }> {
  const known = new Set(units.map((u) => u.code));
  const roots = units.filter((u) => u.parentCode === null || !known.has(u.parentCode));
  if (roots.length <= 1) return [...units];
  return [
    { code: ORGANISATION_GROUP, parentCode: null },
    ...units.map((u) => (roots.includes(u) ? { ...u, parentCode: ORGANISATION_GROUP } : u)),
  ];
}

/**
 * The key groups a roster forms (key-groups.ts), under the whole organisation when it has several
 * top-level units: each unit's invited people are the roster's rows in it. Campaigns (at least
 * max(k_sensitive, 10) people a key) and feedback years (k_sensitive) both form theirs this way.
 * Throws KeyGroupError when the roster cannot form them.
 */
export function rosterKeyGroups(
  units: ReadonlyArray<{ code: string; parentCode: string | null }>,
  staff: ReadonlyArray<{ unitCode: string }>,
  minSize: number,
): KeyGroup[] {
  const invited = new Map<string, number>();
  for (const s of staff) invited.set(s.unitCode, (invited.get(s.unitCode) ?? 0) + 1);
  return keyGroups(
    underOrganisation(units).map((u) => ({
      code: u.code,
      parentCode: u.parentCode,
      invited: invited.get(u.code) ?? 0,
    })),
    minSize,
  );
}
