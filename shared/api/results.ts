import * as z from 'zod';
import { PillarId } from '../plan/ids';
import { Fraction } from './common';
import { UnitPrevalence } from './harassment';

/**
 * Why a hidden cell is hidden (DESIGN §4): `few` — fewer respondents than the minimum group size
 * (少人数); `complementary` — enough respondents, hidden so that a smaller hidden group cannot be worked
 * out by subtraction (差し引きで推測されるのを防ぐため). Present exactly when `suppressed` is true (absent
 * in results computed before it existed). Where the count behind a cell is not public (self-reported
 * breakdowns, constructs without a required item), it is always `few`: the weaker reason, which tells
 * nothing the published counts do not.
 */
export const HiddenReason = z.enum(['few', 'complementary']);
export type HiddenReason = z.infer<typeof HiddenReason>;

/**
 * One construct in one group. A hidden cell (suppressed: true) carries no value
 * and no exact n: every number is null.
 */
export const ConstructCell = z.strictObject({
  constructId: z.string(),
  pillarId: PillarId,
  favourable: Fraction.nullable(),
  /** Wilson 95% interval of favourable. */
  favourableCi: z.tuple([Fraction, Fraction]).nullable(),
  mean: z.number().nullable(),
  /** t 95% interval of the mean. */
  meanCi: z.tuple([z.number(), z.number()]).nullable(),
  /** eNPS as a fraction −1…1, for constructs whose indicator is eNPS. */
  enps: z.number().min(-1).max(1).nullable().optional(),
  /** Cronbach's α of the construct's scored items, overall only. */
  alpha: z.number().nullable().optional(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  hiddenReason: HiddenReason.optional(),
});
export type ConstructCell = z.infer<typeof ConstructCell>;

export const GroupResult = z.strictObject({
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  hiddenReason: HiddenReason.optional(),
  constructs: z.array(ConstructCell),
});

export const UnitResult = GroupResult.extend({
  unitCode: z.string(),
  /** `in_key_group`: the unit shares its key group's key, so its answers count as the group's top unit's. */
  reason: z.literal('in_key_group').optional(),
});
export const BreakdownResult = GroupResult.extend({ key: z.string() });
export type BreakdownResult = z.infer<typeof BreakdownResult>;

/** Share of respondents per option of a descriptive item (harassment types, overtime band…). */
export const ItemDistribution = z.strictObject({
  itemId: z.string(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  options: z.array(z.strictObject({ value: z.string(), share: Fraction.nullable() })),
});

/**
 * One custom question's overall result. Hidden (suppressed, every figure null, no texts) below k,
 * or below k_sensitive for a sensitive or free-text question (DESIGN §4). Which figures are present
 * depends on the type: likert5 favourable, distribution and mean; number mean; single/multi option
 * shares; text the answers, shuffled and masked.
 */
export const CustomItemResult = z.strictObject({
  itemId: z.string(),
  type: z.enum(['likert5', 'single', 'multi', 'number', 'text']),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  hiddenReason: HiddenReason.optional(),
  favourable: Fraction.nullable().optional(),
  distribution: z.array(Fraction).length(5).nullable().optional(),
  mean: z.number().nullable().optional(),
  meanCi: z.tuple([z.number(), z.number()]).nullable().optional(),
  options: z.array(z.strictObject({ value: z.string(), share: Fraction.nullable() })).optional(),
  texts: z.array(z.string()).optional(),
});
export type CustomItemResult = z.infer<typeof CustomItemResult>;

export const CampaignResults = z.strictObject({
  campaignId: z.string(),
  fiscalYear: z.number().int(),
  minGroupSize: z.number().int(),
  sensitiveMinGroupSize: z.number().int(),
  computedAt: z.string(),
  overall: GroupResult,
  units: z.array(UnitResult),
  breakdowns: z.strictObject({
    jobLevel: z.array(BreakdownResult),
    ageBand: z.array(BreakdownResult),
    employmentType: z.array(BreakdownResult),
    /**
     * By entry route (new_graduate, mid_career, other: the answer to rec.entry_route), under the same
     * rules; absent in results computed before it existed.
     */
    entryRoute: z.array(BreakdownResult).optional(),
  }),
  /** Distributions of the non-scored items, overall (sensitive ones only at n ≥ k_sensitive). */
  items: z.array(ItemDistribution),
  /** Each scored item overall: favourable share and the share of each answer 1–5 (as asked, not recoded). */
  itemScores: z.array(
    z.strictObject({
      itemId: z.string(),
      constructId: z.string(),
      n: z.number().int().nullable(),
      suppressed: z.boolean(),
      favourable: Fraction.nullable(),
      distribution: z.array(Fraction).length(5).nullable(),
    }),
  ),
  /** Free-text comments, overall, only at n ≥ k_sensitive; shuffled, without dates, masked. */
  comments: z.strictObject({ suppressed: z.boolean(), texts: z.array(z.string()) }),
  /** Harassment prevalence (3 years) per unit at k_sensitive; absent where the question was not asked or for a manager. */
  unitPrevalence: z.array(UnitPrevalence).optional(),
  /** The campaign's custom questions, overall (absent in results computed before they existed). */
  customItems: z.array(CustomItemResult).optional(),
});
export type CampaignResults = z.infer<typeof CampaignResults>;

export const IndicatorValue = z.strictObject({
  fiscalYear: z.number().int(),
  campaignId: z.string().nullable(),
  /** The favourable share, for a share-type indicator. */
  favourable: Fraction.nullable(),
  /** The mean, for a mean-type indicator (0–10 answers, days…); absent for a share. */
  mean: z.number().nullable().optional(),
  n: z.number().int().nullable(),
  /** Change from `comparedWith`, the last earlier fiscal year with a value: a fraction for a share, in the indicator's unit for a mean. */
  delta: z.number().nullable(),
  /** The fiscal year the change is from; not the year before when a year had no value (label "vs FY…"). */
  comparedWith: z.number().int().nullable(),
  /** The test of the change: pooled two-proportion z-test (shares) or Welch's t (means), DESIGN §5. */
  test: z.enum(['z', 'welch']).nullable(),
  /** The test's raw two-sided p-value. */
  p: Fraction.nullable(),
  /** The Benjamini–Hochberg adjusted p-value across every change in this response. */
  q: Fraction.nullable(),
  /** Whether the change is significant after Benjamini–Hochberg: q ≤ the stated false discovery rate (`fdr`). */
  significant: z.boolean().nullable(),
  target: Fraction.nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

/**
 * A pillar's summary figure in one fiscal year (DESIGN §5): the mean of its
 * constructs' favourable shares with a 95% interval (delta method on
 * respondents). Hidden (every number null, `suppressed`) when any cell it
 * averages is hidden; all null without results or a figure.
 */
export const PillarSummaryValue = z.strictObject({
  fiscalYear: z.number().int(),
  campaignId: z.string().nullable(),
  value: Fraction.nullable(),
  ci: z.tuple([Fraction, Fraction]).nullable(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type PillarSummaryValue = z.infer<typeof PillarSummaryValue>;

export const Indicators = z.strictObject({
  years: z.array(z.number().int()),
  /** The false discovery rate the `significant` flags control (Benjamini–Hochberg). */
  fdr: Fraction,
  pillars: z.array(
    z.strictObject({
      pillarId: PillarId,
      indicators: z.array(z.strictObject({ constructId: z.string(), values: z.array(IndicatorValue) })),
      summary: z.array(PillarSummaryValue),
    }),
  ),
});
export type Indicators = z.infer<typeof Indicators>;

export const IndicatorsQuery = z.strictObject({
  from: z.coerce.number().int().min(2000).max(2100),
  to: z.coerce.number().int().min(2000).max(2100),
});

export const TargetSet = z.strictObject({
  constructId: z.string().min(1).max(100),
  fiscalYear: z.number().int().min(2000).max(2100),
  // A share this small is no target, and below 1e-130 DynamoDB cannot store the number (it was a 500).
  favourable: Fraction.refine((v) => v === 0 || v >= 1e-4, 'a target is 0 or at least 0.0001'),
});
export type TargetSet = z.infer<typeof TargetSet>;
