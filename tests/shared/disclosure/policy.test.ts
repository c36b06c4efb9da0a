import { describe, expect, it } from 'vitest';
import {
  DEFAULT_K,
  DEFAULT_K_SENSITIVE,
  DisclosureError,
  DisclosurePolicy,
  discloseUnitTree,
  policyFrom,
  thresholdFor,
} from '../../../shared/disclosure';

describe('DisclosurePolicy', () => {
  it('defaults to k = 5 and kSensitive = 10', () => {
    expect(DisclosurePolicy.parse({})).toEqual({ k: 5, kSensitive: 10 });
    expect(policyFrom()).toEqual({ k: DEFAULT_K, kSensitive: DEFAULT_K_SENSITIVE });
  });

  it('accepts k = 5, the floor', () => {
    expect(policyFrom(5)).toEqual({ k: 5, kSensitive: 10 });
    expect(DisclosurePolicy.parse({ k: 5, kSensitive: 5 })).toEqual({ k: 5, kSensitive: 5 });
  });

  // Issue 13 finding 2: with k = 3, k − 1 fake answers recovered one person's. k is never below 5 (A3).
  it('rejects k below 5 (k = 3 included) with a clear error', () => {
    expect(() => policyFrom(3)).toThrow(DisclosureError);
    expect(() => policyFrom(4)).toThrow('minimum group size k must be an integer of at least 5 (got 4)');
    expect(() => policyFrom(2)).toThrow(/at least 5/);
    expect(() => policyFrom(0)).toThrow(/at least 5/);
    expect(() => policyFrom(-5)).toThrow(/at least 5/);
    const parsed = DisclosurePolicy.safeParse({ k: 3 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/at least 5 \(got 3\)/);
    expect(() => thresholdFor({ k: 3, kSensitive: 10 })).toThrow(/at least 5/);
  });

  it('rejects a non-integer or non-finite k', () => {
    expect(() => policyFrom(4.5)).toThrow(/integer/);
    expect(() => policyFrom(Number.NaN)).toThrow(DisclosureError);
    expect(DisclosurePolicy.safeParse({ k: 4.5 }).success).toBe(false);
    expect(DisclosurePolicy.safeParse({ k: Number.POSITIVE_INFINITY }).success).toBe(false);
  });

  it('keeps kSensitive at least k', () => {
    expect(policyFrom(12)).toEqual({ k: 12, kSensitive: 12 });
    expect(DisclosurePolicy.parse({ k: 7 })).toEqual({ k: 7, kSensitive: 10 });
    expect(DisclosurePolicy.safeParse({ k: 8, kSensitive: 6 }).success).toBe(false);
    expect(DisclosurePolicy.safeParse({ k: 5, kSensitive: 5 }).success).toBe(true);
  });

  it('rejects unknown fields', () => {
    expect(DisclosurePolicy.safeParse({ k: 5, extra: 1 }).success).toBe(false);
  });
});

describe('thresholdFor', () => {
  it('picks k or kSensitive', () => {
    expect(thresholdFor({ k: 5, kSensitive: 10 })).toBe(5);
    expect(thresholdFor({ k: 5, kSensitive: 10 }, true)).toBe(10);
  });

  it('refuses a hand-built policy below the floor, so the engine never runs with k < 5', () => {
    expect(() => thresholdFor({ k: 2, kSensitive: 10 })).toThrow(/at least 5/);
    expect(() => thresholdFor({ k: 5, kSensitive: 4 }, true)).toThrow(/kSensitive/);
    expect(() =>
      discloseUnitTree([{ code: 'A', parentCode: null, ownCount: 9 }], { k: 1, kSensitive: 1 }),
    ).toThrow(DisclosureError);
  });
});
