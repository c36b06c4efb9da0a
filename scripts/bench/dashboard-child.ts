import { ensureFirstAdmin } from '../../functions/services/accounts';
import { createCampaign } from '../../functions/services/campaigns';
import { seedDemoOrganisation } from '../../functions/seed/demo';
import { demoUnits } from '../../functions/seed/demo-organisation';
import { annualStaffSurvey } from '../../shared/instruments';
import { ResultsBuilder } from '../../shared/results/compute';
import { fiscalYearBounds } from '../../shared/time/fiscal-year';
import { serveHarness } from './child';
import { startBenchServer } from './server';
import { syntheticResponses } from './synthetic';

/**
 * The server side of the dashboard benchmark: koe as `npm start` runs it,
 * with the demo organisation, five closed campaigns (FY2023–FY2027) whose
 * results — computed by ResultsBuilder from synthetic responses — are stored
 * as the results job stores them, one open campaign, and targets for every
 * construct. Returns where to send requests and an admin session.
 */

const ADMIN = { email: 'bench@example.jp', password: 'bench password, not a secret' };
const bench = await startBenchServer();
const { deps, store } = bench.runtime;

async function setup(arg: { responsesPerYear: number }): Promise<{ baseUrl: string; token: string }> {
  await seedDemoOrganisation(deps);
  await ensureFirstAdmin(deps, ADMIN.email, ADMIN.password);
  const units = demoUnits();
  for (const [i, fiscalYear] of [2023, 2024, 2025, 2026, 2027, 2028].entries()) {
    const { start } = fiscalYearBounds(fiscalYear);
    const opensAt = new Date(Date.parse(start) + 183 * 86_400_000).toISOString();
    const closesAt = new Date(Date.parse(opensAt) + 30 * 86_400_000).toISOString();
    const draft = await createCampaign(deps, {
      fiscalYear,
      templateId: annualStaffSurvey.id,
      opensAt,
      closesAt,
    });
    const record = (await store.campaigns.getCampaign(draft.id))!;
    if (fiscalYear === 2028) {
      // The year in progress: open, no results.
      await store.campaigns.updateCampaign({ ...record, status: 'open', openedAt: opensAt }, 'draft');
      continue;
    }
    await store.campaigns.updateCampaign(
      { ...record, status: 'closed', openedAt: opensAt, closedAt: closesAt, resultsState: 'ready' },
      'draft',
    );
    const builder = new ResultsBuilder({
      campaignId: record.id,
      fiscalYear,
      minGroupSize: record.minGroupSize,
      template: annualStaffSurvey,
      units,
      computedAt: closesAt,
    });
    for (const chunk of syntheticResponses(annualStaffSurvey, units, arg.responsesPerYear, 100 + i)) {
      for (const r of chunk) builder.add(r);
    }
    const { results, summary } = builder.finish();
    await store.results.putResults(record.id, results, summary);
  }
  for (const c of annualStaffSurvey.constructs) {
    await store.plan.putTarget({ constructId: c.id, fiscalYear: 2027, favourable: 0.7 });
  }
  const res = await bench.runtime.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return { baseUrl: bench.baseUrl, token };
}

serveHarness({ setup }, () => bench.close());
