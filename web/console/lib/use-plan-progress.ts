import type { InitiativeProgress } from '../../../shared/api/actions';
import { can, useSession } from './session';
import { useResource } from './use-resource';

/**
 * The plan's progress (issue 15) for those who read results: each record by
 * `<initiativeId>#<fiscalYear>`, and which initiatives are behind in any year.
 */
export function usePlanProgress() {
  const { user } = useSession();
  const res = useResource<InitiativeProgress[]>(can.readResults(user.role) ? '/api/plan/progress' : null);
  const records = res.data ?? [];
  return {
    resource: res,
    byYear: new Map(records.map((p) => [`${p.initiativeId}#${p.fiscalYear}`, p])),
    behind: new Set(records.filter((p) => p.behind).map((p) => p.initiativeId)),
  };
}
