import { describe, expect, it } from 'vitest';
import { discloseUnitTree, policyFrom, publishable, type UnitCount } from '../../../shared/disclosure';
import { conformanceOfTree, hiddenSubtrees, subtractionAttackOnTree } from './attacker';

/** A deterministic pseudo-random generator (no timing, no Math.random). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function cityTree(size: number, seed: number): UnitCount[] {
  const random = lcg(seed);
  const units: UnitCount[] = [];
  const depth: number[] = [];
  for (let i = 0; i < size; i++) {
    const candidates = i < 3 ? [] : depth.flatMap((d, j) => (d < 6 ? [j] : []));
    const parent = candidates.length === 0 ? -1 : candidates[Math.floor(random() * candidates.length)]!;
    depth.push(parent < 0 ? 1 : depth[parent]! + 1);
    const ownCount = random() < 0.7 ? Math.floor(random() * 8) : Math.floor(random() * 60);
    units.push({
      code: `U${String(i).padStart(4, '0')}`,
      parentCode: parent < 0 ? null : `U${String(parent).padStart(4, '0')}`,
      ownCount,
    });
  }
  return units;
}

describe('disclosure engine at city scale', () => {
  it('processes a 2,000-unit tree consistently, repeatedly', () => {
    const units = cityTree(2000, 42);
    const policy = policyFrom(5);
    const result = discloseUnitTree(units, policy);
    expect(result.cells.size).toBe(2000);
    expect(result.total.n).toBe(units.reduce((a, u) => a + u.ownCount, 0));
    const reasons = new Set([...result.cells.values()].map((c) => c.reason ?? 'shown'));
    expect(reasons).toEqual(new Set(['shown', 'small', 'complementary', 'ancestor']));
    const pub = publishable(result);
    expect(conformanceOfTree(units, result, 5)).toEqual([]);
    expect(subtractionAttackOnTree(units, pub, 5)).toEqual([]);
    expect(hiddenSubtrees(units, pub, result)).toEqual([]);
    // Applied again when serving: cheap and identical every time.
    for (let i = 0; i < 50; i++) expect(publishable(discloseUnitTree(units, policy))).toEqual(pub);
  });

  it('handles a 2,000-deep chain without recursion limits', () => {
    const units: UnitCount[] = Array.from({ length: 2000 }, (_, i) => ({
      code: `C${i}`,
      parentCode: i === 0 ? null : `C${i - 1}`,
      ownCount: i % 3,
    }));
    const result = discloseUnitTree(units, policyFrom());
    expect(result.total.n).toBe(units.reduce((a, u) => a + u.ownCount, 0));
    // C0 has no own respondents, so C1 is shown; C1's own staff (1) forces its only child C2 to be
    // hidden as a complement, and everything below follows.
    expect(result.cells.get('C0')).toEqual({ n: result.total.n, shown: true });
    expect(result.cells.get('C1')?.shown).toBe(true);
    expect(result.cells.get('C2')?.reason).toBe('complementary');
    expect(result.cells.get('C1999')).toEqual({ n: 1, shown: false, reason: 'ancestor' });
    expect(subtractionAttackOnTree(units, publishable(result), 5)).toEqual([]);
  });
});
