import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enps, enpsCounts } from '../../../shared/stats';

describe('enps', () => {
  it('is % promoters − % detractors from counts', () => {
    // 40 promoters, 35 passives, 25 detractors: 40% − 25% = 15 points → 0.15.
    expect(enps({ promoters: 40, passives: 35, detractors: 25 })).toBeCloseTo(0.15, 15);
    // 10 promoters, 30 passives, 60 detractors: 10% − 60% = −0.5.
    expect(enps({ promoters: 10, passives: 30, detractors: 60 })).toBeCloseTo(-0.5, 15);
  });

  it('tallies 0–10 answers: 9–10 promote, 7–8 are passive, 0–6 detract', () => {
    // [10, 9, 9, 8, 7, 6, 5, 0, 10, 3]: promoters 10, 9, 9, 10 (4); passives 8, 7 (2); detractors 6, 5, 0, 3 (4).
    const scores = [10, 9, 9, 8, 7, 6, 5, 0, 10, 3];
    expect(enpsCounts(scores)).toEqual({ promoters: 4, passives: 2, detractors: 4 });
    expect(enps(scores)).toBe(0);
    // [9, 10, 10, 7]: 3 promoters of 4, no detractors → 0.75.
    expect(enps([9, 10, 10, 7])).toBe(0.75);
    // Boundaries: 6 detracts, 7 is passive, 8 is passive, 9 promotes.
    expect(enpsCounts([6, 7, 8, 9])).toEqual({ promoters: 1, passives: 2, detractors: 1 });
    expect(enps([0, 6])).toBe(-1);
  });

  it('is null with no answers and rejects invalid input', () => {
    expect(enps([])).toBeNull();
    expect(enps({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    expect(() => enps([11])).toThrow(RangeError);
    expect(() => enps([-1])).toThrow(RangeError);
    expect(() => enps([8.5])).toThrow(RangeError);
    expect(() => enps({ promoters: -1, passives: 2, detractors: 0 })).toThrow(RangeError);
  });

  it('lies in −1..1 and agrees between answers and counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), (scores) => {
        const value = enps(scores)!;
        expect(value).toBeGreaterThanOrEqual(-1);
        expect(value).toBeLessThanOrEqual(1);
        expect(enps(enpsCounts(scores))).toBe(value);
        const promoters = scores.filter((s) => s >= 9).length;
        const detractors = scores.filter((s) => s <= 6).length;
        expect(value).toBeCloseTo((promoters - detractors) / scores.length, 12);
      }),
    );
  });
});
