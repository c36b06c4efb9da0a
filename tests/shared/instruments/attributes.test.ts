import { describe, expect, it } from 'vitest';
import {
  AGE_BAND,
  ATTRIBUTES,
  AttributeDefinition,
  EMPLOYMENT_TYPE,
  JOB_LEVEL,
  PREFER_NOT_TO_SAY,
  validateAttributes,
} from '../../../shared/instruments';

describe('attribute definitions', () => {
  it('are valid, with ascii codes, and in the asked order', () => {
    expect(ATTRIBUTES.map((a) => a.id)).toEqual(['jobLevel', 'ageBand', 'employmentType']);
    for (const a of ATTRIBUTES) {
      expect(AttributeDefinition.safeParse(a).success, a.id).toBe(true);
      for (const o of a.options) expect(o.value).toMatch(/^[a-z0-9_]+$/);
    }
  });

  it('cover the expected levels, bands and employment types', () => {
    expect(JOB_LEVEL.options.map((o) => o.label.ja)).toEqual([
      '一般職員（主事・技師など）',
      '主任・主査',
      '係長（相当職を含む）',
      '課長補佐（相当職を含む）',
      '課長以上（相当職を含む）',
    ]);
    expect(AGE_BAND.options.map((o) => o.value)).toEqual(['under30', '30s', '40s', '50s', '60plus']);
    expect(EMPLOYMENT_TYPE.options.map((o) => o.label.ja)).toEqual([
      '正規職員',
      '再任用職員',
      '会計年度任用職員',
      '任期付職員',
    ]);
  });

  it('never include "prefer not to say" as a stored value', () => {
    expect(PREFER_NOT_TO_SAY.ja).toBe('回答しない');
    for (const a of ATTRIBUTES) {
      expect(a.options.some((o) => o.label.ja === PREFER_NOT_TO_SAY.ja)).toBe(false);
    }
  });
});

describe('validateAttributes', () => {
  it('keeps valid codes and stores "prefer not to say" as absence', () => {
    expect(validateAttributes(ATTRIBUTES, { jobLevel: 'chief', ageBand: null, employmentType: '' })).toEqual({
      ok: true,
      attributes: { jobLevel: 'chief' },
    });
    expect(validateAttributes(ATTRIBUTES, undefined)).toEqual({ ok: true, attributes: {} });
  });

  it('rejects unknown attributes, unknown codes and wrong types', () => {
    const result = validateAttributes(ATTRIBUTES, { jobLevel: 'mayor', ageBand: 45, staffNo: 'A123' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.attributeId, e.code])).toEqual([
      ['jobLevel', 'unknown_option'],
      ['ageBand', 'invalid_type'],
      ['staffNo', 'unknown_attribute'],
    ]);
    expect(validateAttributes(ATTRIBUTES, 'staff')).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_type' }],
    });
  });
});
