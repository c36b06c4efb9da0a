import { annualStaffSurvey } from '../../shared/instruments';
import type { Plan } from '../../shared/plan';
import type { Store } from '../store';

/**
 * What every store holds: the plan and the survey templates of the bank.
 * Idempotent; run at every start so a new template version appears.
 */
export async function seedBase(store: Store, plan: Plan): Promise<void> {
  await store.plan.putPlan(plan);
  await store.plan.putTemplate(annualStaffSurvey);
}
