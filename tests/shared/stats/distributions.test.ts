import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  erfc,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  regularizedBeta,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../../shared/stats';

describe('special functions', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    // Γ(n) = (n − 1)!: Γ(5) = 24, Γ(11) = 3 628 800; Γ(1) = 1.
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 12);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    // Γ(½) = √π ≈ 1.7724538509 (any table of the gamma function).
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(1.7724538509055159, 13);
    // Γ(0.1) = 9.5135076987 (Abramowitz & Stegun table 6.1 via Γ(1.1) = 0.9513507699 / 0.1).
    expect(Math.exp(logGamma(0.1))).toBeCloseTo(9.513507698668732, 11);
  });

  it('logBeta agrees with Γ(a)Γ(b)/Γ(a + b) for small and large arguments', () => {
    // B(2, 3) = 1!·2!/4! = 2/24 = 1/12.
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    // B(½, ½) = π.
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
    // B(12, 15) = Γ(12)Γ(15)/Γ(27) = 11!·14!/26!, with ln n! summed term by term.
    const lnFactorial = (n: number) =>
      Array.from({ length: n }, (_, i) => Math.log(i + 1)).reduce((a, b) => a + b, 0);
    expect(logBeta(12, 15)).toBeCloseTo(lnFactorial(11) + lnFactorial(14) - lnFactorial(26), 12);
    // Large a with b = ½: B(a, ½) ~ √(π/a)(1 + 1/(8a)) (Stirling series of Γ(a)/Γ(a + ½)); at a = 10⁶ the next
    // term, 1/(128a²), is below 1e-14.
    const a = 1e6;
    expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI / a) + Math.log1p(1 / (8 * a)), 12);
  });

  it('regularizedBeta has the closed forms of the beta family', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; I_½(a, a) = ½ by symmetry.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.7, 3, 1)).toBeCloseTo(0.343, 14);
    expect(regularizedBeta(0.2, 1, 4)).toBeCloseTo(1 - 0.8 ** 4, 14);
    expect(regularizedBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });

  it('erfc matches a table of the error function', () => {
    // erf(1) = 0.8427007929, erf(2) = 0.9953222650 (Abramowitz & Stegun table 7.1).
    expect(erfc(0)).toBe(1);
    expect(erfc(1)).toBeCloseTo(1 - 0.8427007929497149, 14);
    expect(erfc(2)).toBeCloseTo(1 - 0.9953222650189527, 14);
    expect(erfc(-1)).toBeCloseTo(1 + 0.8427007929497149, 14);
    // Far tail keeps relative precision: erfc(5) = 1.5374597944e-12.
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 10);
  });
});

describe('normal distribution', () => {
  it('normalCdf matches a standard normal table', () => {
    // Φ(0) = 0.5, Φ(1) = 0.8413, Φ(1.96) = 0.9750, Φ(−1.645) = 0.0500, Φ(3) = 0.99865.
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413, 4);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.645)).toBeCloseTo(0.05, 4);
    expect(normalCdf(3)).toBeCloseTo(0.99865, 5);
  });

  it('normalQuantile matches the familiar critical values', () => {
    // z_{0.975} = 1.959964, z_{0.95} = 1.644854, z_{0.995} = 2.575829 (normal tables to 6 places).
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 6);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });

  it('normalTwoSidedP: |z| = 1.96 gives 0.05, z = 0 gives 1', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  it('normalQuantile inverts normalCdf (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
      }),
    );
  });
});

describe('Student t distribution', () => {
  it('studentTQuantile matches a standard t table (two-sided 95%)', () => {
    // t_{0.975, df} from a standard t table: df 1 → 12.706, 4 → 2.776, 10 → 2.228, 29 → 2.045.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    // Other columns of the same table: t_{0.995,5} = 4.032, t_{0.95,20} = 1.725, t_{0.999,3} = 10.215.
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.95, 20)).toBeCloseTo(1.725, 3);
    expect(studentTQuantile(0.999, 3)).toBeCloseTo(10.215, 3);
  });

  it('studentTQuantile matches the closed forms for df = 1 and df = 2 to full precision', () => {
    // df = 1 is Cauchy: t_p = tan(π(p − ½)); tan(0.475π) = 12.706204736174696.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174696, 11);
    // df = 2: t_p = (2p − 1)/√(2p(1 − p)); p = 0.975 → 0.95/√0.04875 = 4.302652729749464.
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749464, 12);
    // The general algorithm agrees at df just off these integers.
    expect(studentTQuantile(0.975, 2.000001)).toBeCloseTo(4.302652729749464, 4);
  });

  it('studentTQuantile is odd in p − ½ and tends to the normal quantile', () => {
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228, 3);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    // t_{0.975, ∞} = z_{0.975} = 1.959964; at df = 10⁶ the difference is ~1e-6.
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  it('studentTCdf matches table values and symmetry', () => {
    // P(T ≤ 2.228 | df 10) ≈ 0.975 and P(T ≤ 12.706 | df 1) ≈ 0.975 (t table read backwards).
    expect(studentTCdf(2.228, 10)).toBeCloseTo(0.975, 4);
    expect(studentTCdf(12.706, 1)).toBeCloseTo(0.975, 5);
    // df = 1 closed form: F(t) = ½ + atan(t)/π, so F(1) = 0.75.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14);
    expect(studentTCdf(-1, 1)).toBeCloseTo(0.25, 14);
    expect(studentTCdf(0, 5)).toBe(0.5);
  });

  it('studentTTwoSidedP: table critical values give 0.05', () => {
    expect(studentTTwoSidedP(2.776445, 4)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(-2.776445, 4)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(0, 4)).toBe(1);
    expect(() => studentTTwoSidedP(1, 0)).toThrow(RangeError);
  });

  it('studentTQuantile inverts studentTCdf for real df (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        (p, df) => {
          expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
        },
      ),
    );
  });
});
