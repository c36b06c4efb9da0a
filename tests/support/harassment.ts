import type { CampaignRecord } from '../../functions/store/campaigns';
import { annualStaffSurvey } from '../../shared/instruments';
import { ResultsBuilder } from '../../shared/results/compute';
import type { TestServer } from './server';

/**
 * A closed campaign of unit U1 whose results are computed by the real results
 * computation (the disclosure engine deciding every cell) and stored:
 * `total` respondents, each answering one scored item, and the 3-year
 * harassment question as `pick(i)` says (undefined: skipped).
 */
export async function closedHarassmentCampaign(
  server: TestServer,
  fiscalYear: number,
  total: number,
  pick: (i: number) => string[] | undefined,
): Promise<void> {
  const id = `fy${fiscalYear}`;
  const record: CampaignRecord = {
    id,
    fiscalYear,
    templateId: annualStaffSurvey.id,
    title: { ja: `${fiscalYear}` },
    opensAt: `${fiscalYear}-10-01T00:00:00+09:00`,
    closesAt: `${fiscalYear}-10-31T00:00:00+09:00`,
    minGroupSize: 5,
    status: 'closed',
    createdAt: `${fiscalYear}-09-01T00:00:00.000Z`,
    closedAt: `${fiscalYear}-11-01T00:00:00.000Z`,
    template: annualStaffSurvey,
  };
  await server.runtime.store.campaigns.createCampaign(record);
  const builder = new ResultsBuilder({
    campaignId: id,
    fiscalYear,
    minGroupSize: 5,
    template: annualStaffSurvey,
    units: [{ code: 'U1', parentCode: null }],
    computedAt: `${fiscalYear}-11-01T00:00:00.000Z`,
  });
  for (let i = 0; i < total; i++) {
    const answers: Record<string, number | string[]> = { 'psy.raise_problems': 4 };
    const kinds = pick(i);
    if (kinds) answers['har.experienced_3y'] = kinds;
    builder.add({ unitCode: 'U1', attributes: {}, answers });
  }
  const { results, summary } = builder.finish();
  await server.runtime.store.results.putResults(id, results, summary);
}

/**
 * The worked history both the API and the Chromium tests use:
 * FY2023: 80 answer the 3-year question, 12 power (15.0%, Wilson 8.79–24.41%), 28 customer.
 * FY2024: 9 answer it (below k_sensitive = 10): nothing of it is shown, though 40 took part.
 * FY2025: 92 answer it, 2 would rather not say: 6 power of 90 (6.67%), 30 customer;
 * compared with FY2023 (pooled z-test p = 0.07797, tests/shared/results/prevalence.test.ts).
 */
export async function harassmentHistory(server: TestServer): Promise<void> {
  await server.runtime.store.directory.createUnit({ code: 'U1', name: { ja: '総務課' }, parentCode: null });
  await closedHarassmentCampaign(server, 2023, 100, (i) =>
    i < 12 ? ['power'] : i < 40 ? ['customer'] : i < 80 ? ['none'] : undefined,
  );
  await closedHarassmentCampaign(server, 2024, 40, (i) => (i < 2 ? ['power'] : i < 9 ? ['none'] : undefined));
  await closedHarassmentCampaign(server, 2025, 92, (i) =>
    i < 2
      ? ['decline']
      : i < 3
        ? ['power', 'customer']
        : i < 8
          ? ['power']
          : i < 37
            ? ['customer']
            : ['none'],
  );
}
