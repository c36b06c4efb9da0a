import type { FeedbackIndicators } from '../../../shared/api/feedback';
import { discloseUnitTree, policyFrom, publishCount } from '../../../shared/disclosure';
import { PILLAR_IDS } from '../../../shared/plan/ids';
import type { AppDeps } from '../../deps';
import type { FeedbackCountSnapshot } from '../../store/feedback';
import { DomainError } from '../errors';
import { today } from './common';

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A year's counts as HR may read them (DESIGN §4: never live): the posts
 * dated before today, computed once today, stored, and served as stored until
 * tomorrow. A post that arrives today moves nothing HR reads today.
 */
export async function feedbackSnapshot(deps: AppDeps, fiscalYear: number): Promise<FeedbackCountSnapshot> {
  const day = today(deps);
  const stored = await deps.store.feedback.getSnapshot(fiscalYear);
  // A final snapshot (retention deleted the year's posts) is served as stored for good.
  if (stored && (stored.asOf >= day || stored.final)) return stored;
  const snapshot: FeedbackCountSnapshot = { fiscalYear, asOf: day, groups: {}, pillars: {} };
  for (const p of await deps.store.feedback.listPosts(fiscalYear)) {
    if (p.day >= day) continue;
    snapshot.groups[p.groupId] = (snapshot.groups[p.groupId] ?? 0) + 1;
    const key = p.pillarId ?? 'none';
    const pillar = snapshot.pillars[key] ?? { posts: 0, adopted: 0, declined: 0, replyDays: [] };
    snapshot.pillars[key] = pillar;
    pillar.posts++;
    if (p.status === 'adopted') pillar.adopted++;
    if (p.status === 'declined') pillar.declined++;
    const first = p.messages.find((m) => m.from === 'hr');
    if (first) pillar.replyDays.push(daysBetween(p.day, first.day));
  }
  for (const pillar of Object.values(snapshot.pillars)) pillar.replyDays.sort((a, b) => a - b);
  return deps.store.feedback.putSnapshot(snapshot);
}

/**
 * Feedback indicators, from each year's daily snapshot: posts per pillar and
 * year, adoption rate and median days to HR's first reply; posts by key
 * group (counted at the group's top unit) under disclosure control at
 * k_sensitive, so a small count is never shown.
 */
export async function feedbackIndicators(
  deps: AppDeps,
  from: number,
  to: number,
): Promise<FeedbackIndicators> {
  if (to < from || to - from > 20)
    throw new DomainError('invalid', 'invalid_request', 'from..to must span 1 to 21 years');
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const units = await deps.store.directory.listUnits();
  const policy = policyFrom();
  const snapshots = await Promise.all(years.map((y) => feedbackSnapshot(deps, y)));
  const known = new Set(units.map((u) => u.code));
  return {
    years,
    // The newest day: a year whose posts retention deleted keeps the day its counts were frozen.
    asOf: snapshots
      .map((s) => s.asOf)
      .sort()
      .at(-1)!,
    // The plan's pillars, then 未分類 (pillarId null) when some post has none yet.
    pillars: [...PILLAR_IDS, ...(snapshots.some((s) => s.pillars.none) ? (['none'] as const) : [])].map(
      (key) => ({
        pillarId: key === 'none' ? null : key,
        values: years.map((fiscalYear, i) => {
          const c = snapshots[i]!.pillars[key] ?? { posts: 0, adopted: 0, declined: 0, replyDays: [] };
          const decided = c.adopted + c.declined;
          return {
            fiscalYear,
            posts: c.posts,
            adopted: c.adopted,
            adoptionRate: decided > 0 ? c.adopted / decided : null,
            medianDaysToFirstReply: median(c.replyDays),
          };
        }),
      }),
    ),
    units: years.map((fiscalYear, i) => {
      const counts = snapshots[i]!.groups;
      const tree = discloseUnitTree(
        units.map((u) => ({
          code: u.code,
          parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
          ownCount: counts[u.code] ?? 0,
        })),
        policy,
        { sensitive: true },
      );
      return {
        fiscalYear,
        cells: units.map((u) => {
          const { n, suppressed } = publishCount(tree.cells.get(u.code) ?? { n: 0, shown: false });
          return { unitCode: u.code, posts: n, suppressed };
        }),
      };
    }),
  };
}
