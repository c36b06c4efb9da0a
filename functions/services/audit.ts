import type { AppDeps } from '../deps';
import type { AuditEntry } from '../store/audit';

/** Adds one entry to the append-only audit log (DESIGN §3, A5). */
export async function recordAudit(
  deps: Pick<AppDeps, 'store' | 'now'>,
  entry: Omit<AuditEntry, 'at'>,
): Promise<void> {
  await deps.store.audit.append({ at: (deps.now?.() ?? new Date()).toISOString(), ...entry });
}

/** The log of one month (`yyyy-mm`), oldest first. */
export function auditMonth(deps: Pick<AppDeps, 'store'>, yyyyMm: string): Promise<AuditEntry[]> {
  return deps.store.audit.listMonth(yyyyMm);
}
