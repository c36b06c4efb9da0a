import type { Unit, UnitCreate, UnitReorder, UnitUpdate } from '../../shared/api/organisation';
import { unitTreeOrder } from '../../shared/organisation/order';
import { DomainError } from './errors';
import type { AppDeps } from '../deps';

/** Every unit, in display order (tree order, siblings by HR's order then code). */
export async function listUnits(deps: AppDeps): Promise<Unit[]> {
  return unitTreeOrder(await deps.store.directory.listUnits()).map(({ unit }) => unit);
}

/** Changes a unit's name or display order. */
export async function updateUnit(deps: AppDeps, code: string, input: UnitUpdate): Promise<Unit> {
  const unit = await deps.store.directory.updateUnit(code, {
    ...(input.name ? { name: { ja: input.name.ja, ...(input.name.en ? { en: input.name.en } : {}) } } : {}),
    ...(input.order !== undefined ? { order: input.order } : {}),
  });
  if (!unit) throw new DomainError('not_found', 'unknown_unit', `no unit ${code}`);
  return unit;
}

/**
 * Puts siblings in the order given: display orders 1, 2, 3 …. Every listed
 * unit must exist and all must share one parent; siblings not listed keep
 * their order.
 */
export async function reorderUnits(deps: AppDeps, input: UnitReorder): Promise<Unit[]> {
  const units = await deps.store.directory.listUnits();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const listed = input.codes.map((code) => {
    const unit = byCode.get(code);
    if (!unit) throw new DomainError('invalid', 'unknown_unit', `unit ${code} does not exist`);
    return unit;
  });
  const parents = new Set(listed.map((u) => u.parentCode ?? null));
  if (parents.size > 1)
    throw new DomainError('invalid', 'not_siblings', 'the units to order must have the same parent');
  const out: Unit[] = [];
  for (const [i, unit] of listed.entries()) {
    if (unit.order === i + 1) {
      out.push(unit);
      continue;
    }
    const updated = await deps.store.directory.updateUnit(unit.code, { order: i + 1 });
    if (!updated) throw new DomainError('conflict', 'unknown_unit', `unit ${unit.code} was removed`);
    out.push(updated);
  }
  return out;
}

export async function createUnit(deps: AppDeps, input: UnitCreate): Promise<Unit> {
  if (input.parentCode) {
    if (input.parentCode === input.code)
      throw new DomainError('invalid', 'invalid_parent', 'a unit cannot be its own parent');
    const parent = await deps.store.directory.getUnit(input.parentCode);
    if (!parent)
      throw new DomainError('invalid', 'unknown_parent', `parent unit ${input.parentCode} does not exist`);
  }
  return deps.store.directory.createUnit({
    code: input.code,
    name: { ja: input.name.ja, ...(input.name.en ? { en: input.name.en } : {}) },
    parentCode: input.parentCode ?? null,
    ...(input.order !== undefined ? { order: input.order } : {}),
  });
}

/** The codes of a unit and everything below it. */
export function subtreeOf(units: Unit[], root: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentCode) continue;
    const list = children.get(u.parentCode) ?? [];
    list.push(u.code);
    children.set(u.parentCode, list);
  }
  const out = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const code = stack.pop()!;
    if (out.has(code)) continue;
    out.add(code);
    stack.push(...(children.get(code) ?? []));
  }
  return out;
}
