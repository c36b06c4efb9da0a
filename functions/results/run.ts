import type { Template } from '../../shared/instruments/schema';
import { ResultsBuilder } from '../../shared/results/compute';
import { submissionsSettled } from '../services/open-campaigns';
import type { Store } from '../store';

/**
 * Reads every response of a closed campaign (shards in parallel), computes
 * the results with disclosure control, and stores them with the exact
 * response count of each unit. The only code that reads answers.
 */
export async function computeAndStoreResults(
  store: Store,
  campaignId: string,
  now = new Date(),
): Promise<void> {
  const campaign = await store.surveys.getCampaign(campaignId);
  if (!campaign) throw new Error(`campaign ${campaignId} not found`);
  if (campaign.status !== 'closed')
    throw new Error(`campaign ${campaignId} is ${campaign.status}, not closed`);
  // Answers admitted by another process just before the close may still be landing.
  await submissionsSettled(store, campaign);
  const units = await store.directory.listUnits();
  const builder = new ResultsBuilder({
    campaignId,
    fiscalYear: campaign.fiscalYear,
    minGroupSize: campaign.minGroupSize,
    template: campaign.template as Template,
    units,
    computedAt: now.toISOString(),
  });
  // The exact responses per unit, for participation from now on (live counts may lag or miss a few).
  const counts = new Map<string, number>();
  await store.responses.forEach(campaignId, (r) => {
    builder.add(r);
    counts.set(r.unitCode, (counts.get(r.unitCode) ?? 0) + 1);
  });
  const { results, summary } = builder.finish();
  await store.surveys.putResults(campaignId, results, summary);
  await store.surveys.setFinalResponseCounts(campaignId, counts);
}
