import { type ReportSection, ReportSection as ReportSectionSchema } from '../../shared/api/report';
import type { AppDeps } from '../deps';
import { actionsSection, harassmentSection, progressSection } from './report-providers';

/**
 * The annual report's section hooks (docs/DESIGN.md §5). Other parts of koe
 * — the plan's progress and the actions taken, harassment prevalence beside
 * the national reference — add their section by adding one provider to
 * REPORT_SECTION_PROVIDERS. A provider returns its section for the fiscal
 * year, every number already through the disclosure engine (a hidden cell is
 * null), or null when it has nothing for that year: then the report simply
 * has no such section. There is no placeholder output.
 */
export interface ReportSectionContext {
  fiscalYear: number;
  /** The campaign the report's figures come from. */
  campaignId: string;
}

export type ReportSectionProvider = (
  deps: AppDeps,
  context: ReportSectionContext,
) => Promise<ReportSection | null>;

/** One line per section, in the order the report prints them. */
export const REPORT_SECTION_PROVIDERS: ReportSectionProvider[] = [
  harassmentSection,
  progressSection,
  actionsSection,
];

/**
 * The sections the providers give for a year, each checked against the
 * shared shape (a malformed section is a bug in its provider: it fails the
 * report rather than printing something half-formed).
 */
export async function reportSections(
  deps: AppDeps,
  context: ReportSectionContext,
  providers: readonly ReportSectionProvider[] = REPORT_SECTION_PROVIDERS,
): Promise<ReportSection[]> {
  const sections = await Promise.all(providers.map((provide) => provide(deps, context)));
  return sections.flatMap((s) => (s === null ? [] : [ReportSectionSchema.parse(s)]));
}
