import type { Action, InitiativeProgress, ProgressSet } from '../../shared/api/actions';
import type { User } from '../../shared/api/auth';
import { behindSchedule } from '../../shared/plan/progress';
import { findInitiative, statusIn } from '../../shared/plan/query';
import { yearsOf } from '../../shared/plan/schema';
import type { AppDeps } from '../deps';
import { recordAudit } from './audit';
import { DomainError, notFound } from './errors';

/**
 * The plan's progress (docs/DESIGN.md §5, "Action plans"): per initiative and
 * fiscal year HR records what actually happened against the plan's status for
 * that year; an initiative is behind schedule in a year when what happened is
 * an earlier stage than planned (shared/plan/progress.ts).
 */

async function planOrThrow(deps: AppDeps) {
  const plan = await deps.store.plan.getPlan();
  if (!plan) throw notFound('the plan');
  return plan;
}

/** Every recorded year of every initiative, with the plan's status beside it. */
export async function listProgress(deps: AppDeps): Promise<InitiativeProgress[]> {
  const [plan, records] = await Promise.all([planOrThrow(deps), deps.store.actions.listProgress()]);
  return records
    .map((r) => {
      const planned = statusIn(plan, r.initiativeId, r.fiscalYear);
      return {
        initiativeId: r.initiativeId,
        fiscalYear: r.fiscalYear,
        status: r.status,
        ...(r.note ? { note: r.note } : {}),
        ...(r.link ? { link: r.link } : {}),
        ...(planned ? { planned } : {}),
        behind: behindSchedule(planned, r.status),
        updatedAt: r.updatedAt,
      };
    })
    .sort((a, b) => a.initiativeId.localeCompare(b.initiativeId) || a.fiscalYear - b.fiscalYear);
}

/** HR records (or corrects) an initiative's actual status for a fiscal year of the plan; audited. */
export async function setProgress(
  deps: AppDeps,
  user: User,
  input: ProgressSet,
): Promise<InitiativeProgress> {
  const plan = await planOrThrow(deps);
  if (!findInitiative(plan, input.initiativeId)) {
    throw new DomainError(
      'invalid',
      'unknown_initiative',
      `the plan has no initiative ${input.initiativeId}`,
    );
  }
  if (!yearsOf(plan.fiscalYears).includes(input.fiscalYear)) {
    throw new DomainError(
      'invalid',
      'outside_plan',
      `FY${input.fiscalYear} is outside the plan (FY${plan.fiscalYears.from}–FY${plan.fiscalYears.to})`,
    );
  }
  const updatedAt = (deps.now?.() ?? new Date()).toISOString();
  await deps.store.actions.putProgress({ ...input, updatedAt, updatedBy: user.email });
  await recordAudit(deps, {
    actor: user.email,
    action: 'plan.progress_set',
    target: `${input.initiativeId}#FY${input.fiscalYear}`,
    detail: { status: input.status },
  });
  const planned = statusIn(plan, input.initiativeId, input.fiscalYear);
  return {
    ...input,
    ...(planned ? { planned } : {}),
    behind: behindSchedule(planned, input.status),
    updatedAt,
  };
}

/**
 * What the annual report of a fiscal year needs (h15-report): the approved
 * actions carried out during the year (drafted on the previous year's
 * results), those drafted on this year's results, and the progress recorded
 * for every plan year up to this one. No figure of any unit: the report takes
 * those from the disclosure engine itself.
 */
export async function actionsAndProgressFor(
  deps: AppDeps,
  fiscalYear: number,
): Promise<{ fiscalYear: number; carriedOut: Action[]; planned: Action[]; progress: InitiativeProgress[] }> {
  const approved = async (fy: number) =>
    (await deps.store.actions.listActions(fy))
      .map((r) => r.action)
      .filter((a) => a.approval === 'approved')
      .sort((a, b) => a.id.localeCompare(b.id));
  const [carriedOut, planned, progress] = await Promise.all([
    approved(fiscalYear - 1),
    approved(fiscalYear),
    listProgress(deps),
  ]);
  return { fiscalYear, carriedOut, planned, progress: progress.filter((p) => p.fiscalYear <= fiscalYear) };
}
