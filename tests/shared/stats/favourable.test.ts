import { describe, expect, it } from 'vitest';
import { favourable, favourableCounts, reverseLikert5 } from '../../../shared/stats';

describe('favourable', () => {
  it('is the share of 4s and 5s', () => {
    // [1, 2, 3, 4, 5, 4]: the 4, 5 and 4 are favourable → 3/6 = 0.5.
    expect(favourable([1, 2, 3, 4, 5, 4])).toBe(0.5);
    // [4, 4, 5, 3]: 3 of 4 → 0.75; [1, 2, 3]: none → 0; [5, 5]: all → 1.
    expect(favourable([4, 4, 5, 3])).toBe(0.75);
    expect(favourable([1, 2, 3])).toBe(0);
    expect(favourable([5, 5])).toBe(1);
  });

  it('takes counts as the results engine aggregates them', () => {
    // 7 favourable of 20 → 0.35.
    expect(favourable({ favourable: 7, n: 20 })).toBe(0.35);
    expect(favourableCounts([1, 2, 3, 4, 5, 4])).toEqual({ favourable: 3, n: 6 });
    expect(favourable(favourableCounts([2, 4, 5]))).toBeCloseTo(2 / 3, 15);
  });

  it('counts recoded reverse-keyed answers', () => {
    // Reverse-keyed answers [5, 4, 3, 2, 1] recode (6 − x) to [1, 2, 3, 4, 5]: 2 of 5 favourable → 0.4.
    const recoded = [5, 4, 3, 2, 1].map(reverseLikert5);
    expect(recoded).toEqual([1, 2, 3, 4, 5]);
    expect(favourable(recoded)).toBe(0.4);
  });

  it('is null for no answers', () => {
    expect(favourable([])).toBeNull();
    expect(favourable({ favourable: 0, n: 0 })).toBeNull();
  });

  it('rejects answers off the 1–5 scale and impossible counts', () => {
    expect(() => favourable([0])).toThrow(RangeError);
    expect(() => favourable([6])).toThrow(RangeError);
    expect(() => favourable([3.5])).toThrow(RangeError);
    expect(() => favourable([Number.NaN])).toThrow(RangeError);
    expect(() => favourable({ favourable: 5, n: 4 })).toThrow(RangeError);
    expect(() => favourable({ favourable: -1, n: 4 })).toThrow(RangeError);
    expect(() => reverseLikert5(7)).toThrow(RangeError);
  });
});
