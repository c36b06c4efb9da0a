import { describe, expect, it } from 'vitest';
import {
  DisclosureError,
  discloseCell,
  policyAtLeast,
  policyFrom,
  publishedN,
  publishValue,
} from '../../../shared/disclosure';

const policy = policyFrom(5);
const shown = { shown: true };

describe('discloseCell', () => {
  it('shows a cell at n ≥ k under a shown parent, and hides it below', () => {
    expect(discloseCell(5, shown, policy)).toEqual({ n: 5, shown: true });
    expect(discloseCell(4, shown, policy)).toMatchObject({ n: 4, shown: false });
  });

  it('needs k_sensitive for sensitive content', () => {
    expect(discloseCell(9, shown, policy, { sensitive: true }).shown).toBe(false);
    expect(discloseCell(10, shown, policy, { sensitive: true }).shown).toBe(true);
  });

  it('hides every cell of a hidden parent, however large', () => {
    expect(discloseCell(1000, { shown: false }, policy).shown).toBe(false);
  });

  it('refuses a count that is not a whole number and a policy below the floor', () => {
    expect(() => discloseCell(5.5, shown, policy)).toThrow(DisclosureError);
    expect(() => discloseCell(-1, shown, policy)).toThrow(DisclosureError);
    expect(() => discloseCell(50, shown, { k: 3, kSensitive: 10 })).toThrow(DisclosureError);
  });
});

describe('publishValue', () => {
  it('passes a value of a shown cell and blanks that of a hidden one', () => {
    expect(publishValue({ shown: true }, 0.4)).toBe(0.4);
    expect(publishValue({ shown: false }, 0.4)).toBeNull();
  });
});

describe('publishedN', () => {
  it('vouches only for the whole n of a shown stored cell', () => {
    expect(publishedN({ n: 12, suppressed: false })).toBe(12);
    expect(publishedN({ n: 12, suppressed: true })).toBe(0);
    expect(publishedN({ n: null, suppressed: false })).toBe(0);
    expect(publishedN({ n: 7.5, suppressed: false })).toBe(0);
    expect(publishedN({ n: -3, suppressed: false })).toBe(0);
  });
});

describe('policyAtLeast', () => {
  it('keeps stored sizes at or above the floors', () => {
    expect(policyAtLeast(7, 12)).toEqual({ k: 7, kSensitive: 12 });
    expect(policyAtLeast(12, 10)).toEqual({ k: 12, kSensitive: 12 });
  });

  it('raises a stored size below the floor, and anything that is not a number, to the floor', () => {
    expect(policyAtLeast(3, 4)).toEqual({ k: 5, kSensitive: 10 });
    expect(policyAtLeast(Number.NaN, undefined)).toEqual({ k: 5, kSensitive: 10 });
    expect(policyAtLeast('9', null)).toEqual({ k: 5, kSensitive: 10 });
    expect(policyAtLeast(5.2, 10.1)).toEqual({ k: 6, kSensitive: 11 });
  });
});
