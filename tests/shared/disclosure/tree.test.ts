import { describe, expect, it } from 'vitest';
import {
  type CellDisclosure,
  DisclosureError,
  discloseUnitTree,
  policyFrom,
  publishable,
  type UnitCount,
} from '../../../shared/disclosure';

const k5 = policyFrom(5);

function unit(code: string, parentCode: string | null, ownCount: number): UnitCount {
  return { code, parentCode, ownCount };
}

function decisions(cells: ReadonlyMap<string, CellDisclosure>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, c] of cells) out[code] = c.shown ? `shown ${c.n}` : `${c.reason} ${c.n}`;
  return out;
}

describe('discloseUnitTree — DESIGN §4 examples', () => {
  it('12, 6 and 3 respondents: the 3 is hidden, so the 6 is hidden too; the 12 is shown', () => {
    const result = discloseUnitTree(
      [unit('P', null, 0), unit('A', 'P', 12), unit('B', 'P', 6), unit('C', 'P', 3)],
      k5,
    );
    expect(result.threshold).toBe(5);
    expect(result.total).toEqual({ n: 21, shown: true });
    expect(decisions(result.cells)).toEqual({
      A: 'shown 12',
      B: 'complementary 6',
      C: 'small 3',
      P: 'shown 21',
    });
    // What may be published: 21 − 12 = 9 is shared by the two hidden units.
    expect(publishable(result)).toEqual({
      total: { n: 21, suppressed: false },
      cells: [
        { key: 'A', n: 12, suppressed: false },
        { key: 'B', n: null, suppressed: true },
        { key: 'C', n: null, suppressed: true },
        { key: 'P', n: 21, suppressed: false },
      ],
    });
  });

  it('own direct staff count as a hidden sibling: own 3 with children 20 and 8 hides the 8', () => {
    // Group of P: own staff 3 (hidden, never shown) + 20 + 8. Hidden total 3 < 5, so the smallest shown
    // sibling (8) is hidden; an attacker learns 31 − 20 = 11 = own staff + the 8, never either alone.
    const result = discloseUnitTree([unit('P', null, 3), unit('X', 'P', 20), unit('Y', 'P', 8)], k5);
    expect(decisions(result.cells)).toEqual({ P: 'shown 31', X: 'shown 20', Y: 'complementary 8' });
  });

  it('own direct staff of at least k need no complement', () => {
    const result = discloseUnitTree([unit('P', null, 6), unit('X', 'P', 20), unit('Y', 'P', 8)], k5);
    expect(decisions(result.cells)).toEqual({ P: 'shown 34', X: 'shown 20', Y: 'shown 8' });
  });

  it('own staff below k plus a small child that already reach k need no complement', () => {
    const result = discloseUnitTree([unit('P', null, 2), unit('X', 'P', 20), unit('Y', 'P', 3)], k5);
    expect(decisions(result.cells)).toEqual({ P: 'shown 25', X: 'shown 20', Y: 'small 3' });
  });

  it('two small siblings reaching k together need no complement', () => {
    const result = discloseUnitTree(
      [unit('P', null, 0), unit('A', 'P', 3), unit('B', 'P', 2), unit('C', 'P', 9)],
      k5,
    );
    expect(decisions(result.cells)).toEqual({ P: 'shown 14', A: 'small 3', B: 'small 2', C: 'shown 9' });
  });

  it('empty units are hidden but do not force a complement', () => {
    const result = discloseUnitTree([unit('P', null, 0), unit('A', 'P', 0), unit('B', 'P', 9)], k5);
    expect(decisions(result.cells)).toEqual({ P: 'shown 9', A: 'small 0', B: 'shown 9' });
  });
});

describe('discloseUnitTree — a parent row first (hide as little as it must)', () => {
  it('hides a department row, not its section of 34, to protect its 4 direct staff', () => {
    // The organisation's own group holds 23 hidden answers: the department's 4 join them (27 ≥ 5, two
    // parts), its sections stay shown. The old rule hid CIT-INS (34) instead.
    const result = discloseUnitTree(
      [
        unit('ORG', null, 23),
        unit('CIT', 'ORG', 4),
        unit('CIT-REG', 'CIT', 44),
        unit('CIT-TAX', 'CIT', 50),
        unit('CIT-INS', 'CIT', 34),
        unit('GEN', 'ORG', 0),
        unit('GEN-HR', 'GEN', 17),
      ],
      k5,
    );
    expect(decisions(result.cells)).toEqual({
      ORG: 'shown 172',
      CIT: 'complementary 132',
      'CIT-INS': 'shown 34',
      'CIT-REG': 'shown 44',
      'CIT-TAX': 'shown 50',
      GEN: 'shown 17',
      'GEN-HR': 'shown 17',
    });
  });

  it('joins two department rows whose direct staff reach k together', () => {
    const result = discloseUnitTree(
      [
        unit('ORG', null, 0),
        unit('A', 'ORG', 3),
        unit('A1', 'A', 20),
        unit('B', 'ORG', 2),
        unit('B1', 'B', 30),
        unit('C', 'ORG', 40),
      ],
      k5,
    );
    expect(decisions(result.cells)).toEqual({
      ORG: 'shown 95',
      A: 'complementary 23',
      A1: 'shown 20',
      B: 'complementary 32',
      B1: 'shown 30',
      C: 'shown 40',
    });
  });

  it('keeps the smallest-section rule when nothing else is hidden beside the department', () => {
    // Alone, the department's 3 would be the only hidden part of the organisation's group: the
    // department hides its smaller section instead, as before.
    const result = discloseUnitTree(
      [
        unit('ORG', null, 0),
        unit('A', 'ORG', 3),
        unit('A1', 'A', 20),
        unit('A2', 'A', 9),
        unit('C', 'ORG', 40),
      ],
      k5,
    );
    expect(decisions(result.cells)).toEqual({
      ORG: 'shown 72',
      A: 'shown 32',
      A1: 'shown 20',
      A2: 'complementary 9',
      C: 'shown 40',
    });
  });
});

describe('discloseUnitTree — ties and order', () => {
  it('breaks ties between equally small siblings by code, whatever the input order', () => {
    const units = [
      unit('P', null, 0),
      unit('m', 'P', 7),
      unit('Z', 'P', 7),
      unit('b', 'P', 7),
      unit('s', 'P', 1),
    ];
    const expected = { P: 'shown 22', Z: 'complementary 7', b: 'shown 7', m: 'shown 7', s: 'small 1' };
    expect(decisions(discloseUnitTree(units, k5).cells)).toEqual(expected);
    expect(decisions(discloseUnitTree(units.slice().reverse(), k5).cells)).toEqual(expected);
  });

  it('prefers the smaller n over the code', () => {
    const units = [unit('P', null, 0), unit('A', 'P', 9), unit('B', 'P', 8), unit('C', 'P', 4)];
    expect(decisions(discloseUnitTree(units, k5).cells)).toEqual({
      P: 'shown 21',
      A: 'shown 9',
      B: 'complementary 8',
      C: 'small 4',
    });
  });

  it('returns cells in ascending code order', () => {
    const result = discloseUnitTree([unit('b', null, 9), unit('a', 'b', 9), unit('C', null, 9)], k5);
    expect([...result.cells.keys()]).toEqual(['C', 'a', 'b']);
  });
});

describe('discloseUnitTree — hierarchy and roots', () => {
  it('hides the whole subtree of a hidden unit, even large descendants', () => {
    const result = discloseUnitTree(
      [
        unit('P', null, 0),
        unit('S', 'P', 3),
        unit('T', 'P', 0),
        unit('T1', 'T', 25),
        unit('T2', 'T', 25),
        unit('T2a', 'T2', 10),
      ],
      k5,
    );
    expect(decisions(result.cells)).toEqual({
      P: 'shown 63',
      S: 'small 3',
      T: 'complementary 60',
      T1: 'ancestor 25',
      T2: 'ancestor 35',
      T2a: 'ancestor 10',
    });
  });

  it('treats several roots as siblings under the whole organisation', () => {
    // total 42 is shown; 42 − 40 would give away the small root, so the 40 is hidden too.
    const result = discloseUnitTree([unit('R1', null, 40), unit('R2', null, 2), unit('R1a', 'R1', 9)], k5);
    expect(result.total).toEqual({ n: 51, shown: true });
    expect(decisions(result.cells)).toEqual({ R1: 'complementary 49', R1a: 'ancestor 9', R2: 'small 2' });
  });

  it('hides everything when the whole organisation is below k', () => {
    const result = discloseUnitTree([unit('R', null, 2), unit('R1', 'R', 2)], k5);
    expect(result.total).toEqual({ n: 4, shown: false, reason: 'small' });
    expect(decisions(result.cells)).toEqual({ R: 'ancestor 4', R1: 'ancestor 2' });
    expect(publishable(result).total).toEqual({ n: null, suppressed: true });
  });

  it('handles an empty tree', () => {
    const result = discloseUnitTree([], k5);
    expect(result.total).toEqual({ n: 0, shown: false, reason: 'small' });
    expect(result.cells.size).toBe(0);
  });
});

describe('discloseUnitTree — thresholds', () => {
  const units = [unit('P', null, 0), unit('A', 'P', 12), unit('B', 'P', 6), unit('C', 'P', 3)];

  it('k = 6 shows a group of exactly 6 (k is never below 5, so a group of 3 is never shown)', () => {
    const sixes = [unit('P', null, 0), unit('A', 'P', 12), unit('B', 'P', 6), unit('C', 'P', 6)];
    expect(decisions(discloseUnitTree(sixes, policyFrom(6)).cells)).toEqual({
      P: 'shown 24',
      A: 'shown 12',
      B: 'shown 6',
      C: 'shown 6',
    });
    expect(decisions(discloseUnitTree(units, policyFrom(6)).cells)).toEqual({
      P: 'shown 21',
      A: 'shown 12',
      B: 'complementary 6',
      C: 'small 3',
    });
  });

  it('sensitive content uses kSensitive', () => {
    const result = discloseUnitTree(units, k5, { sensitive: true });
    expect(result.threshold).toBe(10);
    // 6 and 3 are below 10; together 9 < 10, so the 12 is hidden too.
    expect(decisions(result.cells)).toEqual({
      P: 'shown 21',
      A: 'complementary 12',
      B: 'small 6',
      C: 'small 3',
    });
    expect(decisions(discloseUnitTree(units, { k: 5, kSensitive: 6 }, { sensitive: true }).cells)).toEqual({
      P: 'shown 21',
      A: 'shown 12',
      B: 'complementary 6',
      C: 'small 3',
    });
  });
});

describe('discloseUnitTree — invalid input', () => {
  it.each([
    ['duplicate codes', [unit('A', null, 1), unit('A', null, 2)], /duplicate unit code A/],
    ['unknown parent', [unit('A', null, 1), unit('B', 'Q', 2)], /unknown parent Q/],
    ['a cycle', [unit('R', null, 1), unit('A', 'B', 1), unit('B', 'A', 1)], /cycle through A, B/],
    ['a self-parent', [unit('A', 'A', 1)], /cycle through A/],
    ['a negative count', [unit('A', null, -1)], /non-negative integer/],
    ['a fractional count', [unit('A', null, 1.5)], /non-negative integer/],
    ['an empty code', [unit('', null, 1)], /non-empty string/],
  ])('rejects %s', (_name, units, message) => {
    expect(() => discloseUnitTree(units, k5)).toThrow(DisclosureError);
    expect(() => discloseUnitTree(units, k5)).toThrow(message);
  });
});
