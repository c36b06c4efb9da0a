import type { CampaignRecord } from '../../functions/store/campaigns';
import type { CampaignResults, ConstructCell } from '../../shared/api/results';
import { annualStaffSurvey } from '../../shared/instruments';
import type { TestServer } from './server';

/**
 * Closed campaigns with results stored as the results job stores them, for
 * tests of what is built on results (action plans, unit change): each unit
 * row with one psychological-safety cell, shown (a favourable share) or
 * hidden (null). Served through the disclosure engine like any results.
 */

function cell(constructId: string, favourable: number | null, n: number | null): ConstructCell {
  const shown = favourable !== null;
  return {
    constructId,
    pillarId: 'culture',
    favourable,
    favourableCi: shown ? [Math.max(0, favourable - 0.1), Math.min(1, favourable + 0.1)] : null,
    mean: shown ? 3.5 : null,
    meanCi: shown ? [3.2, 3.8] : null,
    n: shown ? n : null,
    suppressed: !shown,
    ...(shown ? {} : { hiddenReason: 'few' as const }),
  };
}

/** A unit's row: shown with `favourable`, or hidden (few) when it is null. */
export function unitRow(unitCode: string, n: number, favourable: number | null) {
  const shown = favourable !== null;
  return {
    unitCode,
    n: shown ? n : null,
    suppressed: !shown,
    ...(shown ? {} : { hiddenReason: 'few' as const }),
    constructs: [cell('psychological_safety', favourable, n)],
  };
}

/** Stores campaign `fy<year>` (or `fy<year>-open`, without results) on the annual template. */
export async function storedCampaign(
  server: TestServer,
  fiscalYear: number,
  units: CampaignResults['units'],
  status: 'closed' | 'open' = 'closed',
): Promise<string> {
  const id = `fy${fiscalYear}${status === 'open' ? '-open' : ''}`;
  const record: CampaignRecord = {
    id,
    fiscalYear,
    templateId: annualStaffSurvey.id,
    title: { ja: `FY${fiscalYear} 職員意識調査`, en: `FY${fiscalYear} staff survey` },
    opensAt: `${fiscalYear}-10-01T00:00:00+09:00`,
    closesAt: `${fiscalYear}-10-31T00:00:00+09:00`,
    minGroupSize: 5,
    status,
    createdAt: `${fiscalYear}-09-01T00:00:00.000Z`,
    ...(status === 'closed' ? { closedAt: `${fiscalYear}-11-01T00:00:00.000Z` } : {}),
    template: annualStaffSurvey,
  };
  await server.runtime.store.campaigns.createCampaign(record);
  if (status !== 'closed') return id;
  const total = units.reduce((s, u) => s + (u.n ?? 4), 0);
  const results: CampaignResults = {
    campaignId: id,
    fiscalYear,
    minGroupSize: 5,
    sensitiveMinGroupSize: 10,
    computedAt: `${fiscalYear}-11-02T00:00:00.000Z`,
    overall: { n: total, suppressed: false, constructs: [cell('psychological_safety', 0.6, total)] },
    units,
    breakdowns: { jobLevel: [], ageBand: [], employmentType: [] },
    items: [],
    itemScores: [],
    comments: { suppressed: true, texts: [] },
  };
  await server.runtime.store.results.putResults(id, results, {
    campaignId: id,
    fiscalYear,
    templateId: annualStaffSurvey.id,
    constructs: [],
  });
  return id;
}
