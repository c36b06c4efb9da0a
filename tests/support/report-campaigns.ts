import type { CampaignRecord } from '../../functions/store/campaigns';
import type { CampaignResults } from '../../shared/api/results';
import { annualStaffSurvey } from '../../shared/instruments';
import type { ResultsSummary } from '../../shared/results/compute';
import type { TestServer } from './server';

/**
 * A closed annual campaign written straight into the store, for the report's
 * tests: its own k, and one stored psychological-safety figure of x of n
 * (with the culture pillar's summary when `pillar` is set). The report reads
 * the summary; the results body is a stand-in, so the contributed report
 * sections (which read bodies) must be cleared by the caller.
 */
export async function closedReportCampaign(
  server: TestServer,
  {
    fiscalYear,
    k,
    x,
    n,
    pillar = false,
  }: { fiscalYear: number; k: number; x: number; n: number; pillar?: boolean },
): Promise<void> {
  const { campaigns, results } = server.runtime.store;
  const id = `fy${fiscalYear}`;
  const record: CampaignRecord = {
    id,
    fiscalYear,
    templateId: 'annual-staff-survey-v1',
    title: { ja: `${fiscalYear}年度 職員意識調査` },
    opensAt: `${fiscalYear}-10-01T00:00:00+09:00`,
    closesAt: `${fiscalYear}-10-31T00:00:00+09:00`,
    minGroupSize: k,
    status: 'closed',
    createdAt: `${fiscalYear}-09-01T00:00:00.000Z`,
    closedAt: `${fiscalYear}-11-01T00:00:00.000Z`,
    template: annualStaffSurvey,
  };
  await campaigns.createCampaign(record);
  const summary: ResultsSummary = {
    campaignId: id,
    fiscalYear,
    templateId: 'annual-staff-survey-v1',
    constructs: [{ constructId: 'psychological_safety', pillarId: 'culture', favourable: x / n, n, x }],
    pillars: pillar
      ? [
          {
            pillarId: 'culture',
            value: x / n,
            ci: [0.2, 0.9],
            n,
            suppressed: false,
            constructIds: ['psychological_safety'],
          },
        ]
      : [],
  };
  await results.putResults(id, { campaignId: id } as CampaignResults, summary);
}
