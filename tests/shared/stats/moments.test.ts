import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Moments } from '../../../shared/stats';

/** Two-pass sample variance, written independently of the accumulator. */
function twoPassVariance(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, x) => a + (x - mean) ** 2, 0) / (values.length - 1);
}

const likert = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 300 });

describe('Moments', () => {
  it('keeps n, sum, sum of squares, mean and sample variance', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: sum 40, Σx² = 4+16+16+16+25+25+49+81 = 232, mean 5,
    // squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7 = 4.571429.
    const m = Moments.of([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.n).toBe(8);
    expect(m.sum).toBe(40);
    expect(m.sumSq).toBe(232);
    expect(m.mean).toBe(5);
    expect(m.variance).toBeCloseTo(32 / 7, 14);
    expect(m.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(m.toJSON()).toEqual({ n: 8, sum: 40, sumSq: 232 });
  });

  it('has no mean when empty and no variance below two observations', () => {
    const m = new Moments();
    expect(m.mean).toBeNull();
    expect(m.variance).toBeNull();
    m.add(3);
    expect(m.mean).toBe(3);
    expect(m.variance).toBeNull();
    expect(m.sd).toBeNull();
  });

  it('computes the variance stably for data with a large offset', () => {
    // The classic example (Wikipedia, "Algorithms for calculating variance"): 4, 7, 13, 16 have
    // deviations −6, −3, 3, 6 from their mean 10, so sample variance (36+9+9+36)/3 = 30, whatever the offset.
    const shifted = [4, 7, 13, 16].map((x) => 1e9 + x);
    const m = Moments.of(shifted);
    expect(m.mean).toBe(1e9 + 10);
    expect(m.variance).toBeCloseTo(30, 6);
    // The textbook one-pass formula (Σx² − (Σx)²/n)/(n − 1) is off by far more here; that is what we avoid.
    const naive = (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1);
    expect(Math.abs(naive - 30)).toBeGreaterThan(1);
  });

  it('restores from stored sufficient statistics', () => {
    // {n 8, sum 40, sumSq 232} is the sample above: mean 5, variance (232 − 40²/8)/7 = 32/7.
    const m = Moments.fromSummary({ n: 8, sum: 40, sumSq: 232 });
    expect(m.mean).toBe(5);
    expect(m.variance).toBeCloseTo(32 / 7, 14);
    // Seven answers of 4.1 sum to 28.700000000000003 with Σx² 117.67 in floating point, so
    // Σx² − (Σx)²/n comes out at −2.8e-14; the variance must be clamped to exactly 0, not negative.
    const equal = Moments.fromSummary({ n: 7, sum: 28.700000000000003, sumSq: 117.67 });
    expect(equal.sumSq - (equal.sum * equal.sum) / equal.n).toBeLessThan(0);
    expect(equal.variance).toBe(0);
    expect(equal.sd).toBe(0);
    expect(() => Moments.fromSummary({ n: -1, sum: 0, sumSq: 0 })).toThrow(RangeError);
    expect(() => Moments.fromSummary({ n: 1.5, sum: 0, sumSq: 0 })).toThrow(RangeError);
  });

  it('rejects non-finite observations', () => {
    expect(() => new Moments().add(Number.NaN)).toThrow(RangeError);
    expect(() => new Moments().add(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('streaming equals a two-pass batch computation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 200 }),
        (xs) => {
          const m = Moments.of(xs);
          expect(m.n).toBe(xs.length);
          expect(m.mean!).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 8);
          expect(m.variance!).toBeCloseTo(twoPassVariance(xs), 6);
        },
      ),
    );
  });

  it('merging parts equals accumulating the whole, from accumulators or stored summaries (property)', () => {
    fc.assert(
      fc.property(likert, likert, likert, (a, b, c) => {
        const whole = Moments.of([...a, ...b, ...c]);
        const merged = Moments.of(a).merge(Moments.of(b)).merge(Moments.of(c));
        const fromStored = Moments.fromSummary(Moments.of(a).toJSON())
          .merge(Moments.of(b).toJSON())
          .merge(Moments.of(c).toJSON());
        for (const m of [merged, fromStored]) {
          expect(m.toJSON()).toEqual(whole.toJSON());
          if (whole.n > 0) expect(m.mean!).toBeCloseTo(whole.mean!, 12);
          if (whole.n > 1) expect(m.variance!).toBeCloseTo(whole.variance!, 10);
        }
      }),
    );
  });

  it('clone is independent of the original', () => {
    const m = Moments.of([1, 2, 3]);
    const copy = m.clone();
    copy.add(10);
    expect(m.n).toBe(3);
    expect(copy.n).toBe(4);
    expect(copy.mean).toBe(4);
  });
});
