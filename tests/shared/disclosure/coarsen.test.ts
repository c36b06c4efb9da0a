import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COARSENING_ORDER,
  coarsenAttributes,
  countCombinations,
  matching,
  ROSTER_ATTRIBUTES,
  type RosterAttributes,
} from '../../../shared/disclosure/coarsen';

const person = (jobLevel?: string, ageBand?: string, employmentType?: string): RosterAttributes => ({
  jobLevel,
  ageBand,
  employmentType,
});
const times = (n: number, p: RosterAttributes) => Array.from({ length: n }, () => p);

describe('coarsenAttributes (A1)', () => {
  // A key group of 20: 12 regular staff in their 30s, 3 managers in their 50s, 5 fiscal-year staff.
  const group = countCombinations([
    ...times(12, person('staff', '30s', 'regular')),
    ...times(3, person('manager', '50s', 'regular')),
    ...times(5, person('staff', '40s', 'fiscal_year')),
  ]);

  it('keeps the full combination when at least k people share it', () => {
    const stated = { jobLevel: 'staff', ageBand: '30s', employmentType: 'regular' };
    expect(coarsenAttributes(stated, group, 5)).toEqual(stated);
  });

  it('drops the age band first, then the job level, for a combination fewer than k share', () => {
    // 3 managers in their 50s: manager+regular = 3, 50s+regular = 3, manager+50s = 3, regular = 15.
    expect(
      coarsenAttributes({ jobLevel: 'manager', ageBand: '50s', employmentType: 'regular' }, group, 5),
    ).toEqual({ employmentType: 'regular' });
    // 5 fiscal-year staff in their 40s: the full combination is shared by exactly k = 5.
    expect(
      coarsenAttributes({ jobLevel: 'staff', ageBand: '40s', employmentType: 'fiscal_year' }, group, 5),
    ).toEqual({ jobLevel: 'staff', ageBand: '40s', employmentType: 'fiscal_year' });
    expect(
      coarsenAttributes({ jobLevel: 'staff', ageBand: '40s', employmentType: 'fiscal_year' }, group, 6),
    ).toEqual({ jobLevel: 'staff' });
  });

  it('stores nothing narrower than the group when no combination is shared by k', () => {
    expect(coarsenAttributes({ jobLevel: 'deputy', employmentType: 'fixed_term' }, group, 5)).toEqual({});
  });

  it('never stores an attribute the roster cannot vouch for', () => {
    // The roster has no age bands at all: a stated age band matches nobody, so it is dropped.
    const noAges = countCombinations(times(30, person('staff', undefined, 'regular')));
    expect(
      coarsenAttributes({ jobLevel: 'staff', ageBand: '30s', employmentType: 'regular' }, noAges, 5),
    ).toEqual({ jobLevel: 'staff', employmentType: 'regular' });
    expect(coarsenAttributes({ ageBand: '30s' }, noAges, 5)).toEqual({});
    // Not a roster attribute at all.
    expect(coarsenAttributes({ hobby: 'chess', jobLevel: 'staff' }, noAges, 5)).toEqual({
      jobLevel: 'staff',
    });
  });

  it('keeps only what was stated', () => {
    expect(coarsenAttributes({ ageBand: '30s' }, group, 5)).toEqual({ ageBand: '30s' });
    expect(coarsenAttributes({}, group, 5)).toEqual({});
  });

  it('tries every subset once, fullest first', () => {
    const keys = COARSENING_ORDER.map((c) => [...c].sort().join(','));
    expect(new Set(keys).size).toBe(8);
    for (let i = 1; i < COARSENING_ORDER.length; i++) {
      expect(COARSENING_ORDER[i]!.length).toBeLessThanOrEqual(COARSENING_ORDER[i - 1]!.length);
    }
  });

  it('property: whatever is kept, at least k people of the group share it, and it was stated', () => {
    const value = (xs: string[]) => fc.option(fc.constantFrom(...xs), { nil: undefined });
    const levels = ['staff', 'senior', 'manager'];
    const ages = ['under30', '30s', '50s'];
    const kinds = ['regular', 'fiscal_year'];
    const personArb = fc.record({
      jobLevel: value(levels),
      ageBand: value(ages),
      employmentType: value(kinds),
    });
    fc.assert(
      fc.property(
        fc.array(personArb, { minLength: 10, maxLength: 60 }),
        personArb,
        fc.integer({ min: 5, max: 10 }),
        (people, claim, k) => {
          const counts = countCombinations(people);
          const stated = Object.fromEntries(
            Object.entries(claim).filter((e): e is [string, string] => e[1] !== undefined),
          );
          const kept = coarsenAttributes(stated, counts, k);
          for (const [a, v] of Object.entries(kept)) expect(stated[a]).toBe(v);
          // Count by brute force over the people: roster value known and equal for every kept attribute.
          const n = people.filter((p) =>
            ROSTER_ATTRIBUTES.every((a) => kept[a] === undefined || p[a] === kept[a]),
          ).length;
          expect(n).toBe(matching(counts, kept));
          if (Object.keys(kept).length > 0) expect(n).toBeGreaterThanOrEqual(k);
        },
      ),
      { numRuns: 300 },
    );
  });
});
