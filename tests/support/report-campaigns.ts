import type { CampaignRecord } from '../../functions/store/campaigns';
import type { CampaignResults } from '../../shared/api/results';
import { annualStaffSurvey } from '../../shared/instruments';
import type { ResultsSummary } from '../../shared/results/compute';
import type { TestServer } from './server';

/**
 * Closed annual campaigns written straight into the store, with a stored
 * results summary and a stand-in results body, for the tests of what reads
 * summaries (indicators, the dashboard, the annual report). Contributed report
 * sections read bodies, so a report test must clear them.
 */
export async function closedCampaignWithSummary(
  server: TestServer,
  options: {
    fiscalYear: number;
    k?: number;
    title?: string;
    constructs: ResultsSummary['constructs'];
    /** Left out of the summary when undefined (as summaries stored before pillar figures existed). */
    pillars?: ResultsSummary['pillars'];
  },
): Promise<void> {
  const { fiscalYear } = options;
  const { campaigns, results } = server.runtime.store;
  const id = `fy${fiscalYear}`;
  const record: CampaignRecord = {
    id,
    fiscalYear,
    templateId: 'annual-staff-survey-v1',
    title: { ja: options.title ?? `${fiscalYear}` },
    opensAt: `${fiscalYear}-10-01T00:00:00+09:00`,
    closesAt: `${fiscalYear}-10-31T00:00:00+09:00`,
    minGroupSize: options.k ?? 5,
    status: 'closed',
    createdAt: `${fiscalYear}-09-01T00:00:00.000Z`,
    closedAt: `${fiscalYear}-11-01T00:00:00.000Z`,
    template: annualStaffSurvey,
  };
  await campaigns.createCampaign(record);
  const summary = {
    campaignId: id,
    fiscalYear,
    templateId: 'annual-staff-survey-v1',
    constructs: options.constructs,
    ...(options.pillars ? { pillars: options.pillars } : {}),
  } as ResultsSummary;
  await results.putResults(id, { campaignId: id } as CampaignResults, summary);
}

/** A campaign whose only stored figure is psychological safety, x of n, under its own k (the report's tests). */
export function closedReportCampaign(
  server: TestServer,
  {
    fiscalYear,
    k,
    x,
    n,
    pillar = false,
  }: { fiscalYear: number; k: number; x: number; n: number; pillar?: boolean },
): Promise<void> {
  return closedCampaignWithSummary(server, {
    fiscalYear,
    k,
    title: `${fiscalYear}年度 職員意識調査`,
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
  });
}

/**
 * A year of the dashboard's history: psychological safety x of n, health half of n; in FY2024
 * the culture pillar's figure (70%, 64–76%) and environment's hidden one. Other years carry no
 * pillar figures (`pillars: 'omit'` leaves the field out).
 */
export function closedDashboardYear(
  server: TestServer,
  fiscalYear: number,
  x: number,
  n: number,
  { pillars = 'empty' }: { pillars?: 'empty' | 'omit' } = {},
): Promise<void> {
  return closedCampaignWithSummary(server, {
    fiscalYear,
    constructs: [
      { constructId: 'psychological_safety', pillarId: 'culture', favourable: x / n, n, x },
      { constructId: 'health', pillarId: 'environment', favourable: 0.5, n, x: n / 2 },
    ],
    pillars:
      fiscalYear === 2024
        ? [
            {
              pillarId: 'culture',
              value: 0.7,
              ci: [0.64, 0.76],
              n,
              suppressed: false,
              constructIds: ['psychological_safety'],
            },
            {
              pillarId: 'environment',
              value: null,
              ci: null,
              n: null,
              suppressed: true,
              constructIds: ['health'],
            },
          ]
        : pillars === 'omit'
          ? undefined
          : [],
  });
}
