import * as z from 'zod';
import { HARASSMENT_REFERENCE_IDS } from '../benchmarks/harassment-references';
import { HARASSMENT_KIND_IDS } from '../instruments/constructs/harassment-experience';
import { Localized } from '../i18n/localized';
import { Fraction } from './common';

export const HarassmentKind = z.enum(HARASSMENT_KIND_IDS);
export const HarassmentReferenceId = z.enum(HARASSMENT_REFERENCE_IDS);

/** The windows asked about: the national surveys' 3 years, and the last 12 months. */
export const PrevalenceWindow = z.enum(['3y', '12m']);
export type PrevalenceWindow = z.infer<typeof PrevalenceWindow>;

/**
 * One kind's prevalence in one fiscal year (DESIGN §5): the share of those who
 * answered the question (not counting 答えたくない) who experienced it, with its
 * Wilson 95% interval, and the change from the last earlier year with a value
 * (pooled two-proportion z-test; raw p and its Benjamini–Hochberg q across
 * every change in the response). A hidden value (n below k_sensitive, or the
 * question not asked) has every number null.
 */
export const PrevalenceValue = z.strictObject({
  fiscalYear: z.number().int(),
  campaignId: z.string().nullable(),
  share: Fraction.nullable(),
  ci: z.tuple([Fraction, Fraction]).nullable(),
  /** Respondents who answered the question, less those who would rather not say. */
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  delta: z.number().nullable(),
  comparedWith: z.number().int().nullable(),
  p: Fraction.nullable(),
  q: Fraction.nullable(),
  significant: z.boolean().nullable(),
});
export type PrevalenceValue = z.infer<typeof PrevalenceValue>;

const Checked = z.enum(['source', 'secondary', 'issue']);

export const HarassmentReferenceOut = z.strictObject({
  id: HarassmentReferenceId,
  title: Localized,
  publisher: Localized,
  surveyFiscalYear: z.number().int(),
  published: z.string(),
  population: Localized,
  windowYears: z.number().int(),
  respondents: z.number().int(),
  url: z.string(),
  checked: Checked,
  rates: z.record(
    z.string(),
    z.strictObject({ rate: Fraction, checked: Checked, checkedAt: z.string().optional() }),
  ),
  notes: Localized.optional(),
});

/**
 * One unit's (whole subtree's) 3-year prevalence in a campaign's results:
 * each kind's share of those who answered (not counting 答えたくない). Decided
 * by the disclosure engine over the unit tree at k_sensitive, with
 * complementary suppression, under the unit's own row; a hidden cell has no n
 * and no shares, and says `few` (its base is not public: the question is
 * optional) unless its row is hidden, whose reason it takes.
 */
export const UnitPrevalence = z.strictObject({
  unitCode: z.string(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  hiddenReason: z.enum(['few', 'complementary']).optional(),
  shares: z.strictObject({
    power: Fraction.nullable(),
    sexual: Fraction.nullable(),
    maternity: Fraction.nullable(),
    customer: Fraction.nullable(),
  }),
});
export type UnitPrevalence = z.infer<typeof UnitPrevalence>;

export const HarassmentIndicators = z.strictObject({
  years: z.array(z.number().int()),
  /** The false discovery rate the `significant` flags control, over this response's changes. */
  fdr: Fraction,
  /** The minimum group size every figure needs (sensitive content). */
  sensitiveMinGroupSize: z.number().int().nullable(),
  /** The reference the city is compared with (its setting), and every one it could choose. */
  reference: HarassmentReferenceOut,
  references: z.array(HarassmentReferenceOut),
  kinds: z.array(
    z.strictObject({
      kind: HarassmentKind,
      label: Localized,
      /** The chosen reference's rate for this kind over its window (3 years), or null where it has none. */
      referenceRate: Fraction.nullable(),
      windows: z.strictObject({ '3y': z.array(PrevalenceValue), '12m': z.array(PrevalenceValue) }),
    }),
  ),
  /** Per fiscal year with results that have them: each unit's 3-year prevalence, as the results publish it. */
  units: z.array(
    z.strictObject({
      fiscalYear: z.number().int(),
      campaignId: z.string(),
      cells: z.array(UnitPrevalence),
    }),
  ),
});
export type HarassmentIndicators = z.infer<typeof HarassmentIndicators>;

export const HarassmentReferenceSetting = z.strictObject({ reference: HarassmentReferenceId });
export type HarassmentReferenceSetting = z.infer<typeof HarassmentReferenceSetting>;
