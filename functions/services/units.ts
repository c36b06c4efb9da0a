import type { Unit, UnitCreate } from '../../shared/api/organisation';
import { DomainError } from './errors';
import type { AppDeps } from '../deps';

/** Every unit, as stored. */
export function listUnits(deps: AppDeps): Promise<Unit[]> {
  return deps.store.directory.listUnits();
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
