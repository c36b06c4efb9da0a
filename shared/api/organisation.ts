import * as z from 'zod';
import { AGE_BAND, EMPLOYMENT_TYPE, JOB_LEVEL } from '../instruments/attributes';
import { Code } from './common';

export const UnitName = z.strictObject({
  ja: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100).optional(),
});

/**
 * The display order HR sets among siblings (the city's own order; 表示順). Units without one come
 * after those with one, by code (shared/organisation/order.ts).
 */
export const UnitOrder = z.number().int().min(0).max(999_999);

export const UnitCreate = z.strictObject({
  code: Code,
  name: UnitName,
  parentCode: Code.optional(),
  order: UnitOrder.optional(),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

/** Editing a unit: its name and its display order (null clears the order). */
export const UnitUpdate = z
  .strictObject({ name: UnitName.optional(), order: UnitOrder.nullable().optional() })
  .refine((v) => v.name !== undefined || v.order !== undefined, 'nothing to change');
export type UnitUpdate = z.infer<typeof UnitUpdate>;

/**
 * Puts siblings in this order: the listed units (all children of one parent, or all top units) get
 * display orders 1, 2, 3 … in the order given.
 */
export const UnitReorder = z.strictObject({
  codes: z
    .array(Code)
    .min(1)
    .max(1000)
    .refine((codes) => new Set(codes).size === codes.length, 'a unit is listed twice'),
});
export type UnitReorder = z.infer<typeof UnitReorder>;

export const Unit = z.strictObject({
  code: z.string(),
  name: z.strictObject({ ja: z.string(), en: z.string().optional() }),
  parentCode: z.string().nullable(),
  /** The display order among siblings; absent when HR has set none. */
  order: z.number().int().optional(),
});
export type Unit = z.infer<typeof Unit>;

/** The roster uses the same codes as the self-reported attributes of the survey. */
const codesOf = (def: { options: Array<{ value: string }> }) => def.options.map((o) => o.value);
export const JOB_LEVELS = codesOf(JOB_LEVEL);
export const EMPLOYMENT_TYPES = codesOf(EMPLOYMENT_TYPE);
export const AGE_BANDS = codesOf(AGE_BAND);
const oneOf = (codes: string[], what: string) =>
  z.string().refine((v) => codes.includes(v), { message: `${what} must be one of ${codes.join(', ')}` });

/** One roster row, as the CSV import reads it. */
export const StaffRow = z.strictObject({
  staffNo: Code,
  name: z.string().trim().min(1).max(100),
  email: z.union([z.email().max(254), z.literal('')]),
  unitCode: Code,
  jobLevel: oneOf(JOB_LEVELS, 'jobLevel'),
  employmentType: oneOf(EMPLOYMENT_TYPES, 'employmentType'),
  /**
   * Optional column (A1): with it, a stored answer may keep the age band its respondent states when
   * at least k people of the key group share it; without it, stated age bands are not stored.
   */
  ageBand: oneOf(AGE_BANDS, 'ageBand').optional(),
});
export type StaffRow = z.infer<typeof StaffRow>;

export const RosterImportResult = z.strictObject({
  imported: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;
