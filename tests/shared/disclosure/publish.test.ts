import { describe, expect, it } from 'vitest';
import { DisclosureError, publishCell, publishCount } from '../../../shared/disclosure';

describe('publishCell', () => {
  it('passes the n and values of a shown cell', () => {
    expect(publishCell({ n: 12, shown: true }, { favourable: 0.75, mean: 3.9 })).toEqual({
      n: 12,
      suppressed: false,
      favourable: 0.75,
      mean: 3.9,
    });
  });

  it('strips the n and every value of a hidden cell', () => {
    const cell = publishCell({ n: 3, shown: false }, { favourable: 0.75, mean: 3.9, constructs: [1, 2] });
    expect(cell).toEqual({ n: null, suppressed: true, favourable: null, mean: null, constructs: null });
    expect(JSON.stringify(cell)).not.toMatch(/3\.9|0\.75|"n":3/);
  });

  it('refuses values that would overwrite n or suppressed', () => {
    const sneaky = JSON.parse('{"n": 3}') as Record<string, unknown>;
    expect(() => publishCell({ n: 3, shown: false }, sneaky)).toThrow(DisclosureError);
  });

  it('publishCount gives the n only for shown cells', () => {
    expect(publishCount({ n: 7, shown: true })).toEqual({ n: 7, suppressed: false });
    expect(publishCount({ n: 7, shown: false })).toEqual({ n: null, suppressed: true });
  });
});
