import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Moments, welchT } from '../../../shared/stats';

// Two samples of 10 whose Welch test R prints as t = −1.8325, df = 17.9, p-value = 0.08356
// (R `t.test(ts1, ts2)`, Welch Two Sample t-test; R reports mean1 − mean2, we report mean2 − mean1).
const TS1 = [11, 9, 10, 11, 10, 12, 9, 11, 12, 9];
const TS2 = [11, 13, 10, 13, 12, 9, 11, 12, 12, 11];

describe('welchT', () => {
  it('raw samples, worked by hand and matching R', () => {
    // Means 10.4 and 11.4; SS 12.4 and 14.4 → variances 12.4/9 = 1.377778 and 14.4/9 = 1.6.
    // s1²/n1 = 0.1377778, s2²/n2 = 0.16, SE² = 0.2977778, SE = 0.545690, t = 1/0.545690 = 1.83254
    // df = 0.2977778² / (0.1377778²/9 + 0.16²/9) = 0.0886716/0.00495363 = 17.9003
    const r = welchT(Moments.of(TS1), Moments.of(TS2));
    expect(r.delta).toBeCloseTo(1, 12);
    expect(r.t).toBeCloseTo(1.83254, 5);
    expect(r.df).toBeCloseTo(17.9003, 4);
    expect(r.p).toBeCloseTo(0.08356, 5);
    expect(r.significant).toBe(false);
  });

  it('the same samples as stored sums', () => {
    // ts1: Σx 104, Σx² 1094 (1094 − 104²/10 = 12.4); ts2: Σx 114, Σx² 1314 (1314 − 114²/10 = 14.4).
    const r = welchT({ n: 10, sum: 104, sumSq: 1094 }, { n: 10, sum: 114, sumSq: 1314 });
    expect(r.t).toBeCloseTo(1.83254, 5);
    expect(r.df).toBeCloseTo(17.9003, 4);
    expect(r.p).toBeCloseTo(0.08356, 5);
  });

  it('summary statistics, worked by hand', () => {
    // Group 1: n 10, mean 3.2, sd 0.8 → s²/n = 0.064; group 2: n 20, mean 3.6, sd 1.2 → s²/n = 1.44/20 = 0.072.
    // SE² = 0.136, SE = 0.368782, t = 0.4/0.368782 = 1.084652
    // df = 0.136² / (0.064²/9 + 0.072²/19) = 0.018496/(0.00045511 + 0.00027284) = 0.018496/0.00072795 = 25.408
    // p: between 0.2 and 0.4 by the t table at df 25 (t_{0.9,25} = 1.316, t_{0.8,25} = 0.856);
    //    0.288261 by scipy.stats.ttest_ind_from_stats(equal_var=False) as an independent check.
    const r = welchT({ n: 10, mean: 3.2, sd: 0.8 }, { n: 20, mean: 3.6, sd: 1.2 });
    expect(r.t).toBeCloseTo(1.084652, 5);
    expect(r.df).toBeCloseTo(25.408, 3);
    expect(r.p).toBeCloseTo(0.288261, 5);
    expect(r.significant).toBe(false);
  });

  it('a textbook exercise: n 20, mean 100, sd 15 vs n 20, mean 95, sd 20', () => {
    // SE² = 225/20 + 400/20 = 11.25 + 20 = 31.25, SE = 5.590170, t = −5/5.590170 = −0.894427
    // df = 31.25² / ((11.25² + 20²)/19) = 976.5625/27.71382 = 35.2374
    const r = welchT({ n: 20, mean: 100, sd: 15 }, { n: 20, mean: 95, sd: 20 });
    expect(r.t).toBeCloseTo(-0.894427, 5);
    expect(r.df).toBeCloseTo(35.2374, 3);
    expect(r.significant).toBe(false);
  });

  it('one group without spread: df falls to the other group’s n − 1', () => {
    // Group 1 n 5, sd 0; group 2 n 10, mean 4, sd 1: SE² = 0 + 1/10, t = 1/0.316228 = 3.162278,
    // df = 0.01/(0.01/9) = 9; two-sided p between 0.01 and 0.02 (t_{0.99,9} = 2.821, t_{0.995,9} = 3.250).
    const r = welchT({ n: 5, mean: 3, sd: 0 }, { n: 10, mean: 4, sd: 1 });
    expect(r.t).toBeCloseTo(3.162278, 5);
    expect(r.df).toBeCloseTo(9, 10);
    expect(r.p).toBeGreaterThan(0.01);
    expect(r.p).toBeLessThan(0.02);
    expect(r.significant).toBe(true);
  });

  it('handles degenerate cases without NaN', () => {
    const none = { t: 0, df: 0, p: 1, significant: false };
    expect(welchT({ n: 1, mean: 3, sd: 0 }, { n: 10, mean: 4, sd: 1 })).toEqual({ ...none, delta: 1 });
    expect(welchT({ n: 0, sum: 0, sumSq: 0 }, { n: 10, mean: 4, sd: 1 })).toEqual({ ...none, delta: null });
    expect(welchT({ n: 5, mean: 3, sd: 0 }, { n: 5, mean: 3, sd: 0 })).toEqual({ ...none, delta: 0 });
    expect(welchT({ n: 5, mean: 3, sd: 0 }, { n: 5, mean: 4, sd: 0 })).toEqual({ ...none, delta: 1 });
    expect(welchT(new Moments(), new Moments())).toEqual({ ...none, delta: null });
    expect(() => welchT({ n: 5, mean: 3, sd: -1 }, { n: 5, mean: 3, sd: 1 })).toThrow(RangeError);
  });

  const sample = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 80 });

  it('swapping the groups flips t and delta, keeps df and p; never NaN (property)', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const forward = welchT(Moments.of(a), Moments.of(b));
        const back = welchT(Moments.of(b), Moments.of(a));
        expect(back.t).toBeCloseTo(-forward.t, 12);
        expect(back.df).toBeCloseTo(forward.df, 9);
        expect(back.p).toBeCloseTo(forward.p, 12);
        for (const v of [forward.t, forward.df, forward.p]) expect(Number.isFinite(v)).toBe(true);
        expect(forward.p).toBeGreaterThanOrEqual(0);
        expect(forward.p).toBeLessThanOrEqual(1);
        if (a.length >= 2 && b.length >= 2 && forward.df > 0) {
          // Welch–Satterthwaite df lies between min(n1, n2) − 1 and n1 + n2 − 2.
          expect(forward.df).toBeGreaterThanOrEqual(Math.min(a.length, b.length) - 1 - 1e-9);
          expect(forward.df).toBeLessThanOrEqual(a.length + b.length - 2 + 1e-9);
        }
      }),
    );
  });

  it('{n, mean, sd}, {n, sum, sumSq} and Moments give the same test (property)', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ma = Moments.of(a);
        const mb = Moments.of(b);
        const viaMoments = welchT(ma, mb);
        const viaSums = welchT(ma.toJSON(), mb.toJSON());
        expect(viaSums.t).toBeCloseTo(viaMoments.t, 8);
        expect(viaSums.p).toBeCloseTo(viaMoments.p, 8);
        if (a.length >= 2 && b.length >= 2) {
          const viaSd = welchT(
            { n: ma.n, mean: ma.mean!, sd: ma.sd! },
            { n: mb.n, mean: mb.mean!, sd: mb.sd! },
          );
          expect(viaSd.t).toBeCloseTo(viaMoments.t, 10);
          expect(viaSd.df).toBeCloseTo(viaMoments.df, 8);
        }
      }),
    );
  });
});
