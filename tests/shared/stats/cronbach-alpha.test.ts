import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlphaAccumulator, alphaFromVariances, cronbachAlpha } from '../../../shared/stats';

/** Textbook two-pass α, written independently of the accumulator. */
function referenceAlpha(rows: number[][]): number | null {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n < 2 || k < 2) return null;
  const variance = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  };
  let itemSum = 0;
  for (let j = 0; j < k; j++) itemSum += variance(rows.map((r) => r[j]!));
  const total = variance(rows.map((r) => r.reduce((a, b) => a + b, 0)));
  if (total === 0) return null;
  return (k / (k - 1)) * (1 - itemSum / total);
}

// Four respondents × three items, worked by hand below.
const SMALL = [
  [1, 2, 2],
  [2, 3, 3],
  [3, 3, 4],
  [4, 5, 5],
];

describe('cronbachAlpha', () => {
  it('small matrix worked by hand', () => {
    // Item 1: 1, 2, 3, 4 → mean 2.5, SS 2.25+0.25+0.25+2.25 = 5,        variance 5/3    = 1.666667
    // Item 2: 2, 3, 3, 5 → mean 3.25, SS 1.5625+0.0625+0.0625+3.0625 = 4.75, variance 4.75/3 = 1.583333
    // Item 3: 2, 3, 4, 5 → mean 3.5, SS 2.25+0.25+0.25+2.25 = 5,        variance 5/3    = 1.666667
    // Σ item variances = 14.75/3 = 4.916667
    // Totals 5, 8, 10, 14 → mean 9.25, SS 18.0625+1.5625+0.5625+22.5625 = 42.75, variance 14.25
    // α = 3/2 · (1 − 4.916667/14.25) = 1.5 · 0.654971 = 0.982456
    expect(cronbachAlpha(SMALL)).toBeCloseTo(0.982456, 6);
  });

  it('can be negative when items disagree, worked by hand', () => {
    // Items (1, 2, 3) and (4, 2, 3): both have variance 1; totals 5, 4, 6 have variance 1.
    // α = 2/1 · (1 − 2/1) = −2.
    expect(
      cronbachAlpha([
        [1, 4],
        [2, 2],
        [3, 3],
      ]),
    ).toBeCloseTo(-2, 12);
  });

  it('from variances alone', () => {
    // The hand-worked variances above: items 5/3, 4.75/3, 5/3; total 14.25.
    expect(alphaFromVariances([5 / 3, 4.75 / 3, 5 / 3], 14.25)).toBeCloseTo(0.982456, 6);
    // Parallel items with unit variance and correlation 1: total variance k² = 9 → α = 1.5 · (1 − 3/9) = 1.
    expect(alphaFromVariances([1, 1, 1], 9)).toBeCloseTo(1, 12);
    expect(alphaFromVariances([1], 1)).toBeNull();
    expect(alphaFromVariances([1, 1], 0)).toBeNull();
  });

  it('uses complete cases only', () => {
    const withGaps = [...SMALL, [5, null, 1], [undefined, 1, 1], [2, Number.NaN, 2]];
    expect(cronbachAlpha(withGaps)).toBeCloseTo(0.982456, 6);
    const acc = new AlphaAccumulator(3);
    expect(acc.add([1, null, 3])).toBe(false);
    expect(acc.add([1, 2, 3])).toBe(true);
    expect(acc.n).toBe(1);
  });

  it('is null for fewer than two items or two complete respondents, or a constant total', () => {
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull();
    expect(cronbachAlpha([[1, 2, 3]])).toBeNull();
    expect(
      cronbachAlpha([
        [1, 2],
        [3, null],
      ]),
    ).toBeNull();
    // Items (1, 5, 3) and (5, 1, 3): totals all 6, so the total variance is 0 and α is undefined.
    expect(
      cronbachAlpha([
        [1, 5],
        [5, 1],
        [3, 3],
      ]),
    ).toBeNull();
  });

  it('rejects ragged rows', () => {
    expect(() =>
      cronbachAlpha([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(RangeError);
    expect(() => new AlphaAccumulator(-1)).toThrow(RangeError);
    expect(() => new AlphaAccumulator(2).merge(new AlphaAccumulator(3))).toThrow(RangeError);
  });

  it('exposes the item and total variances', () => {
    const acc = new AlphaAccumulator(3);
    for (const row of SMALL) acc.add(row);
    const v = acc.variances()!;
    expect(v.items[0]).toBeCloseTo(5 / 3, 12);
    expect(v.items[1]).toBeCloseTo(4.75 / 3, 12);
    expect(v.items[2]).toBeCloseTo(5 / 3, 12);
    expect(v.total).toBeCloseTo(14.25, 12);
  });

  const matrix = fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 60 })).chain(([k, n]) =>
    fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: k, maxLength: k }), {
      minLength: n,
      maxLength: n,
    }),
  );

  it('streaming and chunked-merge results equal the two-pass batch formula, and α ≤ 1 (property)', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), (rows, cut) => {
        const expected = referenceAlpha(rows);
        const k = rows[0]!.length;
        const whole = new AlphaAccumulator(k);
        for (const row of rows) whole.add(row);
        const split = cut % (rows.length + 1);
        const left = new AlphaAccumulator(k);
        const right = new AlphaAccumulator(k);
        for (const r of rows.slice(0, split)) left.add(r);
        for (const r of rows.slice(split)) right.add(r);
        const merged = left.merge(right);
        for (const result of [cronbachAlpha(rows), whole.result(), merged.result()]) {
          if (expected === null) expect(result).toBeNull();
          else {
            expect(result).not.toBeNull();
            expect(result!).toBeCloseTo(expected, 9);
            expect(result!).toBeLessThanOrEqual(1);
          }
        }
        expect(merged.n).toBe(rows.length);
      }),
    );
  });

  it('handles 100,000 × 10 rows without a matrix in memory', () => {
    // Each item = a respondent-level score plus item noise, so the items agree strongly.
    const acc = new AlphaAccumulator(10);
    const row = new Array<number>(10);
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let r = 0; r < 100_000; r++) {
      const trait = 1 + Math.floor(random() * 5);
      for (let j = 0; j < 10; j++) row[j] = Math.min(5, Math.max(1, trait + Math.round(random() * 2 - 1)));
      acc.add(row);
    }
    expect(acc.n).toBe(100_000);
    const alpha = acc.result()!;
    expect(alpha).toBeGreaterThan(0.9);
    expect(alpha).toBeLessThan(1);
  });
});
