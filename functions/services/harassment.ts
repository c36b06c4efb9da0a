import type { HarassmentIndicators, HarassmentReferenceSetting } from '../../shared/api/harassment';
import type { CampaignResults } from '../../shared/api/results';
import {
  DEFAULT_HARASSMENT_REFERENCE,
  HARASSMENT_REFERENCES,
  type HarassmentReference,
  harassmentReference,
} from '../../shared/benchmarks/harassment-references';
import {
  EXPERIENCED_3Y_ITEM,
  EXPERIENCED_12M_ITEM,
  HARASSMENT_KINDS,
} from '../../shared/instruments/constructs/harassment-experience';
import type { Template } from '../../shared/instruments/schema';
import { policyAtLeast } from '../../shared/disclosure';
import { recheckResults } from '../../shared/results/hide';
import { FDR } from '../../shared/results/indicators';
import { type PrevalenceYear, prevalenceCounts, prevalenceTrend } from '../../shared/results/prevalence';
import type { AppDeps } from '../deps';
import { recordAudit } from './audit';
import { getCampaignRecord } from './campaigns';
import { DomainError } from './errors';

/**
 * Harassment prevalence as dashboard indicators (DESIGN §5): per kind and
 * fiscal year, from each year's latest closed campaign's stored results,
 * re-checked by the disclosure engine as they are served (every figure at
 * k_sensitive), beside the national reference the city chose.
 */
export async function harassmentIndicators(
  deps: AppDeps,
  from: number,
  to: number,
): Promise<HarassmentIndicators> {
  if (to < from) throw new DomainError('invalid', 'invalid_request', 'to must not be before from');
  if (to - from > 20) throw new DomainError('invalid', 'invalid_request', 'at most 21 fiscal years at once');
  const closed = (await deps.store.campaigns.listCampaignHeads())
    .filter(
      (c) => c.status === 'closed' && c.kind !== 'pulse' && c.fiscalYear >= from - 1 && c.fiscalYear <= to,
    )
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const years = new Map<number, PrevalenceYear>();
  const units: HarassmentIndicators['units'] = [];
  let sensitiveMinGroupSize: number | null = null;
  for (const head of closed) {
    if (years.has(head.fiscalYear)) continue;
    const stored = await deps.store.results.getResults(head.id);
    if (!stored) continue;
    const record = await getCampaignRecord(deps, head.id);
    // Served as results are: the stored decisions, checked again against the floors (recheckResults).
    const results: CampaignResults = recheckResults(stored, record.template as Template);
    const policy = policyAtLeast(results.minGroupSize, results.sensitiveMinGroupSize);
    sensitiveMinGroupSize = Math.max(sensitiveMinGroupSize ?? 0, policy.kSensitive);
    const item = (id: string) => results.items.find((i) => i.itemId === id);
    const counts: PrevalenceYear['counts'] = {};
    const threeYears = prevalenceCounts(item(EXPERIENCED_3Y_ITEM), policy.kSensitive);
    const twelveMonths = prevalenceCounts(item(EXPERIENCED_12M_ITEM), policy.kSensitive);
    if (threeYears) counts['3y'] = threeYears;
    if (twelveMonths) counts['12m'] = twelveMonths;
    years.set(head.fiscalYear, { campaignId: head.id, counts });
    if (results.unitPrevalence && head.fiscalYear >= from) {
      units.push({ fiscalYear: head.fiscalYear, campaignId: head.id, cells: results.unitPrevalence });
    }
  }
  units.sort((a, b) => a.fiscalYear - b.fiscalYear);
  const trend = prevalenceTrend({ from, to, years });
  const reference = harassmentReference((await getHarassmentReference(deps)).reference);
  return {
    years: trend.years,
    fdr: FDR,
    sensitiveMinGroupSize,
    reference: referenceOut(reference),
    references: HARASSMENT_REFERENCES.map(referenceOut),
    kinds: trend.kinds.map(({ kind, windows }) => ({
      kind,
      label: HARASSMENT_KINDS.find((o) => o.value === kind)!.label,
      referenceRate: reference.rates[kind]?.rate ?? null,
      windows,
    })),
    units,
  };
}

function referenceOut(r: HarassmentReference): HarassmentIndicators['reference'] {
  return { ...r, rates: { ...r.rates } };
}

/** The reference the city is compared with: its setting, MIC's local-government survey by default. */
export async function getHarassmentReference(
  deps: Pick<AppDeps, 'store'>,
): Promise<HarassmentReferenceSetting> {
  const stored = await deps.store.harassment.getReference();
  return { reference: stored?.reference ?? DEFAULT_HARASSMENT_REFERENCE };
}

export async function setHarassmentReference(
  deps: Pick<AppDeps, 'store' | 'now'>,
  actor: string,
  setting: HarassmentReferenceSetting,
): Promise<HarassmentReferenceSetting> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.store.harassment.putReference({ reference: setting.reference, updatedAt: at, updatedBy: actor });
  await recordAudit(deps, {
    actor,
    action: 'settings.harassment_reference',
    target: setting.reference,
  });
  return setting;
}
