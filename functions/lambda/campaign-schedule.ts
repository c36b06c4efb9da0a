import type { AppDeps } from '../deps';
import { DomainError } from '../services/errors';
import { closeCampaign, openCampaign, prepareCampaignKeys } from '../services/campaigns';
import { ConflictError } from '../store';
import { jobError, logger } from './observability';

export interface ScheduleOutcome {
  opened: string[];
  closed: string[];
  /** Left as they are, with the reason (someone else changed the campaign first, no units…). */
  skipped: Array<{ campaignId: string; reason: string }>;
  failed: string[];
}

/**
 * Of a run, the time (from its start) within which it makes group keys ahead for drafts, after opening
 * and closing: the scheduler function has 2 minutes (infra/constructs/schedules.ts), and a key batch
 * started just before this mark still finishes well within them.
 */
export const KEYS_AHEAD_MS = 60_000;

/**
 * Opens every draft whose `opensAt` has come and closes every open campaign
 * whose `closesAt` has come, with the same service calls as HR's buttons, so
 * opening makes the unit keys and closing marks the results pending.
 *
 * A draft whose closing time has also passed is not opened: nobody could
 * answer it. A campaign changed by someone else meanwhile is skipped (the
 * status changes are conditional writes), never forced.
 *
 * Then, in what is left of `keysAheadMs`, it makes the group keys of drafts still to open, the
 * soonest first (services/campaigns.ts `prepareCampaignKeys`): a city's keys take minutes, more than
 * one run has at open. A failure there is logged and left to the next run; it fails nothing.
 */
export async function applyCampaignSchedule(
  deps: AppDeps,
  now: Date,
  options: { keysAheadMs?: number } = {},
): Promise<ScheduleOutcome> {
  const until = Date.now() + (options.keysAheadMs ?? KEYS_AHEAD_MS);
  const outcome: ScheduleOutcome = { opened: [], closed: [], skipped: [], failed: [] };
  const t = now.getTime();
  const campaigns = await deps.store.campaigns.listCampaigns();
  for (const campaign of campaigns) {
    const due =
      campaign.status === 'draft' && Date.parse(campaign.opensAt) <= t
        ? 'open'
        : campaign.status === 'open' && Date.parse(campaign.closesAt) <= t
          ? 'close'
          : undefined;
    if (!due) continue;
    if (due === 'open' && Date.parse(campaign.closesAt) <= t) {
      outcome.skipped.push({ campaignId: campaign.id, reason: 'closing_time_passed' });
      logger.warn('campaign_not_opened', { campaignId: campaign.id, reason: 'closing_time_passed' });
      continue;
    }
    try {
      if (due === 'open') {
        await openCampaign(deps, campaign.id);
        outcome.opened.push(campaign.id);
      } else {
        await closeCampaign(deps, campaign.id);
        outcome.closed.push(campaign.id);
      }
      logger.info(due === 'open' ? 'campaign_opened' : 'campaign_closed', { campaignId: campaign.id });
    } catch (err) {
      const reason =
        err instanceof DomainError && err.kind === 'conflict'
          ? err.code
          : err instanceof ConflictError
            ? err.code
            : undefined;
      if (reason) {
        outcome.skipped.push({ campaignId: campaign.id, reason });
        logger.warn('campaign_skipped', { campaignId: campaign.id, reason });
      } else {
        outcome.failed.push(campaign.id);
        logger.error('campaign_schedule_failed', { campaignId: campaign.id, ...jobError(err) });
      }
    }
  }
  const drafts = campaigns
    .filter((c) => c.status === 'draft' && Date.parse(c.opensAt) > t && Date.parse(c.closesAt) > t)
    .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt));
  for (const draft of drafts) {
    if (Date.now() >= until) break;
    try {
      const keys = await prepareCampaignKeys(deps, draft.id, until);
      if (keys.made > 0) logger.info('campaign_keys_ahead', { campaignId: draft.id, ...keys });
    } catch (err) {
      logger.error('campaign_keys_ahead_failed', { campaignId: draft.id, ...jobError(err) });
    }
  }
  return outcome;
}
