import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Moments, meanCI } from '../../../shared/stats';

describe('meanCI', () => {
  it('small data set worked by hand (df = 4)', () => {
    // [3, 4, 5, 4, 4]: mean 4, deviations −1, 0, 1, 0, 0 → SS 2, variance 2/4 = 0.5, sd 0.707107,
    // se = 0.707107/√5 = 0.316228; t_{0.975,4} = 2.776445 (t table 2.776) → half-width 0.877986
    // → 3.122014 to 4.877986.
    const ci = meanCI([3, 4, 5, 4, 4])!;
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(4);
    expect(ci.sd).toBeCloseTo(Math.SQRT1_2, 12); // √0.5
    expect(ci.lower).toBeCloseTo(3.122014, 5);
    expect(ci.upper).toBeCloseTo(4.877986, 5);
  });

  it('from stored sufficient statistics, worked by hand (df = 29)', () => {
    // n 30, Σx 105, Σx² 399: mean 3.5, SS = 399 − 105²/30 = 31.5, variance 31.5/29 = 1.086207,
    // sd 1.042213, se = 1.042213/√30 = 0.190281; t_{0.975,29} = 2.045230 (table 2.045) → half 0.389168
    // → 3.110832 to 3.889168.
    const ci = meanCI({ n: 30, sum: 105, sumSq: 399 })!;
    expect(ci.mean).toBeCloseTo(3.5, 14);
    expect(ci.sd).toBeCloseTo(1.042213, 6);
    expect(ci.lower).toBeCloseTo(3.110832, 5);
    expect(ci.upper).toBeCloseTo(3.889168, 5);
  });

  it('two observations use t_{0.975,1} = 12.706', () => {
    // [2, 4]: mean 3, sd √2, se = √2/√2 = 1 → 3 ± 12.706205 → −9.706205 to 15.706205.
    const ci = meanCI([2, 4])!;
    expect(ci.lower).toBeCloseTo(-9.706205, 5);
    expect(ci.upper).toBeCloseTo(15.706205, 5);
  });

  it('honours the confidence level', () => {
    // [3, 4, 5, 4, 4] at 99%: t_{0.995,4} = 4.604095 (table 4.604) × 0.316228 = 1.455944 → 2.544056 to 5.455944.
    const ci = meanCI([3, 4, 5, 4, 4], 0.99)!;
    expect(ci.lower).toBeCloseTo(2.544056, 5);
    expect(ci.upper).toBeCloseTo(5.455944, 5);
  });

  it('gives no interval below two observations and nothing for none', () => {
    expect(meanCI([])).toBeNull();
    expect(meanCI({ n: 0, sum: 0, sumSq: 0 })).toBeNull();
    expect(meanCI([4])).toEqual({ n: 1, mean: 4, sd: null, lower: null, upper: null });
    // Identical answers: sd 0, the interval collapses to the mean.
    expect(meanCI([3, 3, 3])).toEqual({ n: 3, mean: 3, sd: 0, lower: 3, upper: 3 });
  });

  it('agrees between values, a Moments accumulator and stored sums, and contains the mean (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 300 }), (xs) => {
        const a = meanCI(xs)!;
        const m = Moments.of(xs);
        const b = meanCI(m)!;
        const c = meanCI(m.toJSON())!;
        for (const other of [b, c]) {
          expect(other.n).toBe(a.n);
          expect(other.mean).toBeCloseTo(a.mean, 12);
          expect(other.lower!).toBeCloseTo(a.lower!, 9);
          expect(other.upper!).toBeCloseTo(a.upper!, 9);
        }
        expect(a.lower!).toBeLessThanOrEqual(a.mean);
        expect(a.upper!).toBeGreaterThanOrEqual(a.mean);
      }),
    );
  });
});
