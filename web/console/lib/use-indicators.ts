import { useEffect, useState } from 'react';
import type { Indicators } from '../../../shared/api/results';
import { api } from './api';
import { subtreeIndicators } from './indicators';
import { useReference } from './reference';
import { can, useSession } from './session';

/** The plan's fiscal years of indicators: organisation-wide, or a manager's own subtree. */
export function useIndicators(): { data?: Indicators; error?: Error; scope: 'organisation' | 'subtree' } {
  const ref = useReference();
  const { user } = useSession();
  const organisation = can.readIndicators(user.role);
  const [state, setState] = useState<{ data?: Indicators; error?: Error }>({});
  const { from, to } = ref.plan.fiscalYears;
  useEffect(() => {
    let alive = true;
    const load = organisation
      ? api.get<Indicators>(`/api/indicators?from=${from}&to=${to}`)
      : api
          .get<Array<{ constructId: string; fiscalYear: number; favourable: number }>>('/api/targets')
          .then((targets) => subtreeIndicators(ref, from, to, targets));
    load.then((data) => alive && setState({ data })).catch((error: Error) => alive && setState({ error }));
    return () => {
      alive = false;
    };
  }, [organisation, ref, from, to]);
  return { ...state, scope: organisation ? 'organisation' : 'subtree' };
}
