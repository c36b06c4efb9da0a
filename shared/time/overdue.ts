/**
 * What is late, for the HR console's banner: an open campaign past its
 * deadline (the schedule should have closed it: it runs every few minutes on
 * AWS and every 20 s under `npm start`), or a closed campaign whose results
 * are still pending some minutes after closing (the results job failed or has
 * not run). Either means something needs a look, not a call to 人事課.
 */

/** Results are computed within minutes of closing (every 2 minutes, runs of up to 5); later than this is late. */
export const RESULTS_GRACE_MS = 10 * 60 * 1000;
/** The schedule runs every 5 minutes on AWS (infra/inputs.ts); an open campaign this far past its deadline is late. */
export const CLOSE_GRACE_MS = 10 * 60 * 1000;

export interface OverdueCampaignInput {
  id: string;
  status: 'draft' | 'open' | 'closed';
  closesAt: string;
  closedAt?: string | undefined;
  resultsPending?: boolean | undefined;
}

export interface Overdue {
  campaignId: string;
  reason: 'not_closed' | 'results_pending';
  /** Since when it is late (ISO): the deadline, or the closing. */
  since: string;
}

export function overdueCampaigns(campaigns: readonly OverdueCampaignInput[], now: Date): Overdue[] {
  const t = now.getTime();
  const out: Overdue[] = [];
  for (const c of campaigns) {
    if (c.status === 'open' && Date.parse(c.closesAt) + CLOSE_GRACE_MS <= t) {
      out.push({ campaignId: c.id, reason: 'not_closed', since: c.closesAt });
    } else if (
      c.status === 'closed' &&
      c.resultsPending &&
      c.closedAt &&
      Date.parse(c.closedAt) + RESULTS_GRACE_MS <= t
    ) {
      out.push({ campaignId: c.id, reason: 'results_pending', since: c.closedAt });
    }
  }
  return out;
}
