import { describe, expect, it } from 'vitest';
import { overdueCampaigns } from '../../../shared/time/overdue';

/** What the console's banner calls late. */

const NOW = new Date('2026-12-03T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

describe('overdueCampaigns', () => {
  it('names an open campaign past its deadline once the schedule has had its runs', () => {
    const campaigns = [
      { id: 'late', status: 'open' as const, closesAt: minutesAgo(30) },
      // The schedule runs every 5 minutes on AWS: 2 minutes past is not late yet.
      { id: 'closing', status: 'open' as const, closesAt: minutesAgo(2) },
      { id: 'ahead', status: 'open' as const, closesAt: minutesAgo(-60) },
      // A draft past its deadline is never opened (the scheduler skips it): not late, just unused.
      { id: 'draft', status: 'draft' as const, closesAt: minutesAgo(60) },
    ];
    expect(overdueCampaigns(campaigns, NOW)).toEqual([
      { campaignId: 'late', reason: 'not_closed', since: minutesAgo(30) },
    ]);
  });

  it('names a closed campaign whose results are still pending minutes after closing', () => {
    const campaigns = [
      {
        id: 'stuck',
        status: 'closed' as const,
        closesAt: minutesAgo(60),
        closedAt: minutesAgo(30),
        resultsPending: true,
      },
      {
        id: 'computing',
        status: 'closed' as const,
        closesAt: minutesAgo(60),
        closedAt: minutesAgo(1),
        resultsPending: true,
      },
      { id: 'ready', status: 'closed' as const, closesAt: minutesAgo(60), closedAt: minutesAgo(30) },
    ];
    expect(overdueCampaigns(campaigns, NOW)).toEqual([
      { campaignId: 'stuck', reason: 'results_pending', since: minutesAgo(30) },
    ]);
  });
});
