import type { Unit } from '../../shared/api/organisation';
import { type AnnualReport, REPORT_TREND_YEARS, type ReportParticipation } from '../../shared/api/report';
import type { IndicatorValue, PillarSummaryValue } from '../../shared/api/results';
import {
  type DisclosurePolicy,
  discloseCell,
  discloseUnitTree,
  policyAtLeast,
  publishedN,
  type UnitCount,
} from '../../shared/disclosure';
import type { Localized } from '../../shared/i18n/localized';
import { unitTreeOrder } from '../../shared/organisation/order';
import type { Template } from '../../shared/instruments/schema';
import type { AppDeps } from '../deps';
import { getCampaignRecord } from './campaigns';
import { DomainError } from './errors';
import { keyBook } from './frozen';
import { indicators } from './insights';
import { participation } from './invitations';
import { reportSections } from './report-sections';

/**
 * The annual report of a fiscal year (docs/DESIGN.md §5): each pillar's
 * summary and each indicator with its trend over the five years ending with
 * the report's, its change and its target — the very figures of
 * /api/indicators — and the response rates of the year's campaign, with the
 * sections other parts of koe contribute (report-sections.ts).
 *
 * Every figure is decided again by the disclosure engine (DESIGN §4) with the
 * k of the campaign it comes from (never below the floors, policyAtLeast): an
 * indicator or pillar figure whose n does not reach it is nulled, and so is a
 * change measured from a hidden year; response counts go through the unit
 * tree rules (small departments, and what would give them away by
 * subtraction, are hidden). A hidden figure is null: the PDF and the
 * workbook print a dash, never a number.
 */
export async function annualReport(deps: AppDeps, fiscalYear: number): Promise<AnnualReport> {
  const from = fiscalYear - (REPORT_TREND_YEARS - 1);
  const trend = await indicators(deps, from, fiscalYear);
  const campaignId = trend.pillars
    .flatMap((p) => [...p.summary, ...p.indicators.flatMap((i) => i.values)])
    .find((v) => v.fiscalYear === fiscalYear && v.campaignId !== null)?.campaignId;
  if (!campaignId) {
    throw new DomainError(
      'not_found',
      'no_results',
      `FY${fiscalYear} has no closed campaign with results yet`,
    );
  }

  // The k of each year's campaign, for deciding its figures again.
  const campaignIds = new Set<string>();
  for (const p of trend.pillars) for (const s of p.summary) if (s.campaignId) campaignIds.add(s.campaignId);
  campaignIds.add(campaignId);
  const records = new Map(
    await Promise.all([...campaignIds].map(async (id) => [id, await getCampaignRecord(deps, id)] as const)),
  );
  const policyOf = (id: string | null): DisclosurePolicy => {
    const record = id ? records.get(id) : undefined;
    return policyAtLeast(record?.minGroupSize, undefined);
  };
  const record = records.get(campaignId)!;

  const [plan, templates, rates, sections] = await Promise.all([
    deps.store.plan.getPlan(),
    deps.store.plan.listTemplates(),
    participationOf(deps, campaignId, policyOf(campaignId)),
    reportSections(deps, { fiscalYear, campaignId }),
  ]);

  const constructNames = new Map<string, Localized>();
  for (const t of [record.template as Template, ...templates])
    for (const c of t.constructs) if (!constructNames.has(c.id)) constructNames.set(c.id, c.name);
  const pillarNames = new Map((plan?.pillars ?? []).map((p) => [p.id, p.name]));

  return {
    fiscalYear,
    years: trend.years,
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    plan: plan ? { city: plan.city, title: plan.title } : null,
    campaign: {
      id: campaignId,
      title: record.title
        ? { ja: record.title.ja, ...(record.title.en ? { en: record.title.en } : {}) }
        : null,
      closedAt: record.closedAt ?? null,
      minGroupSize: policyOf(campaignId).k,
    },
    fdr: trend.fdr,
    pillars: trend.pillars.map((p) => ({
      pillarId: p.pillarId,
      name: pillarNames.get(p.pillarId) ?? { ja: p.pillarId, en: p.pillarId },
      summary: p.summary.map((s) => recheckSummary(s, policyOf(s.campaignId))),
      indicators: p.indicators.map((i) => ({
        constructId: i.constructId,
        name: constructNames.get(i.constructId) ?? { ja: i.constructId, en: i.constructId },
        values: recheckTrend(i.values, policyOf),
      })),
    })),
    participation: rates,
    sections,
  };
}

/** Shown to the whole organisation: a figure overall has the organisation (shown) as its parent. */
const OVERALL = { shown: true } as const;

function recheckSummary(s: PillarSummaryValue, policy: DisclosurePolicy): PillarSummaryValue {
  if (s.value === null) return s;
  const decision = discloseCell(publishedN(s), OVERALL, policy);
  return decision.shown ? s : { ...s, value: null, ci: null, n: null, suppressed: true };
}

/**
 * An indicator's years decided again: a year whose n does not reach its
 * campaign's k loses its figures, and the change of a later year measured
 * from it too (the change and the later value would give the hidden one).
 */
function recheckTrend(
  values: readonly IndicatorValue[],
  policyOf: (campaignId: string | null) => DisclosurePolicy,
): IndicatorValue[] {
  const hiddenYears = new Set<number>();
  const noChange = { delta: null, comparedWith: null, test: null, p: null, q: null, significant: null };
  return values.map((v) => {
    if (v.n === null) return v;
    const shown = discloseCell(
      publishedN({ n: v.n, suppressed: false }),
      OVERALL,
      policyOf(v.campaignId),
    ).shown;
    if (!shown) {
      hiddenYears.add(v.fiscalYear);
      const { mean: _, ...rest } = v;
      return { ...rest, favourable: null, n: null, ...noChange };
    }
    return v.comparedWith !== null && hiddenYears.has(v.comparedWith) ? { ...v, ...noChange } : v;
  });
}

/**
 * Response rates of the campaign: overall and per department (the tree's
 * top-level units), the response counts decided by the unit-tree rules of
 * the disclosure engine. A hidden row carries no number at all.
 */
async function participationOf(
  deps: AppDeps,
  campaignId: string,
  policy: DisclosurePolicy,
): Promise<AnnualReport['participation']> {
  const record = await getCampaignRecord(deps, campaignId);
  const [counts, tree] = await Promise.all([
    participation(deps, campaignId),
    record.frozen
      ? keyBook(deps, record).then((b) => b.organisation.units as Unit[])
      : deps.store.directory.listUnits(),
  ]);
  const known = new Set(tree.map((u) => u.code));
  const direct = new Map(counts.units.map((u) => [u.unitCode, u]));
  const units: UnitCount[] = tree.map((u) => ({
    code: u.code,
    parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
    ownCount: direct.get(u.code)?.responses ?? 0,
  }));
  // Answers counted at a group outside the tree (the whole organisation's key group) count overall only.
  for (const u of counts.units)
    if (!known.has(u.unitCode)) units.push({ code: u.unitCode, parentCode: null, ownCount: u.responses });
  const decision = discloseUnitTree(units, policy);

  const childrenOf = new Map<string, string[]>();
  for (const u of units)
    if (u.parentCode) childrenOf.set(u.parentCode, [...(childrenOf.get(u.parentCode) ?? []), u.code]);
  const invitedBelow = (code: string): number =>
    (direct.get(code)?.invited ?? 0) + (childrenOf.get(code) ?? []).reduce((s, c) => s + invitedBelow(c), 0);

  const row = (shown: boolean, responses: number, invited: number): ReportParticipation =>
    shown && invited > 0
      ? { invited, responses, rate: Math.min(1, responses / invited), suppressed: false }
      : { invited: null, responses: null, rate: null, suppressed: true };

  const roots = unitTreeOrder(tree)
    .filter(({ depth }) => depth === 0)
    .map(({ unit }) => unit);
  return {
    overall: row(decision.total.shown, decision.total.n, counts.invited),
    departments: roots
      .filter((u) => invitedBelow(u.code) > 0)
      .map((u) => {
        const cell = decision.cells.get(u.code)!;
        return {
          unitCode: u.code,
          name: { ja: u.name.ja, en: u.name.en ?? u.name.ja },
          ...row(cell.shown, cell.n, invitedBelow(u.code)),
        };
      }),
  };
}
