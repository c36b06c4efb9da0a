import type { Campaign } from '../../../shared/api/campaign';
import type { CampaignResults, Indicators } from '../../../shared/api/results';
import { type IndicatorYear, indicatorsOf, proportionsOf } from '../../../shared/results/indicators';
import { api } from './api';
import type { Reference } from './reference';

/** Each fiscal year's campaign for indicators: the latest closed one, as the API chooses. */
export function campaignsByYear(campaigns: Campaign[]): Map<number, Campaign> {
  const byYear = new Map<number, Campaign>();
  const closed = campaigns
    .filter((c) => c.status === 'closed')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  for (const c of closed) if (!byYear.has(c.fiscalYear)) byYear.set(c.fiscalYear, c);
  return byYear;
}

/**
 * Indicators for a manager, who may not read the organisation-wide ones:
 * the same shape, built from the results the API serves them (their own
 * subtree), with the same year-over-year test.
 */
export async function subtreeIndicators(
  ref: Reference,
  from: number,
  to: number,
  targets: Array<{ constructId: string; fiscalYear: number; favourable: number }>,
): Promise<Indicators> {
  const campaigns = await api.get<Campaign[]>('/api/campaigns');
  const byYear = campaignsByYear(campaigns);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const wanted = [from - 1, ...years].filter((y) => byYear.has(y));
  const results = new Map<number, CampaignResults>();
  await Promise.all(
    wanted.map(async (y) => {
      try {
        results.set(y, await api.get<CampaignResults>(`/api/campaigns/${byYear.get(y)!.id}/results`));
      } catch {
        // results still being computed: the year shows as without data.
      }
    }),
  );
  const indicatorYears = new Map<number, IndicatorYear>();
  for (const y of wanted) {
    const proportions = proportionsOf(results.get(y)?.overall.constructs ?? []);
    indicatorYears.set(y, { campaignId: byYear.get(y)!.id, proportions });
  }
  return indicatorsOf({
    from,
    to,
    pillarIds: ref.pillarIds,
    constructs: ref.constructs.map((c) => ({ constructId: c.id, pillarId: c.pillarId })),
    years: indicatorYears,
    targets,
  });
}
