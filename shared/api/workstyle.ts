import * as z from 'zod';
import { Fraction } from './common';

/**
 * The work-style indicators (DESIGN §5), per fiscal year with their change:
 * - `overtime45` — share of those answering ws.overtime_band who worked ≥ 45 h overtime last month;
 * - `leaveDays` — mean annual leave days taken in the past 12 months (ws.leave_days), a mean;
 * - `leave10` — share of those answering ws.leave_days who took ≥ 10 days;
 * - `flexUse` — share who used flexitime or telework in the past 6 months, of those for whom it is
 *   available (ws.flex_used without 業務の性質上、利用できない);
 * - `menChildcareLeave` — favourable share of ws.men_childcare_leave (plan initiative env-04);
 * - `carerLeave` — favourable share of ws.carer_leave (plan initiative env-05).
 */
export const WORKSTYLE_INDICATOR_IDS = [
  'overtime45',
  'leaveDays',
  'leave10',
  'flexUse',
  'menChildcareLeave',
  'carerLeave',
] as const;
export const WorkstyleIndicatorId = z.enum(WORKSTYLE_INDICATOR_IDS);
export type WorkstyleIndicatorId = z.infer<typeof WorkstyleIndicatorId>;

/** Leave days in bands: 0–4, 5–9, 10–14, 15–19, 20 or more. */
export const LEAVE_BANDS = ['0to4', '5to9', '10to14', '15to19', '20plus'] as const;
export const LeaveBand = z.enum(LEAVE_BANDS);
export type LeaveBand = z.infer<typeof LeaveBand>;

/** One indicator in one fiscal year; a hidden one (n < k) carries no number. */
export const WorkstyleValue = z.strictObject({
  fiscalYear: z.number().int(),
  campaignId: z.string().nullable(),
  /** A share (0–1) or, for `leaveDays`, a mean in days. */
  value: z.number().nullable(),
  /** Wilson 95% interval of a share; t 95% interval of a mean. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** Change from `comparedWith`, the last earlier fiscal year with a value. */
  delta: z.number().nullable(),
  comparedWith: z.number().int().nullable(),
  /** Pooled two-proportion z-test for a share, Welch's t for a mean. */
  test: z.enum(['z', 'welch']).nullable(),
  /** Raw two-sided p. */
  p: Fraction.nullable(),
  /** Benjamini–Hochberg q across every change of this response. */
  q: Fraction.nullable(),
  significant: z.boolean().nullable(),
});
export type WorkstyleValue = z.infer<typeof WorkstyleValue>;

export const WorkstyleIndicators = z.strictObject({
  years: z.array(z.number().int()),
  /** The false discovery rate the `significant` flags control. */
  fdr: Fraction,
  /** How many changes were tested together (the Benjamini–Hochberg family). */
  tests: z.number().int(),
  indicators: z.array(
    z.strictObject({
      id: WorkstyleIndicatorId,
      kind: z.enum(['share', 'mean']),
      /** The item it is computed from. */
      itemId: z.string(),
      /** The plan initiatives it informs. */
      initiatives: z.array(z.string()),
      values: z.array(WorkstyleValue),
    }),
  ),
  /** Leave days by band per fiscal year: shares of those who answered; null when hidden or not asked. */
  leaveDistribution: z.array(
    z.strictObject({
      fiscalYear: z.number().int(),
      bands: z.array(z.strictObject({ band: LeaveBand, share: Fraction })).nullable(),
    }),
  ),
});
export type WorkstyleIndicators = z.infer<typeof WorkstyleIndicators>;
