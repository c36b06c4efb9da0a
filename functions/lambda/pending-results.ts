import { computeAndStoreResults } from '../results/run';
import type { Store } from '../store';
import { jobError, logger } from './observability';

export interface ResultsOutcome {
  computed: string[];
  failed: string[];
}

/**
 * Computes the results of every closed campaign whose results are pending
 * (closing a campaign marks them so), then marks them ready. One campaign at
 * a time: each may hold a hundred thousand responses in memory.
 *
 * Safe to run twice at once: both compute the same results from the same
 * answers, and the later write wins.
 */
export async function computePendingResults(store: Store, now: Date): Promise<ResultsOutcome> {
  const outcome: ResultsOutcome = { computed: [], failed: [] };
  const campaigns = await store.campaigns.listCampaigns();
  for (const campaign of campaigns) {
    if (campaign.status !== 'closed' || campaign.resultsState !== 'pending') continue;
    try {
      await computeAndStoreResults(store, campaign.id, now);
      await store.campaigns.updateCampaign({ ...campaign, resultsState: 'ready' }, 'closed');
      outcome.computed.push(campaign.id);
      logger.info('results_computed', { campaignId: campaign.id });
    } catch (err) {
      outcome.failed.push(campaign.id);
      logger.error('results_failed', { campaignId: campaign.id, ...jobError(err) });
    }
  }
  return outcome;
}
