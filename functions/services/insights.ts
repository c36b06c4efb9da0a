import type { User } from '../../shared/api/auth';
import type { CampaignResults, Indicators, TargetSet } from '../../shared/api/results';
import type { Template } from '../../shared/instruments/schema';
import { PILLAR_IDS, type PillarId } from '../../shared/plan/ids';
import type { Plan } from '../../shared/plan/schema';
import type { ResultsSummary } from '../../shared/results/compute';
import { unitRank } from '../../shared/organisation/order';
import { recheckResults } from '../../shared/results/hide';
import { type IndicatorYear, indicatorsOf, proportionsOf } from '../../shared/results/indicators';
import type { AppDeps } from '../deps';
import { DomainError, notFound } from './errors';
import { getCampaignRecord } from './campaigns';
import { keyBook } from './frozen';
import { subtreeOf } from './units';

/** A campaign's results for a user: everything for admin and analyst, one subtree for a manager. */
export async function resultsFor(deps: AppDeps, campaignId: string, user: User): Promise<CampaignResults> {
  const record = await getCampaignRecord(deps, campaignId);
  if (record.status !== 'closed') {
    throw new DomainError(
      'conflict',
      'campaign_open',
      'results are available only after the campaign closes',
    );
  }
  const stored = await deps.store.results.getResults(campaignId);
  if (!stored)
    throw new DomainError(
      'conflict',
      'results_pending',
      'results are still being computed; try again shortly',
    );
  // The tree frozen at open: moving units afterwards changes no closed campaign's scope, and its
  // units are listed in the display order they had at open (snapshots without one: by code).
  const tree = record.frozen
    ? (await keyBook(deps, record)).organisation.units
    : await deps.store.directory.listUnits();
  const rank = unitRank(tree);
  const checked = recheckResults(stored, record.template as Template);
  const results = {
    ...checked,
    units: checked.units
      .map((u, i) => ({ u, i }))
      .sort(
        (a, b) =>
          (rank.get(a.u.unitCode) ?? tree.length + a.i) - (rank.get(b.u.unitCode) ?? tree.length + b.i),
      )
      .map(({ u }) => u),
  };
  if (user.role !== 'manager') return results;
  // A manager sees no part of the harassment module (DESIGN §4: sensitive content is for HR's readers).
  delete results.unitPrevalence;
  const scope = subtreeOf(tree, user.unitCode ?? '');
  const units = results.units.filter((u) => scope.has(u.unitCode));
  const root = units.find((u) => u.unitCode === user.unitCode);
  const none = { n: null, suppressed: true, hiddenReason: 'few' as const, constructs: [] };
  // The manager's overall is their unit's row as published, with the reason it is hidden if it is.
  const overall = root
    ? {
        n: root.n,
        suppressed: root.suppressed,
        ...(root.hiddenReason ? { hiddenReason: root.hiddenReason } : {}),
        constructs: root.constructs,
      }
    : none;
  return {
    ...results,
    overall,
    units,
    breakdowns: { jobLevel: [], ageBand: [], employmentType: [] },
    items: [],
    itemScores: [],
    comments: { suppressed: true, texts: [] },
    ...(results.customItems ? { customItems: [] } : {}),
  };
}

/**
 * Indicators: each construct's favourable share per fiscal year from stored
 * results, grouped by pillar, with the change from the previous year that has
 * a value, its raw p (pooled two-proportion z-test on respondents) and its
 * Benjamini–Hochberg q across all the changes returned, and each pillar's
 * summary figure as stored with the results (DESIGN §5). One campaign per
 * year: the latest closed one with results.
 */
export async function indicators(deps: AppDeps, from: number, to: number): Promise<Indicators> {
  checkIndicatorRange(from, to);
  // Each year's latest closed campaign, and the year before the range for the first delta:
  // campaign heads only (no template snapshots), then their summaries.
  const summariesRead = (async () => {
    const closed = (await deps.store.campaigns.listCampaignHeads())
      // A pulse survey has its own results page and never stands in for a year's annual figure (DESIGN §5).
      .filter(
        (c) => c.status === 'closed' && c.kind !== 'pulse' && c.fiscalYear >= from - 1 && c.fiscalYear <= to,
      )
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    const summaries = await resultSummaries(
      deps,
      closed.map((c) => c.id),
    );
    return closed.flatMap((c) => {
      const summary = summaries.get(c.id);
      return summary ? [{ fiscalYear: c.fiscalYear, summary }] : [];
    });
  })();
  const [summaries, targets, outlines] = await Promise.all([
    summariesRead,
    deps.store.plan.listTargets(),
    templateOutlines(deps),
  ]);
  const byYear = new Map<number, ResultsSummary>();
  for (const { fiscalYear, summary } of summaries)
    if (!byYear.has(fiscalYear)) byYear.set(fiscalYear, summary);
  // Constructs in the order the bank lists them; any seen in results but not in a template come last.
  const constructs: Array<{ constructId: string; pillarId: PillarId }> = [];
  const seen = new Set<string>();
  const note = (constructId: string, pillarId: PillarId) => {
    if (!seen.has(constructId)) {
      seen.add(constructId);
      constructs.push({ constructId, pillarId });
    }
  };
  for (const outline of outlines) for (const c of outline) note(c.constructId, c.pillarId);
  for (const s of byYear.values()) for (const c of s.constructs) note(c.constructId, c.pillarId);
  const years = new Map<number, IndicatorYear>();
  for (const [fiscalYear, summary] of byYear) {
    years.set(fiscalYear, {
      campaignId: summary.campaignId,
      proportions: proportionsOf(summary.constructs),
      ...(summary.pillars
        ? {
            pillars: new Map(
              summary.pillars.map((p) => [
                p.pillarId,
                { value: p.value, ci: p.ci, n: p.n, suppressed: p.suppressed },
              ]),
            ),
          }
        : {}),
    });
  }
  return indicatorsOf({ from, to, pillarIds: PILLAR_IDS, constructs, years, targets });
}

/** A range of fiscal years indicators can be asked for: a 400 otherwise. */
export function checkIndicatorRange(from: number, to: number): void {
  if (to < from) throw new DomainError('invalid', 'invalid_request', 'to must not be before from');
  if (to - from > 20) throw new DomainError('invalid', 'invalid_request', 'at most 21 fiscal years at once');
}

/**
 * Result summaries never change once stored: they are computed from the
 * answers of a closed campaign after every accepted submission has landed
 * (open-campaigns.ts), and a recomputation gives the same figures. So each is
 * read once per process; only those not computed yet are asked for again.
 */
const summaryCache = new WeakMap<AppDeps['store'], Map<string, ResultsSummary>>();

export async function resultSummaries(
  deps: AppDeps,
  campaignIds: string[],
): Promise<Map<string, ResultsSummary>> {
  let cache = summaryCache.get(deps.store);
  if (!cache) {
    cache = new Map();
    summaryCache.set(deps.store, cache);
  }
  const missing = campaignIds.filter((id) => !cache.has(id));
  if (missing.length > 0) {
    for (const [id, summary] of await deps.store.results.getResultSummaries(missing)) {
      cache.set(id, summary);
    }
  }
  return new Map(campaignIds.flatMap((id) => (cache.has(id) ? [[id, cache.get(id)!] as const] : [])));
}

type Outline = Array<{ constructId: string; pillarId: PillarId }>;

/**
 * Each template's constructs in order: what indicators need of the bank, and
 * it changes only when templates are loaded (at start or deploy). Kept for a
 * minute, so a dashboard does not read every template snapshot on each view.
 */
const TEMPLATE_OUTLINE_TTL_MS = 60_000;
const outlineCache = new WeakMap<AppDeps['store'], { at: number; outlines: Promise<Outline[]> }>();

function templateOutlines(deps: AppDeps): Promise<Outline[]> {
  const cached = outlineCache.get(deps.store);
  if (cached && performance.now() - cached.at < TEMPLATE_OUTLINE_TTL_MS) return cached.outlines;
  const outlines = deps.store.plan
    .listTemplates()
    .then((templates) =>
      templates.map((t) => t.constructs.map((c) => ({ constructId: c.id, pillarId: c.pillarId }))),
    );
  outlineCache.set(deps.store, { at: performance.now(), outlines });
  outlines.catch(() => outlineCache.delete(deps.store));
  return outlines;
}

/** The plan the indicators are organised by (pillars, priorities, initiatives), as loaded. */
export async function currentPlan(deps: AppDeps): Promise<Plan> {
  const plan = await deps.store.plan.getPlan();
  if (!plan) throw notFound('the plan');
  return plan;
}

/** HR's targets: the favourable share aimed at per construct and fiscal year. */
export function listTargets(deps: AppDeps): Promise<TargetSet[]> {
  return deps.store.plan.listTargets();
}

export async function setTarget(deps: AppDeps, input: TargetSet): Promise<TargetSet> {
  const templates = await deps.store.plan.listTemplates();
  if (!templates.some((t) => t.constructs.some((c) => c.id === input.constructId))) {
    throw new DomainError('invalid', 'unknown_construct', `construct ${input.constructId} is in no template`);
  }
  await deps.store.plan.putTarget(input);
  return input;
}
