import * as z from 'zod';
import { Localized } from '../i18n/localized';
import { PillarId } from '../plan/ids';
import { Fraction } from './common';
import { IndicatorValue, PillarSummaryValue } from './results';

/**
 * The annual report (年次報告書) of one fiscal year: what HR prints, downloads
 * as PDF or as an Excel workbook and hands to the council (docs/DESIGN.md §5).
 * Every figure in it has been decided again by the disclosure engine with the
 * k of the campaign it comes from (DESIGN §4): a hidden figure is null, never
 * a number, in the JSON, the PDF and the workbook alike.
 */

/** The fiscal year in the path: FY2025 is `2025`. */
export const ReportYearParam = z.object({
  fiscalYear: z.string().regex(/^\d{4}$/, 'a fiscal year is a four-digit year such as 2025'),
});

/** How many fiscal years the report's trends cover, ending with its own. */
export const REPORT_TREND_YEARS = 5;

/** One row of participation: a department (top-level unit) or the whole organisation. */
export const ReportParticipation = z.strictObject({
  invited: z.number().int().nullable(),
  responses: z.number().int().nullable(),
  rate: Fraction.nullable(),
  /** Hidden by the disclosure engine (fewer than k responses, or to protect one that is): every number null. */
  suppressed: z.boolean(),
});
export type ReportParticipation = z.infer<typeof ReportParticipation>;

/**
 * A section that another part of koe contributes to the report (the plan's
 * progress, the actions taken, harassment prevalence …): a title, an optional
 * note and tables of text and numbers. The provider has already put each
 * number through the disclosure engine; a hidden cell is null.
 */
export const ReportTable = z.strictObject({
  caption: Localized,
  columns: z.array(Localized).min(1),
  /** Each row's cells, one per column: text, a number, or null for a hidden / empty cell. */
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  /** How each column's numbers read: a share as a percentage, or a plain number (default). */
  formats: z.array(z.enum(['text', 'percent', 'number'])).optional(),
});
export type ReportTable = z.infer<typeof ReportTable>;

export const ReportSection = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: Localized,
  note: Localized.optional(),
  tables: z.array(ReportTable),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const AnnualReport = z.strictObject({
  fiscalYear: z.number().int(),
  /** The fiscal years the trends show, oldest first, ending with `fiscalYear`. */
  years: z.array(z.number().int()),
  generatedAt: z.string(),
  plan: z.strictObject({ city: Localized, title: Localized }).nullable(),
  campaign: z.strictObject({
    id: z.string(),
    title: z.strictObject({ ja: z.string(), en: z.string().optional() }).nullable(),
    closedAt: z.string().nullable(),
    /** The minimum group size its figures were decided with. */
    minGroupSize: z.number().int(),
  }),
  /** The false discovery rate of the `significant` flags (Benjamini–Hochberg), as on the dashboard. */
  fdr: Fraction,
  pillars: z.array(
    z.strictObject({
      pillarId: PillarId,
      name: Localized,
      /** The pillar's summary figure per year of `years`. */
      summary: z.array(PillarSummaryValue),
      indicators: z.array(
        z.strictObject({
          constructId: z.string(),
          name: Localized,
          /** Per year of `years`: the figures of /api/indicators, hidden ones null. */
          values: z.array(IndicatorValue),
        }),
      ),
    }),
  ),
  participation: z.strictObject({
    overall: ReportParticipation,
    departments: z.array(ReportParticipation.extend({ unitCode: z.string(), name: Localized })),
  }),
  /** Sections other parts of koe contribute (section hooks, functions/services/report-sections.ts). */
  sections: z.array(ReportSection),
});
export type AnnualReport = z.infer<typeof AnnualReport>;
