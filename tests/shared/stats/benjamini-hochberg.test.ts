import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../shared/stats';

describe('benjaminiHochberg', () => {
  it('adjusts a hand-computed set (m = 6)', () => {
    // Sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4), 0.045 (5), 0.20 (6).
    // m/i · p: 0.03, 0.03, 0.06, 0.06, 0.054, 0.20; running minimum from the top:
    // 0.20, 0.054, 0.054, 0.054, 0.03, 0.03.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.045, 0.2]);
    const expected = [0.03, 0.054, 0.054, 0.03, 0.054, 0.2];
    for (const [i, v] of q.entries()) expect(v).toBeCloseTo(expected[i]!, 12);
    // Five raw p below 0.05, two discoveries at FDR 0.05 — the step-up rule's largest i with
    // p₍ᵢ₎ ≤ i · 0.05/6 is i = 2 (0.01 ≤ 0.0167; 0.03 > 0.025, 0.04 > 0.0333, 0.045 > 0.0417).
    expect(q.filter((v) => v <= 0.05)).toHaveLength(2);
  });

  it('keeps a single test as it is, ties in order, and caps at 1', () => {
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.5, 0.5, 0.9])).toEqual([0.75, 0.75, 0.9]);
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
  });

  it('refuses what is not a p-value', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([1.5])).toThrow(RangeError);
  });
});
