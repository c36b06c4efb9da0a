import type { WorkstyleIndicators } from '../../shared/api/workstyle';
import { type WorkstyleYear, workstyleIndicators } from '../../shared/results/workstyle';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import { resultSummaries } from './insights';

/**
 * The work-style indicators per fiscal year (DESIGN §5): from each year's
 * latest closed campaign with results, as the construct indicators are, and
 * the year before the range for the first change. The figures were published
 * through the disclosure engine when the results were computed.
 */
export async function workstyleTrend(deps: AppDeps, from: number, to: number): Promise<WorkstyleIndicators> {
  if (to < from) throw new DomainError('invalid', 'invalid_request', 'to must not be before from');
  if (to - from > 20) throw new DomainError('invalid', 'invalid_request', 'at most 21 fiscal years at once');
  const closed = (await deps.store.campaigns.listCampaignHeads())
    .filter(
      (c) => c.status === 'closed' && c.kind !== 'pulse' && c.fiscalYear >= from - 1 && c.fiscalYear <= to,
    )
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const summaries = await resultSummaries(
    deps,
    closed.map((c) => c.id),
  );
  const years = new Map<number, WorkstyleYear>();
  for (const c of closed) {
    const summary = summaries.get(c.id);
    if (summary && !years.has(c.fiscalYear))
      years.set(c.fiscalYear, { campaignId: c.id, summary: summary.workstyle });
  }
  return workstyleIndicators(from, to, years);
}
