import { describe, expect, it } from 'vitest';
import {
  type CellDisclosure,
  DisclosureError,
  discloseBreakdown,
  discloseUnitTree,
  policyFrom,
  publishable,
} from '../../../shared/disclosure';

const k5 = policyFrom(5);
const shownParent = (n: number): CellDisclosure => ({ n, shown: true });

function decisions(cells: ReadonlyMap<string, CellDisclosure>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, c] of cells) out[key] = c.shown ? `shown ${c.n}` : `${c.reason} ${c.n}`;
  return out;
}

describe('discloseBreakdown', () => {
  it('applies the 12/6/3 rule to a flat breakdown that adds up to the parent', () => {
    const result = discloseBreakdown(
      [
        { key: 'manager', n: 3 },
        { key: 'staff', n: 12 },
        { key: 'chief', n: 6 },
      ],
      shownParent(21),
      k5,
    );
    expect(decisions(result.cells)).toEqual({
      chief: 'complementary 6',
      manager: 'small 3',
      staff: 'shown 12',
    });
    expect(result.total).toEqual({ n: 21, shown: true });
  });

  it('treats "not stated" (parent − Σ cells) as a never-shown sibling', () => {
    // 30 respondents, 3 did not state an age band: 30 − 20 − 7 = 3 would be exposed, so the 7 is hidden.
    const cells = [
      { key: '20s', n: 7 },
      { key: '30s', n: 20 },
    ];
    expect(decisions(discloseBreakdown(cells, shownParent(30), k5).cells)).toEqual({
      '20s': 'complementary 7',
      '30s': 'shown 20',
    });
    // With 5 not stated, that group alone reaches k: nothing else is hidden.
    expect(decisions(discloseBreakdown(cells, shownParent(32), k5).cells)).toEqual({
      '20s': 'shown 7',
      '30s': 'shown 20',
    });
    // A small "not stated" and a small cell together reach k.
    const withSmall = [...cells, { key: '40s', n: 2 }];
    expect(decisions(discloseBreakdown(withSmall, shownParent(32), k5).cells)).toEqual({
      '20s': 'shown 7',
      '30s': 'shown 20',
      '40s': 'small 2',
    });
  });

  it('hides every cell when the parent is hidden', () => {
    const cells = [
      { key: 'a', n: 40 },
      { key: 'b', n: 50 },
    ];
    const result = discloseBreakdown(cells, { n: 90, shown: false, reason: 'complementary' }, k5);
    expect(result.total).toEqual({ n: 90, shown: false, reason: 'complementary' });
    expect(decisions(result.cells)).toEqual({ a: 'ancestor 40', b: 'ancestor 50' });
    expect(publishable(result)).toEqual({
      total: { n: null, suppressed: true },
      cells: [
        { key: 'a', n: null, suppressed: true },
        { key: 'b', n: null, suppressed: true },
      ],
    });
  });

  it('treats a parent below the applied threshold as hidden even if marked shown', () => {
    const result = discloseBreakdown([{ key: 'a', n: 8 }], shownParent(8), k5, { sensitive: true });
    expect(result.threshold).toBe(10);
    expect(result.total).toEqual({ n: 8, shown: false, reason: 'small' });
    expect(decisions(result.cells)).toEqual({ a: 'ancestor 8' });
  });

  it('composes with the unit tree: a unit cell is the parent of its breakdown', () => {
    const tree = discloseUnitTree(
      [
        { code: 'P', parentCode: null, ownCount: 0 },
        { code: 'A', parentCode: 'P', ownCount: 12 },
        { code: 'B', parentCode: 'P', ownCount: 6 },
        { code: 'C', parentCode: 'P', ownCount: 3 },
      ],
      k5,
    );
    const forA = discloseBreakdown([{ key: 'full-time', n: 12 }], tree.cells.get('A')!, k5);
    expect(decisions(forA.cells)).toEqual({ 'full-time': 'shown 12' });
    const forB = discloseBreakdown([{ key: 'full-time', n: 6 }], tree.cells.get('B')!, k5);
    expect(decisions(forB.cells)).toEqual({ 'full-time': 'ancestor 6' });
    // Over everyone (21), 18 full-time would expose the 3 others: hidden as a complement.
    const overall = discloseBreakdown([{ key: 'full-time', n: 18 }], tree.total, k5);
    expect(decisions(overall.cells)).toEqual({ 'full-time': 'complementary 18' });
    const split = discloseBreakdown(
      [
        { key: 'full-time', n: 15 },
        { key: 'part-time', n: 6 },
      ],
      tree.total,
      k5,
    );
    expect(decisions(split.cells)).toEqual({ 'full-time': 'shown 15', 'part-time': 'shown 6' });
  });

  it('uses kSensitive for sensitive content', () => {
    const cells = [
      { key: 'a', n: 12 },
      { key: 'b', n: 6 },
      { key: 'c', n: 3 },
    ];
    expect(decisions(discloseBreakdown(cells, shownParent(21), k5, { sensitive: true }).cells)).toEqual({
      a: 'complementary 12',
      b: 'small 6',
      c: 'small 3',
    });
  });

  it('breaks ties by key', () => {
    const cells = [
      { key: 'y', n: 9 },
      { key: 'x', n: 9 },
      { key: 'z', n: 1 },
    ];
    const expected = { x: 'complementary 9', y: 'shown 9', z: 'small 1' };
    expect(decisions(discloseBreakdown(cells, shownParent(19), k5).cells)).toEqual(expected);
    expect(decisions(discloseBreakdown(cells.slice().reverse(), shownParent(19), k5).cells)).toEqual(
      expected,
    );
  });

  it.each([
    ['cells adding up to more than the parent', [{ key: 'a', n: 11 }], 10, /more than the parent/],
    [
      'duplicate keys',
      [
        { key: 'a', n: 1 },
        { key: 'a', n: 1 },
      ],
      10,
      /duplicate breakdown key a/,
    ],
    ['a negative n', [{ key: 'a', n: -1 }], 10, /non-negative integer/],
    ['a negative parent n', [], -1, /parent n/],
  ])('rejects %s', (_name, cells, parentN, message) => {
    expect(() => discloseBreakdown(cells, shownParent(parentN), k5)).toThrow(DisclosureError);
    expect(() => discloseBreakdown(cells, shownParent(parentN), k5)).toThrow(message);
  });
});
