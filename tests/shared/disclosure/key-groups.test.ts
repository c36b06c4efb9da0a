import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GroupUnit, groupOfUnit, KeyGroupError, keyGroups } from '../../../shared/disclosure';

const u = (code: string, parentCode: string | null, invited: number): GroupUnit => ({
  code,
  parentCode,
  invited,
});

describe('key groups', () => {
  it('gives a unit of one its parent’s key, never a key of its own', () => {
    const groups = keyGroups([u('city', null, 30), u('a', 'city', 12), u('solo', 'city', 1)], 10);
    const of = groupOfUnit(groups);
    expect(of.get('solo')).toBe('city');
    expect(of.get('a')).toBe('a');
    expect(groups.find((g) => g.id === 'city')).toEqual({ id: 'city', units: ['city', 'solo'], invited: 31 });
  });

  it('merges small siblings upward until the group is large enough', () => {
    const groups = keyGroups(
      [u('r', null, 0), u('d', 'r', 2), u('s1', 'd', 4), u('s2', 'd', 3), u('big', 'r', 40)],
      10,
    );
    // d (2) + s1 (4) + s2 (3) = 9 < 10 → joins r, which has no people of its own: r's leftover joins
    // the smallest group under r (big), renamed for r.
    expect(groups).toEqual([{ id: 'r', units: ['r', 'd', 's1', 's2', 'big'], invited: 49 }]);
  });

  it('refuses an organisation smaller than one group', () => {
    expect(() => keyGroups([u('r', null, 3), u('x', 'r', 4)], 10)).toThrow(KeyGroupError);
  });

  it('holds for random trees: every person in exactly one group of at least k', () => {
    const tree = fc
      .array(fc.tuple(fc.nat(40), fc.nat(60)), { minLength: 1, maxLength: 60 })
      .map((rows) =>
        rows.map(([parent, invited], i) => u(`u${i}`, i === 0 ? null : `u${parent % i}`, invited)),
      );
    fc.assert(
      fc.property(tree, fc.integer({ min: 5, max: 25 }), (units, k) => {
        const total = units.reduce((s, x) => s + x.invited, 0);
        if (total < k) {
          expect(() => keyGroups(units, k)).toThrow(KeyGroupError);
          return;
        }
        const groups = keyGroups(units, k);
        for (const g of groups) expect(g.invited).toBeGreaterThanOrEqual(k);
        const of = groupOfUnit(groups);
        const covered = units.filter((x) => x.invited > 0);
        for (const x of covered) expect(of.has(x.code)).toBe(true);
        expect(groups.reduce((s, g) => s + g.invited, 0)).toBe(total);
        const seen = groups.flatMap((g) => g.units);
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });
});
