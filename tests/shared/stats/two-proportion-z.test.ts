import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoProportionZ } from '../../../shared/stats';

describe('twoProportionZ', () => {
  it('45/100 last year vs 60/100 this year, worked by hand', () => {
    // p1 = 0.45, p2 = 0.60, delta = 0.15
    // pooled p = (45 + 60)/(100 + 100) = 0.525
    // SE = √(0.525 · 0.475 · (1/100 + 1/100)) = √(0.249375 · 0.02) = √0.0049875 = 0.0706222
    // z = 0.15/0.0706222 = 2.12398; two-sided p = 2(1 − Φ(2.124)) ≈ 2 · 0.01684 = 0.0337 (normal table)
    const r = twoProportionZ(45, 100, 60, 100);
    expect(r.delta).toBeCloseTo(0.15, 12);
    expect(r.z).toBeCloseTo(2.12398, 5);
    expect(r.p).toBeCloseTo(0.0337, 4);
    expect(r.significant).toBe(true);
  });

  it('120/200 vs 90/180, worked by hand: a drop just short of significance', () => {
    // p1 = 0.6, p2 = 0.5, delta = −0.1
    // pooled p = 210/380 = 0.552632; p(1 − p) = 0.552632 · 0.447368 = 0.247230
    // 1/200 + 1/180 = 0.0105556; SE = √(0.247230 · 0.0105556) = √0.00260965 = 0.0510847
    // z = −0.1/0.0510847 = −1.95753; p = 2(1 − Φ(1.9575)) ≈ 0.0503 > 0.05
    const r = twoProportionZ(120, 200, 90, 180);
    expect(r.delta).toBeCloseTo(-0.1, 12);
    expect(r.z).toBeCloseTo(-1.95753, 4);
    expect(r.p).toBeCloseTo(0.0503, 4);
    expect(r.significant).toBe(false);
  });

  it('respects a custom significance level', () => {
    expect(twoProportionZ(120, 200, 90, 180, 0.1).significant).toBe(true);
    expect(twoProportionZ(45, 100, 60, 100, 0.01).significant).toBe(false);
  });

  it('handles degenerate cases without NaN', () => {
    // Empty group: no comparison, no delta.
    expect(twoProportionZ(0, 0, 5, 10)).toEqual({ z: 0, p: 1, significant: false, delta: null });
    expect(twoProportionZ(5, 10, 0, 0)).toEqual({ z: 0, p: 1, significant: false, delta: null });
    // Pooled share 0 or 1: SE is 0, the shares are equal.
    expect(twoProportionZ(0, 50, 0, 40)).toEqual({ z: 0, p: 1, significant: false, delta: 0 });
    expect(twoProportionZ(50, 50, 40, 40)).toEqual({ z: 0, p: 1, significant: false, delta: 0 });
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionZ(11, 10, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZ(1, 10, -1, 10)).toThrow(RangeError);
  });

  const group = fc
    .integer({ min: 0, max: 5000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('swapping the groups flips z and delta and keeps p (property)', () => {
    fc.assert(
      fc.property(group, group, ([x1, n1], [x2, n2]) => {
        const forward = twoProportionZ(x1, n1, x2, n2);
        const back = twoProportionZ(x2, n2, x1, n1);
        expect(back.z).toBe(forward.z === 0 ? 0 : -forward.z);
        expect(back.p).toBe(forward.p);
        expect(back.significant).toBe(forward.significant);
        if (forward.delta === null) expect(back.delta).toBeNull();
        else expect(back.delta).toBe(forward.delta === 0 ? 0 : -forward.delta);
        for (const v of [forward.z, forward.p]) expect(Number.isFinite(v)).toBe(true);
        expect(forward.p).toBeGreaterThanOrEqual(0);
        expect(forward.p).toBeLessThanOrEqual(1);
        expect(forward.significant).toBe(forward.p < 0.05);
      }),
    );
  });
});
