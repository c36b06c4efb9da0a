import { ResultsBuilder } from '../../shared/results/compute';
import { submissionsSettled } from '../services/open-campaigns';
import type { Store } from '../store';

/**
 * Reads every response of a closed campaign (shards in parallel), computes
 * the results with disclosure control, and stores them with the exact
 * response count of each key group. The only code that reads answers.
 *
 * Results are computed once (A3): from the unit tree, key groups, k and
 * template frozen when the campaign opened, never from today's directory, and
 * a second run finds the stored result and changes nothing. So a closed
 * campaign's results never change, and there are no superseded versions.
 */
export async function computeAndStoreResults(
  store: Store,
  campaignId: string,
  now = new Date(),
): Promise<void> {
  const campaign = await store.campaigns.getCampaign(campaignId);
  if (!campaign) throw new Error(`campaign ${campaignId} not found`);
  if (campaign.status !== 'closed')
    throw new Error(`campaign ${campaignId} is ${campaign.status}, not closed`);
  if (!campaign.frozen) throw new Error(`campaign ${campaignId} was never opened: nothing is frozen`);
  if (await store.results.getResultSummary(campaignId)) return;
  // Answers admitted by another process just before the close may still be landing.
  await submissionsSettled(store, campaign);
  const frozen = await store.campaigns.getFrozenOrganisation(campaignId, campaign.frozen);
  const builder = new ResultsBuilder({
    campaignId,
    fiscalYear: campaign.fiscalYear,
    minGroupSize: frozen.k,
    template: campaign.template,
    units: frozen.units,
    keyGroups: frozen.groups.map((g) => ({ id: g.id, units: g.units })),
    computedAt: now.toISOString(),
  });
  // The exact responses per key group, for participation from now on (live counts may lag or miss a few).
  const counts = new Map<string, number>();
  await store.responses.forEach(campaignId, (r) => {
    builder.add(r);
    counts.set(r.unitCode, (counts.get(r.unitCode) ?? 0) + 1);
  });
  const { results, summary } = builder.finish();
  // Counts first (the same exact counts whoever writes them), then the result, once: a run that
  // finds a result already stored leaves it as it is.
  await store.campaigns.setFinalResponseCounts(campaignId, counts);
  await store.results.putResults(campaignId, results, summary);
}
