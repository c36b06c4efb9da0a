import type { Campaign } from '../../../shared/api/campaign';
import type { CampaignResults, Indicators, IndicatorValue } from '../../../shared/api/results';
import type { PillarId } from '../../../shared/plan/ids';
import { twoProportionZ } from '../../../shared/stats/two-proportion-z';
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
  const target = new Map(targets.map((t) => [`${t.fiscalYear}#${t.constructId}`, t.favourable]));
  const pillars = ref.pillarIds.map((pillarId: PillarId) => ({
    pillarId,
    indicators: ref.constructs
      .filter((c) => c.pillarId === pillarId)
      .map((construct) => {
        let previous: { x: number; n: number; favourable: number } | undefined;
        const prior = results.get(from - 1)?.overall.constructs.find((c) => c.constructId === construct.id);
        if (prior && prior.favourable !== null && prior.n !== null) {
          previous = { x: Math.round(prior.favourable * prior.n), n: prior.n, favourable: prior.favourable };
        }
        const values = years.map((fiscalYear): IndicatorValue => {
          const r = results.get(fiscalYear);
          const cell = r?.overall.constructs.find((c) => c.constructId === construct.id);
          const base = {
            fiscalYear,
            campaignId: byYear.get(fiscalYear)?.id ?? null,
            target: target.get(`${fiscalYear}#${construct.id}`) ?? null,
          };
          if (!cell || cell.suppressed || cell.favourable === null || cell.n === null) {
            return { ...base, favourable: null, n: null, delta: null, significant: null };
          }
          const x = Math.round(cell.favourable * cell.n);
          let delta: number | null = null;
          let significant: boolean | null = null;
          if (previous) {
            delta = cell.favourable - previous.favourable;
            significant = twoProportionZ(previous.x, previous.n, x, cell.n).significant;
          }
          previous = { x, n: cell.n, favourable: cell.favourable };
          return { ...base, favourable: cell.favourable, n: cell.n, delta, significant };
        });
        return { constructId: construct.id, values };
      }),
  }));
  return { years, pillars };
}
