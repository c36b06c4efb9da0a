import type { Localized } from '../i18n/localized';
import type { AttributeDefinition, AttributeId, Attributes } from './schema';

/**
 * The optional self-reported attributes asked with every response. Each is
 * shown with a "prefer not to say" choice ({@link PREFER_NOT_TO_SAY}), which
 * is stored as the attribute's absence. The roster import uses the same codes
 * for job level and employment type.
 */

export const JOB_LEVEL: AttributeDefinition = {
  id: 'jobLevel',
  label: { ja: '職位', en: 'Job level' },
  options: [
    { value: 'staff', label: { ja: '一般職員（主事・技師など）', en: 'Staff' } },
    { value: 'senior', label: { ja: '主任・主査', en: 'Senior staff' } },
    { value: 'chief', label: { ja: '係長（相当職を含む）', en: 'Subsection chief or equivalent' } },
    { value: 'deputy', label: { ja: '課長補佐（相当職を含む）', en: 'Deputy section head or equivalent' } },
    { value: 'manager', label: { ja: '課長以上（相当職を含む）', en: 'Section head or above' } },
  ],
};

export const AGE_BAND: AttributeDefinition = {
  id: 'ageBand',
  label: { ja: '年齢', en: 'Age' },
  options: [
    { value: 'under30', label: { ja: '29歳以下', en: '29 or under' } },
    { value: '30s', label: { ja: '30〜39歳', en: '30–39' } },
    { value: '40s', label: { ja: '40〜49歳', en: '40–49' } },
    { value: '50s', label: { ja: '50〜59歳', en: '50–59' } },
    { value: '60plus', label: { ja: '60歳以上', en: '60 or over' } },
  ],
};

export const EMPLOYMENT_TYPE: AttributeDefinition = {
  id: 'employmentType',
  label: { ja: '任用形態', en: 'Employment type' },
  options: [
    { value: 'regular', label: { ja: '正規職員', en: 'Regular staff' } },
    { value: 'reappointed', label: { ja: '再任用職員', en: 'Reappointed staff (after retirement age)' } },
    { value: 'fiscal_year', label: { ja: '会計年度任用職員', en: 'Fiscal-year appointed staff' } },
    { value: 'fixed_term', label: { ja: '任期付職員', en: 'Fixed-term staff' } },
  ],
};

/** All attribute definitions, in the order they are asked. */
export const ATTRIBUTES: readonly AttributeDefinition[] = [JOB_LEVEL, AGE_BAND, EMPLOYMENT_TYPE];

export type AttributeErrorCode = 'invalid_type' | 'unknown_attribute' | 'unknown_option';

export interface AttributeError {
  /** The attribute id; `''` when the attributes themselves are not an object. */
  attributeId: string;
  code: AttributeErrorCode;
  message: Localized;
}

export type AttributeValidation =
  | { ok: true; attributes: Attributes }
  | { ok: false; errors: AttributeError[] };

const MESSAGES: Record<AttributeErrorCode, Localized> = {
  invalid_type: { ja: '回答の形式が正しくありません。', en: 'The answer is not in the expected format.' },
  unknown_attribute: { ja: 'この調査にない項目です。', en: 'This item is not part of the survey.' },
  unknown_option: { ja: '選択肢にない回答です。', en: 'This is not one of the choices.' },
};

/**
 * Validates self-reported attributes against their definitions. `undefined`,
 * `null` and `''` (prefer not to say) are dropped; a missing object is `{}`.
 */
export function validateAttributes(
  definitions: readonly AttributeDefinition[],
  input: unknown,
): AttributeValidation {
  if (input === undefined || input === null) return { ok: true, attributes: {} };
  const error = (attributeId: string, code: AttributeErrorCode): AttributeError => ({
    attributeId,
    code,
    message: MESSAGES[code],
  });
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [error('', 'invalid_type')] };
  }
  const raw = input as Record<string, unknown>;
  const attributes: Attributes = {};
  const errors: AttributeError[] = [];
  const known = new Map<string, AttributeDefinition>(definitions.map((d) => [d.id, d]));
  for (const [id, value] of Object.entries(raw)) {
    const definition = known.get(id);
    if (!definition) errors.push(error(id, 'unknown_attribute'));
    else if (value === undefined || value === null || value === '') continue;
    else if (typeof value !== 'string') errors.push(error(id, 'invalid_type'));
    else if (!definition.options.some((o) => o.value === value)) errors.push(error(id, 'unknown_option'));
    else attributes[id as AttributeId] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, attributes };
}
