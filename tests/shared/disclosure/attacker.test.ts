/** The checkers used by the property tests must themselves catch unsafe publications. */
import { describe, expect, it } from 'vitest';
import type { PublishedDisclosure, UnitCount } from '../../../shared/disclosure';
import {
  hiddenSubtrees,
  linearAttackOnTree,
  subtractionAttackOnBreakdown,
  subtractionAttackOnTree,
  valueAttackOnTree,
} from './attacker';

const units: UnitCount[] = [
  { code: 'P', parentCode: null, ownCount: 0 },
  { code: 'A', parentCode: 'P', ownCount: 12 },
  { code: 'B', parentCode: 'P', ownCount: 6 },
  { code: 'C', parentCode: 'P', ownCount: 3 },
];

function publication(hidden: string[]): PublishedDisclosure {
  const n: Record<string, number> = { A: 12, B: 6, C: 3, P: 21 };
  return {
    total: { n: 21, suppressed: false },
    cells: Object.keys(n)
      .sort()
      .map((key) =>
        hidden.includes(key) ? { key, n: null, suppressed: true } : { key, n: n[key]!, suppressed: false },
      ),
  };
}

/** A joined parent row whose residual is too small: 3 direct staff alone under a shown parent. */
const joinedAlone: UnitCount[] = [
  { code: 'G', parentCode: null, ownCount: 0 },
  { code: 'D', parentCode: 'G', ownCount: 3 },
  { code: 'D1', parentCode: 'D', ownCount: 20 },
  { code: 'E', parentCode: 'G', ownCount: 30 },
];

describe('attacker checkers', () => {
  it('accept the safe 12/6/3 publication', () => {
    expect(subtractionAttackOnTree(units, publication(['B', 'C']), 5)).toEqual([]);
    expect(linearAttackOnTree(units, publication(['B', 'C']), 5)).toEqual([]);
  });

  it('catch a hidden unit recoverable as parent minus shown siblings', () => {
    expect(subtractionAttackOnTree(units, publication(['C']), 5)).toEqual([
      'P: 3 respondents derivable (< 5)',
      'P: hidden unit C is determined by subtraction',
    ]);
    // C is a leaf: its n is its own staff, so both are reported.
    expect(linearAttackOnTree(units, publication(['C']), 5)).toEqual([
      'hidden unit C (n = 3) is derivable',
      'own staff of C (3) is derivable',
    ]);
  });

  it('catch a lone hidden unit even when it is large', () => {
    const large = units.map((u) => (u.code === 'C' ? { ...u, ownCount: 7 } : u));
    const pub: PublishedDisclosure = {
      total: { n: 25, suppressed: false },
      cells: [
        { key: 'A', n: null, suppressed: true },
        { key: 'B', n: 6, suppressed: false },
        { key: 'C', n: 7, suppressed: false },
        { key: 'P', n: 25, suppressed: false },
      ],
    };
    expect(subtractionAttackOnTree(large, pub, 5)).toEqual(['P: hidden unit A is determined by subtraction']);
    expect(linearAttackOnTree(large, pub, 5)).toEqual(['hidden unit A (n = 12) is derivable']);
  });

  it('catch a small own-staff group exposed by subtraction', () => {
    const withOwn: UnitCount[] = [
      { code: 'P', parentCode: null, ownCount: 3 },
      { code: 'X', parentCode: 'P', ownCount: 20 },
      { code: 'Y', parentCode: 'P', ownCount: 8 },
    ];
    const pub: PublishedDisclosure = {
      total: { n: 31, suppressed: false },
      cells: [
        { key: 'P', n: 31, suppressed: false },
        { key: 'X', n: 20, suppressed: false },
        { key: 'Y', n: 8, suppressed: false },
      ],
    };
    expect(subtractionAttackOnTree(withOwn, pub, 5)).toEqual(['P: 3 respondents derivable (< 5)']);
    expect(linearAttackOnTree(withOwn, pub, 5)).toEqual(['own staff of P (3) is derivable']);
  });

  it('catch a hidden unit rebuilt from shown descendants', () => {
    const deep: UnitCount[] = [
      { code: 'R', parentCode: null, ownCount: 0 },
      { code: 'S', parentCode: 'R', ownCount: 0 },
      { code: 'S1', parentCode: 'S', ownCount: 9 },
      { code: 'T', parentCode: 'R', ownCount: 9 },
    ];
    const pub: PublishedDisclosure = {
      total: { n: 18, suppressed: false },
      cells: [
        { key: 'R', n: 18, suppressed: false },
        { key: 'S', n: null, suppressed: true },
        { key: 'S1', n: 9, suppressed: false },
        { key: 'T', n: null, suppressed: true },
      ],
    };
    expect(hiddenSubtrees(deep, pub)).toEqual(['S1 shown under hidden S']);
    // The subtraction attack reaches through a hidden row to the shown cells below it: S (own staff 0)
    // is S1, and then T is R − S1.
    expect(subtractionAttackOnTree(deep, pub, 5)).toEqual([
      'R: hidden unit S is the sum of shown cells',
      'R: hidden unit T is determined by subtraction',
    ]);
    expect(linearAttackOnTree(deep, pub, 5)).toEqual([
      'hidden unit S (n = 9) is derivable',
      'hidden unit T (n = 9) is derivable',
    ]);
  });

  it('catch values published for a small derivable group', () => {
    const favourableOwn = new Map([
      ['P', 0],
      ['A', 10],
      ['B', 5],
      ['C', 1],
    ]);
    const cells = new Map<string, { n: number | null; suppressed: boolean; favourable: number | null }>([
      ['A', { n: 12, suppressed: false, favourable: 10 }],
      ['B', { n: 6, suppressed: false, favourable: 5 }],
      ['C', { n: null, suppressed: true, favourable: null }],
      ['P', { n: 21, suppressed: false, favourable: 16 }],
    ]);
    expect(valueAttackOnTree(units, favourableOwn, cells, { n: 21, favourable: 16 }, 5)).toEqual([
      'P: value 1 derivable for 3 respondents (< 5)',
    ]);
    cells.set('C', { n: null, suppressed: true, favourable: 1 });
    expect(valueAttackOnTree(units, favourableOwn, cells, { n: 21, favourable: 16 }, 5)).toContain(
      'C: hidden cell has values',
    );
  });

  it('catch a flat breakdown that exposes "not stated" or a lone hidden cell', () => {
    const cells = [
      { key: 'a', n: 20 },
      { key: 'b', n: 7 },
    ];
    const allShown: PublishedDisclosure = {
      total: { n: 30, suppressed: false },
      cells: [
        { key: 'a', n: 20, suppressed: false },
        { key: 'b', n: 7, suppressed: false },
      ],
    };
    expect(subtractionAttackOnBreakdown(cells, 30, allShown, 5)).toEqual(['3 respondents derivable (< 5)']);
    const loneHidden: PublishedDisclosure = {
      total: { n: 27, suppressed: false },
      cells: [
        { key: 'a', n: 20, suppressed: false },
        { key: 'b', n: null, suppressed: true },
      ],
    };
    expect(subtractionAttackOnBreakdown(cells, 27, loneHidden, 5)).toEqual([
      'hidden cell b is determined by subtraction',
    ]);
  });

  it('catch a hidden parent row whose residual is alone or below k', () => {
    const pub: PublishedDisclosure = {
      total: { n: 53, suppressed: false },
      cells: [
        { key: 'D', n: null, suppressed: true },
        { key: 'D1', n: 20, suppressed: false },
        { key: 'E', n: 30, suppressed: false },
        { key: 'G', n: 53, suppressed: false },
      ],
    };
    expect(subtractionAttackOnTree(joinedAlone, pub, 5)).toEqual([
      'G: 3 respondents derivable (< 5)',
      'G: hidden unit D is determined by subtraction',
    ]);
    expect(linearAttackOnTree(joinedAlone, pub, 5)).toEqual([
      'hidden unit D (n = 23) is derivable',
      'own staff of D (3) is derivable',
    ]);
  });
});
