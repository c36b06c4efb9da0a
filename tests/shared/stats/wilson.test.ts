import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilson } from '../../../shared/stats';

describe('wilson', () => {
  it('3/10 at 95%, worked by hand', () => {
    // z = 1.96, z² = 3.8416, p̂ = 0.3, n = 10.
    // denominator = 1 + z²/n = 1.38416
    // centre = (p̂ + z²/2n) / denominator = (0.3 + 0.19208) / 1.38416 = 0.355508
    // half = (z / denominator) · √(p̂(1 − p̂)/n + z²/4n²) = 1.416018 · √(0.021 + 0.009604) = 1.416018 · 0.174940 = 0.247718
    // → 0.107790 to 0.603226
    const ci = wilson(3, 10)!;
    expect(ci.lower).toBeCloseTo(0.10779, 4);
    expect(ci.upper).toBeCloseTo(0.60323, 4);
  });

  it('3/10 at 99%, worked by hand', () => {
    // z = 2.575829, z² = 6.634897, denominator = 1.6634897
    // centre = (0.3 + 0.3317449) / 1.6634897 = 0.379771
    // half = (2.575829 / 1.6634897) · √(0.021 + 6.634897/400) = 1.548447 · √0.0375872 = 1.548447 · 0.193874 = 0.300204
    // → 0.079567 to 0.679975
    const ci = wilson(3, 10, 0.99)!;
    expect(ci.lower).toBeCloseTo(0.079567, 5);
    expect(ci.upper).toBeCloseTo(0.679975, 5);
  });

  it('matches Newcombe (1998) Table I, method 3 (score interval without continuity correction)', () => {
    // Newcombe RG. Two-sided confidence intervals for the single proportion. Stat Med 1998;17:857–872.
    // 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605; 0/20 → 0 to 0.1611; 1/29 → 0.0061 to 0.1718.
    // (Each re-checked with the hand formula above before relying on it.)
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, lower, upper] of cases) {
      const ci = wilson(x, n)!;
      expect(ci.lower).toBeCloseTo(lower, 4);
      expect(ci.upper).toBeCloseTo(upper, 4);
    }
  });

  it('0 and n successes pin the interval to 0 and 1', () => {
    // 0/10: upper = (z²/n)/(1 + z²/n) = 0.38416/1.38416 = 0.277533.
    expect(wilson(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.277533, 5) });
    // 10/10 mirrors it: lower = 1 − 0.277533 = 0.722467.
    expect(wilson(10, 10)).toEqual({ lower: expect.closeTo(0.722467, 5), upper: 1 });
  });

  it('is null for n = 0 and rejects impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(5, 4)).toThrow(RangeError);
    expect(() => wilson(-1, 4)).toThrow(RangeError);
    expect(() => wilson(1.5, 4)).toThrow(RangeError);
    expect(() => wilson(1, 4, 1)).toThrow(RangeError);
  });

  it('stays within [0, 1], contains p̂, and widens with confidence (property)', () => {
    const counts = fc
      .integer({ min: 1, max: 100_000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([x, n], confidence) => {
        const ci = wilson(x, n, confidence)!;
        const p = x / n;
        expect(ci.lower).toBeGreaterThanOrEqual(0);
        expect(ci.upper).toBeLessThanOrEqual(1);
        expect(ci.lower).toBeLessThanOrEqual(p);
        expect(ci.upper).toBeGreaterThanOrEqual(p);
        expect(ci.lower).toBeLessThan(ci.upper);
        const wider = wilson(x, n, 0.9995)!;
        expect(wider.lower).toBeLessThanOrEqual(ci.lower);
        expect(wider.upper).toBeGreaterThanOrEqual(ci.upper);
      }),
    );
  });
});
