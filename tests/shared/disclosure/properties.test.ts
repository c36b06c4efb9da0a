import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BreakdownCell,
  type DisclosurePolicy,
  discloseBreakdown,
  discloseUnitTree,
  publishable,
  publishCell,
  type UnitCount,
} from '../../../shared/disclosure';
import {
  conformanceOfTree,
  hiddenSubtrees,
  linearAttackOnTree,
  subtractionAttackOnBreakdown,
  subtractionAttackOnTree,
  valueAttackOnTree,
} from './attacker';
import * as reference from './reference-engine';

/** Random cases per property: 1,000 in `npm run test:resilience`, 250 in the fast loop (new ones each run). */
const RUNS = import.meta.env.MODE === 'resilience' ? 1000 : 250;
const MAX_DEPTH = 5;

/** Counts with many small values (where suppression happens) and some large ones. */
const countArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) },
);

interface Case {
  units: UnitCount[];
  /** favourable answers among each unit's own respondents (0..ownCount) */
  favourable: Map<string, number>;
  policy: DisclosurePolicy;
  sensitive: boolean;
}

/** Random forests: 1–60 units, depth ≤ 5, random codes (so code order ≠ creation order), k in 3..10. */
const caseArb: fc.Arbitrary<Case> = fc
  .array(
    fc.record({ newRoot: fc.integer({ min: 0, max: 11 }), parent: fc.nat(), own: countArb, fav: fc.nat() }),
    { minLength: 1, maxLength: 60 },
  )
  .chain((specs) =>
    fc.record({
      specs: fc.constant(specs),
      codes: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,3}$/), {
        minLength: specs.length,
        maxLength: specs.length,
      }),
      k: fc.integer({ min: 5, max: 10 }),
      extra: fc.integer({ min: 0, max: 10 }),
      sensitive: fc.boolean(),
    }),
  )
  .map(({ specs, codes, k, extra, sensitive }) => {
    const depth: number[] = [];
    const units: UnitCount[] = [];
    const favourable = new Map<string, number>();
    specs.forEach((spec, i) => {
      const candidates = depth.flatMap((d, j) => (d < MAX_DEPTH ? [j] : []));
      const parent = i === 0 || spec.newRoot === 0 ? -1 : candidates[spec.parent % candidates.length]!;
      depth.push(parent < 0 ? 1 : depth[parent]! + 1);
      units.push({ code: codes[i]!, parentCode: parent < 0 ? null : codes[parent]!, ownCount: spec.own });
      favourable.set(codes[i]!, spec.fav % (spec.own + 1));
    });
    return { units, favourable, policy: { k, kSensitive: k + extra }, sensitive };
  });

const thresholdOf = (c: Case): number => (c.sensitive ? c.policy.kSensitive : c.policy.k);

describe('disclosure engine on random unit trees', () => {
  it('shows only cells of at least k, follows the rules, hides subtrees, resists subtraction', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const k = thresholdOf(c);
        const result = discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive });
        const pub = publishable(result);
        expect(result.threshold).toBe(k);
        expect(result.cells.size).toBe(c.units.length);
        // (a) every shown cell has n ≥ k
        for (const cell of [result.total, ...result.cells.values()])
          if (cell.shown) expect(cell.n).toBeGreaterThanOrEqual(k);
        // published view carries no n (and no reason) for hidden cells
        for (const cell of pub.cells) {
          expect(Object.keys(cell).sort()).toEqual(['key', 'n', 'suppressed']);
          expect(cell.n === null).toBe(cell.suppressed);
          expect(cell.suppressed).toBe(!result.cells.get(cell.key)!.shown);
        }
        // rules as written (no over- or under-suppression)
        expect(conformanceOfTree(c.units, result, k)).toEqual([]);
        // (b) subtraction attack at every shown parent, including the organisation
        expect(subtractionAttackOnTree(c.units, pub, k)).toEqual([]);
        // (c) hidden units' descendants are hidden
        expect(hiddenSubtrees(c.units, pub, result)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('no hidden unit or small own-staff group is derivable by any sums and differences', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const k = thresholdOf(c);
        const pub = publishable(discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive }));
        expect(linearAttackOnTree(c.units, pub, k)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('hides no more units than the smallest-sibling rule did (reference-engine.ts)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const hidden = (r: { cells: ReadonlyMap<string, { shown: boolean }> }) =>
          [...r.cells.values()].filter((cell) => !cell.shown).length;
        const now = discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive });
        const before = reference.discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive });
        expect(hidden(now)).toBeLessThanOrEqual(hidden(before));
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) is deterministic: shuffled input gives the same output', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.shuffledSubarray(c.units, { minLength: c.units.length, maxLength: c.units.length }),
          ),
        ),
        ([c, shuffled]) => {
          const a = discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive });
          const b = discloseUnitTree(shuffled, c.policy, { sensitive: c.sensitive });
          expect([...b.cells]).toEqual([...a.cells]);
          expect(b.total).toEqual(a.total);
          expect(publishable(b)).toEqual(publishable(a));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('(e) values attached to cells can only be derived for groups of at least k', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const k = thresholdOf(c);
        const result = discloseUnitTree(c.units, c.policy, { sensitive: c.sensitive });
        const subtreeValue = new Map<string, number>();
        const children = new Map<string, string[]>();
        for (const u of c.units) {
          if (u.parentCode !== null)
            children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);
        }
        const sum = (code: string): number => {
          const v = c.favourable.get(code)! + (children.get(code) ?? []).reduce((a, ch) => a + sum(ch), 0);
          subtreeValue.set(code, v);
          return v;
        };
        let totalValue = 0;
        for (const u of c.units) if (u.parentCode === null) totalValue += sum(u.code);
        const published = new Map(
          [...result.cells].map(([code, cell]) => [
            code,
            publishCell(cell, { favourable: subtreeValue.get(code)! }),
          ]),
        );
        const total = publishCell(result.total, { favourable: totalValue });
        expect(valueAttackOnTree(c.units, c.favourable, published, total, k)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

interface FlatCase {
  cells: BreakdownCell[];
  parentN: number;
  parentShown: boolean;
  policy: DisclosurePolicy;
  sensitive: boolean;
}

const flatArb: fc.Arbitrary<FlatCase> = fc
  .record({
    cells: fc.uniqueArray(fc.record({ key: fc.stringMatching(/^[a-z0-9]{1,3}$/), n: countArb }), {
      selector: (cell) => cell.key,
      maxLength: 12,
    }),
    notStated: fc.oneof(fc.constant(0), countArb),
    parentShown: fc.oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    k: fc.integer({ min: 5, max: 10 }),
    extra: fc.integer({ min: 0, max: 10 }),
    sensitive: fc.boolean(),
  })
  .map(({ cells, notStated, parentShown, k, extra, sensitive }) => ({
    cells,
    parentN: cells.reduce((a, cell) => a + cell.n, 0) + notStated,
    parentShown,
    policy: { k, kSensitive: k + extra },
    sensitive,
  }));

describe('disclosure engine on random flat breakdowns', () => {
  it('shows only cells of at least k under a shown parent and resists subtraction', () => {
    fc.assert(
      fc.property(flatArb, (c) => {
        const k = c.sensitive ? c.policy.kSensitive : c.policy.k;
        const result = discloseBreakdown(c.cells, { n: c.parentN, shown: c.parentShown }, c.policy, {
          sensitive: c.sensitive,
        });
        const pub = publishable(result);
        expect(result.cells.size).toBe(c.cells.length);
        const parentShown = c.parentShown && c.parentN >= k;
        expect(result.total.shown).toBe(parentShown);
        for (const cell of c.cells) {
          const decided = result.cells.get(cell.key)!;
          expect(decided.n).toBe(cell.n);
          if (decided.shown) expect(decided.n).toBeGreaterThanOrEqual(k);
          if (!parentShown) expect(decided).toEqual({ n: cell.n, shown: false, reason: 'ancestor' });
          else if (cell.n < k) expect(decided.reason).toBe('small');
        }
        // At most one complement, and only when needed.
        const complements = [...result.cells.values()].filter((d) => d.reason === 'complementary');
        const hiddenBefore =
          c.parentN -
          c.cells.reduce((a, cell) => a + cell.n, 0) +
          c.cells.reduce((a, cell) => a + (cell.n < k ? cell.n : 0), 0);
        expect(complements.length).toBe(parentShown && hiddenBefore > 0 && hiddenBefore < k ? 1 : 0);
        expect(subtractionAttackOnBreakdown(c.cells, c.parentN, pub, k)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: shuffled cells give the same output', () => {
    fc.assert(
      fc.property(
        flatArb.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.shuffledSubarray(c.cells, { minLength: c.cells.length, maxLength: c.cells.length }),
          ),
        ),
        ([c, shuffled]) => {
          const parent = { n: c.parentN, shown: c.parentShown };
          const a = discloseBreakdown(c.cells, parent, c.policy, { sensitive: c.sensitive });
          const b = discloseBreakdown(shuffled, parent, c.policy, { sensitive: c.sensitive });
          expect([...b.cells]).toEqual([...a.cells]);
          expect(b.total).toEqual(a.total);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
