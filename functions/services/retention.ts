import type { RetentionPlan, RetentionRun, RetentionSetting } from '../../shared/api/retention';
import { fiscalYearBounds, jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { recordAudit } from './audit';
import { DomainError } from './errors';
import { feedbackSnapshot } from './feedback/indicators';

/**
 * Retention (DESIGN §2 "Retention"): after the city's number of years, the raw
 * answers of closed campaigns and the feedback posts of finished fiscal years
 * are deleted. Results (RESULT#), indicators, reports, counters and the audit
 * log stay. The rule, for N years and the time `now`:
 *
 * - a campaign's raw answers go when it is closed, its results are stored, and
 *   its answering period ended (the earlier of `closesAt` and `closedAt`) more
 *   than N years before `now`;
 * - a fiscal year's feedback posts go when the fiscal year ended (31 March,
 *   JST) more than N years before `now`. A thread of an earlier year may still
 *   be open when its year ends; it is kept until the whole year is past N
 *   years, never cut one post at a time. The year's counts are frozen first
 *   (the snapshot becomes final), so the feedback indicators do not change.
 *   Spent-token marks (`SPENT#`) stay: they hold no content and are what keeps
 *   a token from posting again into a retired year.
 *
 * Nothing is read but keys and counts: no answer or post text.
 */

type Deps = Pick<AppDeps, 'store' | 'now'>;

const nowOf = (deps: Deps) => deps.now?.() ?? new Date();

/** `now` minus whole calendar years. */
export function retentionCutoff(now: Date, years: number): Date {
  const cut = new Date(now.getTime());
  cut.setUTCFullYear(cut.getUTCFullYear() - years);
  return cut;
}

export async function getRetentionSetting(deps: Deps): Promise<RetentionSetting> {
  return deps.store.retention.getSetting();
}

export async function setRetentionSetting(
  deps: Deps,
  actor: string,
  years: number | null,
): Promise<RetentionSetting> {
  if (years !== null && (!Number.isInteger(years) || years < 1 || years > 100))
    throw new DomainError(
      'invalid',
      'invalid_retention',
      'retention must be 1 to 100 whole years, or forever',
    );
  const setting: RetentionSetting = { years, updatedAt: nowOf(deps).toISOString(), updatedBy: actor };
  await deps.store.retention.putSetting(setting);
  await recordAudit(deps, {
    actor,
    action: 'retention.setting_changed',
    target: 'retention',
    detail: { years: years ?? 'forever' },
  });
  return setting;
}

/**
 * What retention would delete now: campaigns and fiscal years with counts, never content.
 *
 * `counts: 'table'` (the run, the CLI, the local schedule) counts the raw answers left in the
 * responses table by key. `'recorded'` (the admin API: on AWS the admin function has no access to
 * the responses table at all, A6) takes each campaign's exact response count stored by the results
 * job and leaves out what an earlier run recorded as deleted.
 */
export async function planRetention(
  deps: Deps,
  options: { years?: number | null; counts?: 'table' | 'recorded' } = {},
): Promise<RetentionPlan> {
  const keep = options.years === undefined ? (await deps.store.retention.getSetting()).years : options.years;
  const recorded = options.counts === 'recorded';
  const retired = recorded ? await deps.store.retention.listRetired() : new Set<string>();
  if (keep === null) return { years: null, cutoff: null, campaigns: [], feedback: [] };
  const cutoff = retentionCutoff(nowOf(deps), keep);
  const campaigns: RetentionPlan['campaigns'] = [];
  for (const c of await deps.store.retention.listCampaigns()) {
    if (c.status !== 'closed') continue;
    const ends = [c.closesAt, c.closedAt].filter((t): t is string => typeof t === 'string').sort();
    const endedAt = ends[0];
    if (!endedAt || Date.parse(endedAt) >= cutoff.getTime()) continue;
    // Results not stored yet: the answers are still needed to compute them.
    if (!(await deps.store.results.getResultSummary(c.id))) continue;
    if (retired.has(`CAMPAIGN#${c.id}`)) continue;
    const responses = recorded
      ? (await deps.store.campaigns.listCounters(c.id)).reduce((n, u) => n + u.responses, 0)
      : await deps.store.retention.countResponses(c.id);
    if (responses > 0) campaigns.push({ campaignId: c.id, fiscalYear: c.fiscalYear, endedAt, responses });
  }
  campaigns.sort((a, b) => a.fiscalYear - b.fiscalYear || a.campaignId.localeCompare(b.campaignId));
  const feedback: RetentionPlan['feedback'] = [];
  // Fiscal years are 2000–2100 (shared/api/feedback.ts); only those ended before the cutoff are counted.
  for (let fy = 2000; fy <= 2100 && Date.parse(fiscalYearBounds(fy).end) < cutoff.getTime(); fy++) {
    if (retired.has(`FY#${fy}`)) continue;
    const posts = await deps.store.retention.countPosts(fy);
    if (posts > 0) feedback.push({ fiscalYear: fy, posts });
  }
  return { years: keep, cutoff: cutoff.toISOString(), campaigns, feedback };
}

/**
 * Deletes what {@link planRetention} lists (or only lists it, `dryRun`), and
 * writes each deletion to the audit log with its counts.
 */
export async function runRetention(
  deps: Deps,
  options: { dryRun?: boolean; actor?: string } = {},
): Promise<RetentionRun> {
  const plan = await planRetention(deps);
  const actor = options.actor ?? 'system';
  if (options.dryRun) return { ...plan, dryRun: true };
  for (const c of plan.campaigns) {
    const deleted = await deps.store.retention.deleteResponses(c.campaignId);
    c.responses = deleted;
    await deps.store.retention.markRetired(`CAMPAIGN#${c.campaignId}`, deleted, nowOf(deps).toISOString());
    await recordAudit(deps, {
      actor,
      action: 'retention.responses_deleted',
      target: c.campaignId,
      detail: { fiscalYear: c.fiscalYear, responses: deleted, years: plan.years ?? 0 },
    });
  }
  for (const y of plan.feedback) {
    // Freeze the year's counts before its posts go, so the feedback indicators stay as they were.
    const snapshot = await feedbackSnapshot(deps as AppDeps, y.fiscalYear);
    await deps.store.retention.freezeSnapshot(snapshot);
    const deleted = await deps.store.retention.deletePosts(y.fiscalYear);
    y.posts = deleted;
    await deps.store.retention.markRetired(`FY#${y.fiscalYear}`, deleted, nowOf(deps).toISOString());
    await recordAudit(deps, {
      actor,
      action: 'retention.posts_deleted',
      target: `FY${y.fiscalYear}`,
      detail: { fiscalYear: y.fiscalYear, posts: deleted, years: plan.years ?? 0 },
    });
  }
  return { ...plan, dryRun: false };
}

/**
 * The daily run of the local schedule ticker and the AWS retention function:
 * nothing while the city keeps everything; otherwise at most once per JST day.
 */
export async function runRetentionDaily(deps: Deps, now: Date): Promise<RetentionRun | undefined> {
  const setting = await deps.store.retention.getSetting();
  if (setting.years === null) return undefined;
  if (!(await deps.store.retention.claimDay(jstDay(now)))) return undefined;
  return runRetention({ ...deps, now: () => now });
}
