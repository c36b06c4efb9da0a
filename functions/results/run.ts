import type { Template } from '../../shared/instruments/schema';
import { ResultsBuilder } from '../../shared/results/compute';
import type { Store } from '../store';

/**
 * Reads every response of a closed campaign (shards in parallel), computes
 * the results with disclosure control, and stores them. The only code that
 * reads answers.
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
  const units = await store.directory.listUnits();
  const builder = new ResultsBuilder({
    campaignId,
    fiscalYear: campaign.fiscalYear,
    minGroupSize: campaign.minGroupSize,
    template: campaign.template as Template,
    units,
    computedAt: now.toISOString(),
  });
  await store.responses.forEach(campaignId, (r) => builder.add(r));
  const { results, summary } = builder.finish();
  await store.surveys.putResults(campaignId, results, summary);
}
